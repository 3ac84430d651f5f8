"""The networkx view of the dev transcript's graph and of a hand-made pair of documents."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.rdf.graph import build_graph
from kg.rdf.netx import cooccurrence_graph, to_networkx
from tests.test_graph import fixture_thesaurus, gold, gold_doc, simple_doc


@pytest.fixture(scope="module")
def dev_network() -> nx.MultiDiGraph:
    return to_networkx(build_graph([gold_doc()], fixture_thesaurus()))


def test_concept_nodes_carry_labels_category_and_count(dev_network: nx.MultiDiGraph) -> None:
    miit = dev_network.nodes["kgc:org-miit"]
    assert miit["label_zh"] == "工业和信息化部"
    assert miit["label_en"] == "Ministry of Industry and Information Technology"
    assert miit["category"] == "ORG"
    assert miit["count"] == sum(e["concept"] == "org:miit" for e in gold()["entities"]) == 25
    assert dev_network.nodes["kgd:scio-2021-04-20-miit-q1"]["kind"] == "document"
    assert not any(data.get("category") == "FIGURE" for _, data in dev_network.nodes(data=True))


def test_said_edges_weigh_mentions_in_the_speakers_turns(dev_network: nx.MultiDiGraph) -> None:
    turns = [(t["start"], t["end"]) for t in gold()["turns"] if t["person"] == "person:zhao_zhiguo"]
    expected = sum(
        e["concept"] == "org:miit" and any(s <= e["start"] < end for s, end in turns) for e in gold()["entities"]
    )
    edge = dev_network.get_edge_data("kgc:person-zhao_zhiguo", "kgc:org-miit", key="said")
    assert expected > 0
    assert edge == {"relation": "said", "weight": expected}


def test_member_of_and_reported_edges(dev_network: nx.MultiDiGraph) -> None:
    member = dev_network.get_edge_data("kgc:person-huang_libin", "kgc:org-miit", key="member_of")
    assert member["roles"] == ("新闻发言人", "运行监测协调局局长")
    reported = dev_network.get_edge_data(
        "kgc:person-huang_libin", "kgc:indicator-industrial_value_added", key="reported"
    )
    expected = sum(
        f["indicator"] == "規模以上工業增加值" and f["speaker"] == "person:huang_libin" for f in gold()["figures"]
    )
    assert reported["weight"] == expected > 0


def test_every_weighted_edge_has_a_positive_integer_weight(dev_network: nx.MultiDiGraph) -> None:
    relations = {key for _, _, key in dev_network.edges(keys=True)}
    assert relations == {"said", "cooccurs", "mentions", "reported", "member_of"}
    for _, _, key, weight in dev_network.edges(keys=True, data="weight"):
        if key != "member_of":
            assert isinstance(weight, int) and weight > 0


def test_cooccurrence_graph_is_undirected_and_weighted() -> None:
    text = "工信部和国务院落实六稳。国务院强调六稳。"
    mentions = [
        ("工信部", "ORG", "org-miit"),
        ("国务院", "ORG", "org-state_council"),
        ("六稳", "SLOGAN", "slogan-six_stabilities"),
        ("国务院", "ORG", "org-state_council"),
        ("六稳", "SLOGAN", "slogan-six_stabilities"),
    ]
    terms = cooccurrence_graph(build_graph([simple_doc("d", text, mentions)], fixture_thesaurus()))
    assert {frozenset((u, v)): w for u, v, w in terms.edges(data="weight")} == {
        frozenset(("kgc:org-miit", "kgc:org-state_council")): 1,
        frozenset(("kgc:org-miit", "kgc:slogan-six_stabilities")): 1,
        frozenset(("kgc:org-state_council", "kgc:slogan-six_stabilities")): 2,
    }
    assert terms["kgc:slogan-six_stabilities"]["kgc:org-state_council"]["weight"] == 2
    assert terms.nodes["kgc:org-miit"]["label_en"] == "Ministry of Industry and Information Technology"
