"""The ``kg`` command: extract, build, query, eval.

Every expected mistake (a missing file, bytes that are not UTF-8, a bad
SPARQL query) ends as one line on stderr naming what is wrong and a
non-zero exit status; outputs are written atomically, all or none.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.atomic import AtomicFiles
from kg.contract import doc_to_json
from kg.doc import ENTITY_TYPES, Doc
from kg.inputs import InputError, list_documents, read_text
from kg.pipeline import extract
from kg.query import QueryError
from kg.tables import format_table

EXIT_USAGE = 2
EXIT_FAILED = 1


class CommandError(Exception):
    """An expected failure of a command, reported as one line."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (CommandError, InputError, QueryError) as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # `kg … | head` closed the pipe: not an error of ours
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("kg: interrupted; no output was written", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Chinese policy-term knowledge graph and glossary.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, run: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    sub = command("extract", _extract, "Recognize and link mentions, figures and turns in one document.")
    sub.add_argument("document", help="a UTF-8 text file")
    sub.add_argument("--format", choices=("json", "table"), default="json")

    sub = command("build", _build, "Build the graph (Turtle) and the glossary (CSV) from documents.")
    sub.add_argument("inputs", nargs="+", metavar="DOC_OR_DIR", help="text files, or folders of *.txt")
    sub.add_argument("-o", "--output", type=Path, required=True, metavar="OUT", help="output folder")

    sub = command("query", _query, "Run a SPARQL query on a Turtle graph and print the result.")
    sub.add_argument("graph", type=Path, help="a Turtle file, e.g. out/graph.ttl")
    sub.add_argument("sparql", help="the query text, or a file holding it")
    sub.add_argument("--format", choices=("table", "csv", "json"), default="table")

    sub = command("eval", _eval, "Score extraction against the *.gold.json files beside the documents.")
    sub.add_argument("folder", type=Path, help="a folder of NAME.txt with NAME.gold.json beside them")
    sub.add_argument("--per-document", action="store_true", help="also print one row per document")
    return parser


# --- extract ----------------------------------------------------------------------------------


def _extract(args: argparse.Namespace) -> int:
    path = Path(args.document)
    doc = extract(read_text(path), path.stem)
    if args.format == "json":
        print(json.dumps(doc_to_json(doc), ensure_ascii=False, indent=1))
    else:
        print(format_doc_table(doc))
    return 0


def format_doc_table(doc: Doc) -> str:
    """Mentions, figures and turns of ``doc`` as aligned plain-text tables."""
    parts = [
        format_table(
            ["span", "type", "text", "concept"],
            [[f"{s.start}-{s.end}", s.label, s.text, s.concept or ""] for s in doc.ents],
        )
    ]
    if doc.figures:
        rows = [
            [f.text, f"{f.value:g}", f.unit or "", f.indicator or "", f.period or "", f.speaker or ""]
            for f in doc.figures
        ]
        parts.append(format_table(["figure", "value", "unit", "indicator", "period", "speaker"], rows))
    if doc.turns:
        rows = [[f"{t.start}-{t.end}", t.speaker, "、".join(t.roles), t.org or ""] for t in doc.turns]
        parts.append(format_table(["turn", "speaker", "roles", "org"], rows))
    return "\n\n".join(parts)


# --- build ------------------------------------------------------------------------------------


def _build(args: argparse.Namespace) -> int:
    from kg.glossary import glossary_rows, write_csv
    from kg.graph import build_graph

    documents = list_documents(args.inputs)
    texts, errors = {}, []
    for doc_id, path in documents:
        try:
            texts[doc_id] = (read_text(path), path)
        except InputError as error:
            errors.append(error)
    if len(documents) == 1 and errors:
        raise errors[0]
    if errors:
        for error in errors:
            print(f"kg: error: {error}", file=sys.stderr)
        raise CommandError(f"{len(errors)} of {len(documents)} documents could not be read; nothing was written")
    docs = [extract(text, doc_id, {"path": str(path)}) for doc_id, (text, path) in texts.items()]
    graph = build_graph(docs)
    rows = glossary_rows(graph)
    args.output.mkdir(parents=True, exist_ok=True)
    with AtomicFiles() as outputs:
        outputs.write_text(args.output / "graph.ttl", graph.serialize(format="turtle"))
        write_csv(rows, outputs.open(args.output / "glossary.csv", newline=""))
    print(build_summary(docs, graph, len(rows), args.output))
    return 0


def build_summary(docs: Sequence[Doc], graph: object, glossary_size: int, output: Path) -> str:
    """The one-screen summary ``kg build`` prints."""
    mentions = Counter(span.label for doc in docs for span in doc.ents)
    concepts = {span.concept for doc in docs for span in doc.ents if span.label != "FIGURE"}
    speakers = {turn.person or turn.org for doc in docs for turn in doc.turns}
    lines = [
        f"documents   {len(docs)} ({sum(len(doc.text) for doc in docs):,} characters)",
        "mentions    " + "  ".join(f"{label} {mentions[label]}" for label in ENTITY_TYPES),
        f"concepts    {len(concepts)}",
        f"figures     {sum(len(doc.figures) for doc in docs)}",
        f"turns       {sum(len(doc.turns) for doc in docs)} by {len(speakers - {None})} speakers",
        f"triples     {len(graph):,}",  # type: ignore[arg-type]
        f"glossary    {glossary_size} concepts",
        f"written     {output / 'graph.ttl'}  {output / 'glossary.csv'}",
    ]
    return "\n".join(lines)


# --- query ------------------------------------------------------------------------------------


def _query(args: argparse.Namespace) -> int:
    from kg.query import load_graph, run_query

    graph = load_graph(args.graph)
    print(run_query(graph, _query_text(args.sparql), args.format), end="")
    return 0


def _query_text(given: str) -> str:
    """The query itself, or the content of the file it names."""
    looks_like_path = "\n" not in given and len(given) < 256 and not given.lstrip().upper().startswith(_QUERY_FORMS)
    return read_text(given) if looks_like_path else given


_QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE", "#")


# --- eval -------------------------------------------------------------------------------------


def _eval(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate_folder, format_documents, format_table

    evaluation = evaluate_folder(args.folder, lambda doc_id, text: doc_to_json(extract(text, doc_id)))
    for error in evaluation.errors:
        print(f"kg: error: {error}", file=sys.stderr)
    if not evaluation.documents:
        raise CommandError(f"{args.folder}: no document could be scored")
    print(format_table(evaluation.total.report()))
    if args.per_document:
        print()
        print(format_documents(evaluation.documents))
    return EXIT_FAILED if evaluation.errors else 0


if __name__ == "__main__":
    sys.exit(main())
