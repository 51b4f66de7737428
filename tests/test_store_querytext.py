"""Where a VALUES block goes in a query, and whether a query names its dataset: read
past strings, IRIs, comments, variables and prefixed names that look like keywords."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from styrgraf.store import querytext

X = {"x": ox.NamedNode("http://example.org/x")}
BLOCK = "VALUES ?x { <http://example.org/x> }"  # first in the WHERE group: a block a variable
TRAILING = "VALUES (?x) { (<http://example.org/x>) }"  # trailing the query: the one block it may have


@pytest.mark.parametrize("text, inside", [
    ("SELECT * WHERE { ?x ?p ?o }", True),
    ("select * { ?x ?p ?o }", True),
    ("PREFIX where: <http://w/> SELECT ?where WHERE { ?x where:select \"WHERE {\" } # {\n", True),
    ("SELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE { ?x ?p ?o }", True),
    ("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", True),
    ("ASK { ?x ?p ?o }", True),
    ("BASE <http://b/> SELECT * FROM <http://g> WHERE { <x> <y> ?x }", True),
    ("SELECT ?x (COUNT(*) AS ?n) WHERE { ?x ?p ?o } GROUP BY ?x", True),
    ("CONSTRUCT WHERE { ?x ?p ?o }", False),
    ("CONSTRUCT FROM <http://g> WHERE { ?x ?p ?o }", False),
    ("DESCRIBE ?x", False),
    ("SELECT * { SELECT ?x { ?x ?p ?o } }", False),
])
def test_the_block_goes_first_in_the_outer_where_group(text, inside):
    bound = querytext.bind(text, X)
    assert (BLOCK in bound) is inside and bound.rstrip().endswith(TRAILING) is not inside
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://example.org/x"), ox.NamedNode("http://p"), ox.Literal("o")))
    store.query(bound, use_default_graph_as_union=True)  # still a query Oxigraph accepts


def test_nothing_to_bind_leaves_the_text():
    assert querytext.bind("SELECT * {}", {}) == "SELECT * {}"


def test_a_blank_node_cannot_be_bound():
    with pytest.raises(ValueError, match="only IRIs and literals"):
        querytext.bind("SELECT * { ?x ?p ?o }", {"x": ox.BlankNode()})


def test_literals_are_written_as_terms():
    bound = querytext.bind("SELECT * { ?x ?p ?o }", {"x": ox.Literal('a "b" } \n', language="sv")})
    assert '"a \\"b\\" } \\n"@sv' in bound


@pytest.mark.parametrize("text, expected", [
    ("SELECT * FROM <http://g> WHERE { ?s ?p ?o }", True),
    ("SELECT * FROM NAMED <http://g> WHERE { GRAPH ?g { ?s ?p ?o } }", True),
    ("SELECT * WHERE { ?s <http://x/from> \"FROM\" } # FROM", False),
    ("PREFIX from: <http://f/> SELECT ?from WHERE { ?s from:x ?from }", False),
])
def test_has_dataset(text, expected):
    assert querytext.has_dataset(text) is expected


def test_several_variables_bind_in_a_block_each_and_trail_in_one():
    """One VALUES block a variable inside the group (Virtuoso 7.2 fails on one block
    of several constants in some queries); trailing, the single block SPARQL allows."""
    two = {"x": ox.NamedNode("http://example.org/x"), "lang": ox.Literal("sv")}
    inside = querytext.bind("SELECT ?c WHERE { ?x a ?c FILTER (LANG(?l) = ?lang) }", two)
    assert 'VALUES ?lang { "sv" } VALUES ?x { <http://example.org/x> }' in inside
    trailing = querytext.bind("CONSTRUCT WHERE { ?x ?p ?o }", two)
    assert trailing.rstrip().endswith('VALUES (?lang ?x) { ("sv" <http://example.org/x>) }')
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://example.org/x"), ox.NamedNode("http://p"), ox.Literal("o")))
    assert len(list(store.query(trailing))) == 1 and list(store.query(inside)) == []
