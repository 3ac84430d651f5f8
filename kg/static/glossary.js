// The glossary page of a kg build: search, filters, a panel per term, copy and CSV export.
//
// The data is the JSON of the #kg-data element, written by kg/export/html.py (page_data's
// docstring describes the layout).  Every string that comes from a document or the thesaurus is put into
// the page as text (textContent, Text nodes, attribute values), never parsed as HTML.
"use strict";
(() => {
  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  if (DATA.version !== 1) throw new Error(`unknown glossary data version ${DATA.version}`);
  const CONCEPTS = DATA.concepts;
  const BY_ID = new Map(CONCEPTS.map((concept, index) => [concept.row.id, index]));
  const FOLD = DATA.fold;
  const IGNORED = new Set(DATA.ignored);
  const PAGE = 100; // list rows rendered at a time: the DOM, not the search, is what costs
  const KWIC = 40; // characters shown on each side of a mention in a context line
  const CONTEXTS = 50; // context lines shown before "show all"
  const LANGUAGES = [["zh-Hans", "简体"], ["zh-Hant", "繁體"], ["en", "English"]];

  const $ = (id) => document.getElementById(id);
  const ui = {
    q: $("q"), types: $("types"), english: $("english"), sort: $("sort"), exportButton: $("export"),
    summary: $("summary"), results: $("results"), empty: $("empty"), emptyQuery: $("empty-query"),
    emptyFilters: $("empty-filters"), clear: $("clear"), more: $("more"), panel: $("panel"), toast: $("toast"),
  };
  const state = { types: new Set(), matches: [], shown: 0, active: -1, open: -1, focusPanel: false };

  // ------------------------------------------------------------------ building the DOM

  // el("a", {href: …, text: …}, child…): an element whose text and attributes are set as text.
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "text") node.textContent = String(value);
      else if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
    return node;
  }

  // Only web addresses become links: a "javascript:" source from a hostile document stays text.
  const webAddress = (url) => typeof url === "string" && /^https?:\/\//i.test(url);

  const row = (index) => CONCEPTS[index].row;
  const nameOf = (index) => row(index)["zh-Hans"] || row(index)["zh-Hant"] || row(index).en || row(index).id;

  // A link to another term's panel, or plain text for a concept the page has no row for.
  function termLink(ref) {
    if (typeof ref !== "number") return el("span", { class: "term off", lang: "zh", text: ref });
    const english = row(ref).en;
    return el("a", { class: "term", href: `#term=${encodeURIComponent(row(ref).id)}`, title: english },
      el("span", { lang: "zh-Hans", text: nameOf(ref) }));
  }

  function documentLink(documentIndex, offset) {
    const doc = DATA.documents[documentIndex];
    const title = [doc.title, doc.date].filter(Boolean).join(" · ");
    const text = `${doc.id} @ ${offset}`;
    return webAddress(doc.url)
      ? el("a", { class: "where", href: doc.url, target: "_blank", rel: "noopener noreferrer", title, text })
      : el("span", { class: "where", title, text });
  }

  // ------------------------------------------------------------------ search

  // A query as the keys were folded in Python: NFKC, lower case, Traditional → Simplified, marks dropped.
  function fold(text) {
    let out = "";
    for (const char of text.normalize("NFKC").toLowerCase()) {
      if (!IGNORED.has(char)) out += FOLD[char] || char;
    }
    return out.replace(/\s+/g, " ").trim();
  }

  // How well a term's keys match: 0 a key is the query, 1 a key (or one of its words) begins with it,
  // 2 every word of the query is somewhere in the keys, -1 no match.
  function rank(keys, query, words) {
    let prefix = false;
    for (const key of keys) {
      if (key === query) return 0;
      if (!prefix && (key.startsWith(query) || key.includes(` ${query}`))) prefix = true;
    }
    if (prefix) return 1;
    return words.every((word) => keys.some((key) => key.includes(word))) ? 2 : -1;
  }

  // The terms in each sort order, computed once when first asked for.
  const orders = {};
  function order(sort) {
    if (orders[sort]) return orders[sort];
    const indexes = CONCEPTS.map((_, index) => index);
    if (sort === "frequency") {
      // the count is a term's uses: its mentions, and for an indicator the figures that measure it
      const uses = (index) => row(index).count || 0;
      indexes.sort((a, b) => uses(b) - uses(a) || a - b);
    } else {
      const collator = new Intl.Collator(sort === "zh" ? "zh-Hans-CN-u-co-pinyin" : "en", { sensitivity: "base" });
      const name = sort === "zh" ? (i) => row(i)["zh-Hans"] || row(i)["zh-Hant"] || "" : (i) => row(i).en || "";
      indexes.sort((a, b) => (!name(a) - !name(b)) || collator.compare(name(a), name(b)) || a - b);
    }
    orders[sort] = indexes;
    return indexes;
  }

  function search() {
    const started = performance.now();
    const query = fold(ui.q.value);
    const words = query ? query.split(" ") : [];
    const english = ui.english.value;
    const tiers = [[], [], []];
    const perType = {};
    for (const index of order(ui.sort.value)) {
      const concept = CONCEPTS[index];
      if (english && concept.row.english_status !== english) continue;
      const tier = query ? rank(concept.keys, query, words) : 0;
      if (tier < 0) continue;
      perType[concept.row.type] = (perType[concept.row.type] || 0) + 1;
      if (state.types.size && !state.types.has(concept.row.type)) continue;
      tiers[tier].push(index);
    }
    // with a query, better matches come first, each tier in the chosen order
    state.matches = tiers[0].concat(tiers[1], tiers[2]);
    renderList(query, perType);
    performance.measure("kg-search", { start: started });
  }

  // ------------------------------------------------------------------ the list

  function renderList(query, perType) {
    for (const box of ui.types.querySelectorAll("input")) {
      box.nextElementSibling.lastChild.textContent = ` ${perType[box.value] || 0}`;
    }
    const total = state.matches.length;
    const searchedAs = query && query !== ui.q.value.trim().toLowerCase() ? ` · searched as “${query}”` : "";
    ui.summary.textContent = `${total.toLocaleString("en")} of ${CONCEPTS.length.toLocaleString("en")} terms${searchedAs}`;
    ui.exportButton.textContent = `Export CSV (${total.toLocaleString("en")})`;
    ui.exportButton.disabled = total === 0;
    ui.empty.hidden = total > 0;
    ui.emptyQuery.textContent = ui.q.value.trim();
    ui.emptyQuery.hidden = !ui.q.value.trim();
    ui.emptyFilters.hidden = !(state.types.size || ui.english.value);
    ui.results.replaceChildren();
    state.shown = 0;
    setActive(-1);
    showMore();
  }

  function showMore() {
    const end = Math.min(state.matches.length, state.shown + PAGE);
    const items = document.createDocumentFragment();
    for (let position = state.shown; position < end; position++) items.append(listItem(state.matches[position], position));
    ui.results.append(items);
    state.shown = end;
    const left = state.matches.length - end;
    ui.more.hidden = left === 0;
    ui.more.textContent = `Show ${Math.min(PAGE, left)} more (${left.toLocaleString("en")} left)`;
  }

  function listItem(index, position) {
    const data = row(index);
    const hant = data["zh-Hant"] && data["zh-Hant"] !== data["zh-Hans"] ? data["zh-Hant"] : null;
    const short = [...new Set(LANGUAGES.flatMap(([lang]) => data[`abbreviations_${lang}`] || []))];
    return el("li", { id: `option-${position}`, role: "option", "aria-selected": "false", "data-index": index,
      class: index === state.open ? "open" : null },
      el("span", { class: `type t-${data.type}`, text: data.type }),
      el("span", { class: "names" },
        el("span", { class: "zh", lang: "zh-Hans", text: data["zh-Hans"] }),
        hant && el("span", { class: "zh hant", lang: "zh-Hant", text: hant }),
        el("span", { class: `en ${data.english_status}`, lang: "en", text: data.en }),
        short.length > 0 && el("span", { class: "short", text: short.join(" · ") })),
      usesNode(index),
      el("button", { type: "button", class: "copy", "data-copy": index, title: "Copy zh-Hans ⇥ zh-Hant ⇥ English",
        "aria-label": `Copy ${nameOf(index)}`, text: "copy" }));
  }

  // How much a term is used: its mentions, or for an indicator, which is measured rather than mentioned, its figures.
  function usesNode(index) {
    const figures = figureCount(CONCEPTS[index]);
    return figures && row(index).count === figures
      ? el("span", { class: "count", title: "figures reported", text: `${figures} fig.` })
      : el("span", { class: "count", title: figures ? "mentions and figures" : "mentions", text: row(index).count });
  }

  function setActive(position) {
    const previous = $(`option-${state.active}`);
    if (previous) previous.setAttribute("aria-selected", "false");
    state.active = position;
    const current = $(`option-${position}`);
    if (current) {
      current.setAttribute("aria-selected", "true");
      current.scrollIntoView({ block: "nearest" });
      ui.q.setAttribute("aria-activedescendant", current.id);
    } else {
      ui.q.removeAttribute("aria-activedescendant");
    }
  }

  function move(step) {
    if (state.matches.length === 0) return;
    const position = Math.max(0, Math.min(state.matches.length - 1, state.active + step));
    while (position >= state.shown) showMore();
    setActive(position);
  }

  // ------------------------------------------------------------------ the panel of one term

  function open(index, focus) {
    state.focusPanel = focus;
    const hash = `#term=${encodeURIComponent(row(index).id)}`;
    if (location.hash === hash) route();
    else location.hash = hash; // the hashchange handler shows it, and Back returns to the previous term
  }

  function route() {
    const match = /^#term=(.+)$/.exec(location.hash);
    let index;
    try {
      index = match ? BY_ID.get(decodeURIComponent(match[1])) : undefined;
    } catch {
      index = undefined; // a hand-edited address that is not valid percent-encoding: show the list
    }
    if (index === undefined) closePanel();
    else showPanel(index);
  }

  function closePanel() {
    state.open = -1;
    ui.panel.hidden = true;
    ui.panel.replaceChildren();
    document.body.classList.remove("has-panel");
    for (const item of ui.results.querySelectorAll("li.open")) item.classList.remove("open");
  }

  function showPanel(index) {
    const concept = CONCEPTS[index];
    const data = concept.row;
    state.open = index;
    for (const item of ui.results.querySelectorAll("li")) item.classList.toggle("open", Number(item.dataset.index) === index);
    const parts = [
      el("div", { class: "panel-head" },
        el("button", { type: "button", class: "back", "data-close": "", text: "← List" }),
        el("span", { class: `type t-${data.type}`, text: data.type, title: typeName(data.type) }),
        el("h2", { lang: "zh-Hans", text: nameOf(index) }),
        el("button", { type: "button", class: "copy-row", "data-copy": index, text: "Copy row",
          title: "zh-Hans ⇥ zh-Hant ⇥ English, for a spreadsheet or a termbase" }),
        el("button", { type: "button", class: "close", "data-close": "", "aria-label": "Close", text: "×" })),
      labelsTable(data),
      about(concept),
      concept.speakers && speakersSection(concept.speakers),
      concept.agent !== undefined && agentSection(DATA.agents[concept.agent]),
      concept.cooccurs && cooccurrenceSection(concept),
      concept.figures && figuresSection(concept),
      (concept.contexts || !concept.figures) && contextsSection(concept, index),
    ];
    ui.panel.replaceChildren(...parts.filter(Boolean)); // sections a term has nothing for are left out
    ui.panel.hidden = false;
    document.body.classList.add("has-panel");
    ui.panel.scrollTop = 0;
    if (state.focusPanel) ui.panel.focus();
    state.focusPanel = false;
  }

  const typeName = (type) => {
    const labels = (DATA.types.find((t) => t.id === type) || { labels: {} }).labels;
    return [labels.en, labels["zh-Hans"]].filter(Boolean).join(" · ");
  };

  function labelsTable(data) {
    const rows = LANGUAGES.map(([lang, name]) => {
      const label = data[lang] || "";
      const status = lang === "en" && data.english_status
        ? el("span", { class: `status ${data.english_status}`, text: data.english_status }) : null;
      const alternatives = (kind, title) => (data[`${kind}_${lang}`] || []).length > 0
        && el("div", { class: "alt" }, `${title}: `, el("span", { lang, text: data[`${kind}_${lang}`].join(DATA.separator) }));
      return el("tr", {},
        el("th", { scope: "row", text: name }),
        el("td", {},
          el("span", { class: lang === "en" ? `label ${data.english_status}` : "label", lang, text: label }), " ",
          label && el("button", { type: "button", class: "copy", "data-text": label, "aria-label": `Copy ${label}`, title: "Copy", text: "copy" }),
          status, alternatives("abbreviations", "abbreviations"), alternatives("variants", "variants")));
    });
    return el("table", { class: "labels" }, el("tbody", {}, ...rows));
  }

  function about(concept) {
    const data = concept.row;
    const facts = [];
    if (data.english_note) facts.push(["English", el("span", { text: data.english_note })]);
    if (data.definition) facts.push(["Definition", el("span", { lang: "en", text: data.definition })]);
    if (data.source) {
      facts.push(["Source", webAddress(data.source)
        ? el("a", { href: data.source, target: "_blank", rel: "noopener noreferrer", text: data.source })
        : el("span", { text: data.source })]);
    }
    for (const [key, name] of [["broader", "Part of"], ["narrower", "Has parts"], ["replacedBy", "Replaced by"], ["replaces", "Replaces"]]) {
      if (concept[key]) facts.push([name, el("span", { class: "terms" }, ...concept[key].map(termLink))]);
    }
    const documents = data.documents || [];
    const figures = figureCount(concept);
    const mentions = (data.count || 0) - figures;  // the count holds an indicator's figures as uses
    let uses = figures ? `${plural(figures, "figure")} reported` : "";
    if (mentions || !figures) uses += `${uses ? "; " : ""}${plural(mentions, "mention")}`;
    uses += ` in ${plural(data.document_count || 0, "document")}`;
    if (documents.length) uses += `${documents.length < data.document_count ? ", among them" : ""}: ${documents.join(", ")}`;
    facts.push(["Used", el("span", { text: uses })]);
    return el("dl", { class: "about" }, ...facts.flatMap(([name, value]) => [el("dt", { text: name }), el("dd", {}, value)]));
  }

  const plural = (n, noun) => `${n.toLocaleString("en")} ${noun}${n === 1 ? "" : "s"}`;

  // Of a long list the page holds a sample (kg/sample.py): "12" when it holds all, "a sample of 100 of 1,234" when not.
  const howMany = (shown, total) => (total ? `a sample of ${shown} of ${total.toLocaleString("en")}` : `${shown}`);
  const figureCount = (concept) => concept.figuresTotal || (concept.figures || []).length;

  function section(title, ...content) {
    return el("section", { class: "part" }, el("h3", { text: title }), ...content);
  }

  function agentLine(agent, count) {
    return el("li", {}, termLink(agent.ref),
      agent.roles && el("span", { class: "roles", text: agent.roles.join("、") }),
      agent.orgs && el("span", { class: "orgs" }, ...agent.orgs.map(termLink)),
      count !== undefined && el("span", { class: "count", title: "mentions in their turns", text: count }));
  }

  function speakersSection(speakers) {
    return section("Who said it", el("ul", { class: "speakers" },
      ...speakers.map(([agent, count]) => agentLine(DATA.agents[agent], count))));
  }

  function agentSection(agent) {
    return section("Speaks as", el("ul", { class: "speakers" }, agentLine(agent)));
  }

  function cooccurrenceSection(concept) {
    const more = concept.cooccursTotal ? ` (the ${concept.cooccurs.length} most frequent of ${concept.cooccursTotal})` : "";
    return section(`Co-occurring terms${more}`, el("p", { class: "terms" },
      ...concept.cooccurs.map(([ref, count]) => el("span", { class: "chip", title: `${count} sentences together` },
        termLink(ref), el("span", { class: "count", text: count })))));
  }

  function figuresSection(concept) {
    const figures = concept.figures;
    const arrow = { increase: "↑ ", decrease: "↓ " };
    const items = figures.map((figure) => el("li", {},
      el("div", { class: "facts" },
        el("span", { class: "value", title: figure.direction, text: `${arrow[figure.direction] || ""}${figure.value ?? ""} ${figure.unit || ""}`.trim() }),
        figure.period && el("span", { lang: "zh", title: "period", text: figure.period }),
        figure.basis && el("span", { lang: "zh", title: "basis of comparison", text: figure.basis }),
        figure.speaker !== undefined && el("span", { class: "speaker" }, "reported by ", termLink(figure.speaker))),
      contextLine(figure.at, false)));
    return section(`Figures reported (${howMany(figures.length, concept.figuresTotal)})`, el("ul", { class: "figures" }, ...items));
  }

  // A keyword-in-context line: the mention marked, KWIC characters either side (or the whole sentence).
  // Offsets into a snippet are in UTF-16 code units, as JavaScript counts; the document offset shown
  // is in characters (code points), as kg counts everywhere else.
  function contextLine(at, whole) {
    const [snippet, start, end] = at;
    const [documentIndex, begin, text] = DATA.snippets[snippet];
    const lang = DATA.documents[documentIndex].lang || "zh"; // Simplified or Traditional glyph forms
    let left = text.slice(0, start);
    let right = text.slice(end);
    const offset = begin + [...left].length;
    if (!whole) {
      if (left.length > KWIC) left = `…${left.slice(-KWIC)}`;
      if (right.length > KWIC) right = `${right.slice(0, KWIC)}…`;
    }
    return el("div", { class: whole ? "kwic whole" : "kwic", title: whole ? null : text },
      el("span", { class: "left", lang, text: left }),
      el("mark", { lang, text: text.slice(start, end) }),
      el("span", { class: "right", lang, text: right }),
      documentLink(documentIndex, offset));
  }

  function contextsSection(concept, index) {
    const contexts = concept.contexts || [];
    if (contexts.length === 0) return section("Contexts", el("p", { class: "none", text: "Not mentioned in these documents." }));
    const list = el("div", { class: "contexts" });
    const whole = el("input", { type: "checkbox" });
    const all = el("button", { type: "button", class: "more", hidden: contexts.length <= CONTEXTS, text: `Show all ${contexts.length}` });
    let limit = CONTEXTS;
    const render = () => list.replaceChildren(...contexts.slice(0, limit).map((at) => contextLine(at, whole.checked)));
    whole.addEventListener("change", render);
    all.addEventListener("click", () => { limit = contexts.length; all.hidden = true; render(); });
    render();
    const total = concept.contextsTotal;
    return section(`Contexts (${howMany(contexts.length, total)} mention${(total || contexts.length) === 1 ? "" : "s"} of ${nameOf(index)})`,
      el("label", { class: "toggle" }, whole, " whole sentences"), list, all);
  }

  // ------------------------------------------------------------------ copy and export

  async function copy(text, what) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // no clipboard API (an older browser, or a page not in focus): the selection route still works
      const area = el("textarea", { class: "offscreen", readonly: true });
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    toast(`Copied ${what}`);
  }

  const rowText = (index) => LANGUAGES.map(([lang]) => row(index)[lang] || "").join("\t");

  let toastTimer = 0;
  function toast(message) {
    ui.toast.textContent = message;
    ui.toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { ui.toast.hidden = true; }, 1800);
  }

  // The CSV of kg.glossary.write_csv (with --excel's byte-order mark): same columns, same joining of
  // several values, same defusing of cells a spreadsheet would run as formulas, quoting as Python's csv.
  const csvCell = (value) => (Array.isArray(value) ? value.join(DATA.separator) : String(value ?? ""));
  const neutralize = (text) => (DATA.formulaStarts.some((start) => text.startsWith(start)) ? `'${text}` : text);
  const quote = (text) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

  function csv(indexes) {
    const lines = [DATA.columns.map(quote).join(",")];
    for (const index of indexes) {
      lines.push(DATA.columns.map((column) => quote(neutralize(csvCell(row(index)[column])))).join(","));
    }
    return `\ufeff${lines.join("\r\n")}\r\n`;
  }

  function exportCsv() {
    const blob = new Blob([csv(state.matches)], { type: "text/csv;charset=utf-8" });
    const link = el("a", { href: URL.createObjectURL(blob), download: `glossary-${state.matches.length}-terms.csv`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    toast(`Exported ${state.matches.length} terms`);
  }

  // ------------------------------------------------------------------ wiring

  function typeFilters() {
    for (const type of DATA.types) {
      const box = el("input", { type: "checkbox", value: type.id, id: `type-${type.id}` });
      ui.types.append(el("span", { class: "filter" }, box,
        el("label", { for: box.id, class: `t-${type.id}`, title: typeName(type.id) }, type.id, el("span", { class: "n" }))));
    }
    ui.types.addEventListener("change", (event) => {
      if (event.target.checked) state.types.add(event.target.value);
      else state.types.delete(event.target.value);
      search();
    });
  }

  function onSearchKey(event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const position = state.active >= 0 ? state.active : 0;
      if (state.matches.length > 0) open(state.matches[position], true);
    } else if (event.key === "Escape" && ui.q.value) {
      ui.q.value = "";
      search();
    }
  }

  function onClick(event) {
    const target = event.target.closest("button, li[data-index]");
    if (!target) return;
    if (target.dataset.copy !== undefined) copy(rowText(Number(target.dataset.copy)), "the row");
    else if (target.dataset.text !== undefined) copy(target.dataset.text, target.dataset.text);
    else if (target.dataset.close !== undefined) backToList();
    else if (target.dataset.index !== undefined) {
      setActive(state.matches.indexOf(Number(target.dataset.index)));
      open(Number(target.dataset.index), false);
    }
  }

  function backToList() {
    if (location.hash) location.hash = "";
    closePanel();
    ui.q.focus();
  }

  function clearAll() {
    ui.q.value = "";
    ui.english.value = "";
    state.types.clear();
    for (const box of ui.types.querySelectorAll("input")) box.checked = false;
    search();
    ui.q.focus();
  }

  typeFilters();
  ui.q.addEventListener("input", search);
  ui.q.addEventListener("keydown", onSearchKey);
  ui.english.addEventListener("change", search);
  ui.sort.addEventListener("change", search);
  ui.exportButton.addEventListener("click", exportCsv);
  ui.clear.addEventListener("click", clearAll);
  ui.more.addEventListener("click", showMore);
  ui.results.addEventListener("click", onClick);
  ui.panel.addEventListener("click", onClick);
  ui.panel.addEventListener("keydown", (event) => { if (event.key === "Escape") backToList(); });
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName);
    if (event.key === "/" && !typing) {
      event.preventDefault();
      ui.q.focus();
      ui.q.select();
    }
  });
  window.addEventListener("hashchange", route);
  // more rows as the list is scrolled to its end, without a click
  if ("IntersectionObserver" in window) {
    new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) showMore(); }).observe(ui.more);
  }
  search();
  route();
  performance.mark("kg-ready");
})();
