"""A real client (SPARQLWrapper) against the app under waitress on 127.0.0.1: every
competency query in every result format gives the answer `styrgraf query` gives."""
from __future__ import annotations

import csv
import io

import pytest
from SPARQLWrapper import CSV, JSON, POST, TSV, XML, SPARQLWrapper, TURTLE

from styrgraf.sparql import queries, results
from styrgraf import sparql

CQ = sorted(n for n in queries.library() if n.startswith("cq"))


def expected(store, name):
    outcome = sparql.execute(store, queries.find(name).text)
    return outcome.variables, {tuple(results.term_plain(r[v]) if v in r else "" for v in outcome.variables)
                               for r in outcome.rows}


def _tsv_value(cell: str) -> str:
    if cell.startswith("<") and cell.endswith(">"):
        return cell[1:-1]
    if cell.startswith('"'):
        body = cell[1:cell.rindex('"')]
        return body.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8") if "\\" in body else body
    return cell


def fetch(live_server, name, fmt, method="GET"):
    client = SPARQLWrapper(f"{live_server}/sparql")
    client.setQuery(queries.find(name).text)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    converted = client.query().convert()
    if fmt == JSON:
        head = converted["head"]["vars"]
        rows = {tuple(b[v]["value"] if v in b else "" for v in head) for b in converted["results"]["bindings"]}
    elif fmt == XML:
        head = [v.getAttribute("name") for v in converted.getElementsByTagName("variable")]
        rows = set()
        for result in converted.getElementsByTagName("result"):
            values = {b.getAttribute("name"): b.firstChild.firstChild.data if b.firstChild.firstChild else ""
                      for b in result.getElementsByTagName("binding")}
            rows.add(tuple(values.get(v, "") for v in head))
    elif fmt == CSV:
        table = list(csv.reader(io.StringIO(converted.decode("utf-8"))))
        head, rows = table[0], {tuple(r) for r in table[1:]}
    else:  # TSV
        lines = converted.decode("utf-8").rstrip("\n").split("\n")
        head = [h.lstrip("?") for h in lines[0].split("\t")]
        rows = {tuple(_tsv_value(c) for c in line.split("\t")) for line in lines[1:]}
    return head, rows


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize("name", CQ)
def test_competency_query_through_sparqlwrapper(live_server, store, name, fmt):
    head, rows = fetch(live_server, name, fmt)
    want_head, want_rows = expected(store, name)
    assert head == want_head
    assert rows == want_rows
    assert rows, f"{name} answered nothing"


def test_post_and_construct_through_sparqlwrapper(live_server):
    head, rows = fetch(live_server, "cq01-director-reports-to", JSON, method=POST)
    assert len(rows) == 6  # four directors; Kungsör's line is stated by three sentences
    client = SPARQLWrapper(f"{live_server}/sparql")
    client.setQuery("CONSTRUCT { ?d a <https://w3id.org/styrgraf/def#Director> } WHERE { ?d a <https://w3id.org/styrgraf/def#Director> }")
    client.setReturnFormat(TURTLE)
    graph_text = client.query().convert()
    assert graph_text.count(b"Director") >= 1 and b"landstingsdirektor" in graph_text


def test_server_keeps_serving_after_bad_queries(live_server):
    import urllib.error
    import urllib.parse
    import urllib.request
    for bad in ("SELECT", "INSERT DATA { <a:b> <a:c> <a:d> }"):
        url = f"{live_server}/sparql?" + urllib.parse.urlencode({"query": bad})
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(url, timeout=10)
        assert caught.value.code == 400
    head, rows = fetch(live_server, "cq16-urgent-initiative", JSON)
    assert len(rows) == 1


@pytest.mark.parametrize("name", CQ)
def test_same_answers_as_styrgraf_query(live_server, name):
    """`styrgraf query NAME --format json` and SPARQLWrapper against `serve` agree."""
    import json

    from click.testing import CliRunner

    from styrgraf.cli import main
    result = CliRunner().invoke(main, ["query", name, "--format", "json"])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout)
    head = cli["head"]["vars"]
    cli_rows = {tuple(b[v]["value"] if v in b else "" for v in head) for b in cli["results"]["bindings"]}
    assert fetch(live_server, name, JSON) == (head, cli_rows)
