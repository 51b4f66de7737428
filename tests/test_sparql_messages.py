"""Parse errors read as a person would write them (sparql/messages.py), and reach the
endpoint's clients that way."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from styrgraf.sparql.messages import explain, undeclared_prefixes


def parser_message(text: str) -> str:
    try:
        ox.Store().query(text)
    except SyntaxError as error:
        return str(error)
    raise AssertionError("the query parsed")


@pytest.mark.parametrize("text,expected", [
    ("SELECT ?d WHERE { ?d a sg:Director }",
     "unknown prefix `sg:` — add `PREFIX sg: <https://w3id.org/styrgraf/def#>` (at 1:35)"),
    ("PREFIX sg: <https://w3id.org/styrgraf/def#>\nSELECT ?d WHERE {\n ?d sg:inOrganisation kungsor:kommunen }",
     "unknown prefix `kungsor:` — if kungsor is an organisation's key, add "
     "`PREFIX kungsor: <https://w3id.org/styrgraf/id/kungsor/>`; otherwise declare it with `PREFIX kungsor: <…>` (at 3:"),
    ("SELECT * WHERE {", "the query ends too early (at 1:17): a closing `}` is missing"),
    ("SELECT ?x WHERE { ?x ?p ?o } LIMT 5", "expected HAVING, OFFSET, OPTIONAL, VALUES"),
])
def test_explain_names_the_fix(text, expected):
    message = explain(text, parser_message(text))
    assert expected in message
    assert "\\u{" not in message and "..=" not in message


def test_prefixes_inside_iris_strings_and_comments_are_not_uses():
    text = 'PREFIX a: <http://a/>\nSELECT * WHERE { ?s <http://x/y:z> "b:c" ; a:p ?o } # c:d'
    assert undeclared_prefixes(text) == []
    assert [p for p, _, _ in undeclared_prefixes("SELECT * WHERE { ?s rdfs:label ?l ; sg:x ?y }")] == ["rdfs", "sg"]


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/json"])
def test_a_broken_query_answers_json_to_a_json_client(client, accept):
    response = client.get("/sparql", query_string={"query": "SELECT ?d WHERE { ?d a sg:Director }"},
                          headers={"Accept": accept})
    assert response.status_code == 400
    assert response.is_json, response.content_type
    assert "PREFIX sg: <https://w3id.org/styrgraf/def#>" in response.get_json()["error"]["message"]
