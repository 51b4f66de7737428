"""What holds for every response and must keep holding (issue 10): security headers on
every kind of page, CORS only on /sparql and the JSON API, update attempts refused with
the data unchanged, probes for cross-site scripting reflected escaped, and oversized
bodies, queries and headers refused with 413/431 — all through real HTTP."""
from __future__ import annotations

from urllib.parse import quote

import pytest
import requests

from test_security_support import MARKER, TIMEOUT, assert_alive, counts, serving

CQ01 = "cq01-director-reports-to"
ORIGIN = {"Origin": "https://elsewhere.example"}

# (method, path, Accept): one of each kind of response the server gives.
RESPONSES = [
    ("GET", "/", "text/html"),
    ("GET", "/?lang=en", "text/html"),
    ("GET", "/org/kommun-a", "text/html"),
    ("GET", "/graph?org=kommun-a&org=blekinge", "text/html"),
    ("GET", "/compare?org=kommun-a&org=blekinge", "text/html"),
    ("GET", "/validation", "text/html"),
    ("GET", "/id/kommun-a/kommunen", "text/html"),
    ("GET", "/id/kommun-a/kommunen", "text/turtle"),
    ("GET", "/def/Director", "text/html"),
    ("GET", "/resource?iri=" + quote("https://w3id.org/styrgraf/id/kommun-a/kommunen") + "&format=jsonld", "*/*"),
    ("GET", "/query", "text/html"),
    ("GET", f"/query?saved={CQ01}", "text/html"),
    ("GET", "/query?query=" + quote("ASK {"), "text/html"),  # 400, the page keeps the text
    ("GET", "/query/run?query=" + quote("ASK {}"), "*/*"),
    ("GET", "/help/sparql", "text/html"),
    ("GET", "/help/api", "text/html"),
    ("GET", "/favicon.ico", "*/*"),  # a redirect
    ("GET", "/static/explorer.css", "*/*"),
    ("GET", "/static/favicon.svg", "*/*"),
    ("GET", "/sparql", "text/turtle"),  # the service description
    ("GET", "/sparql?query=" + quote("ASK {}"), "application/sparql-results+json"),
    ("GET", "/sparql?query=" + quote("ASK {"), "text/html"),  # 400 as a page
    ("GET", "/sparql?query=" + quote("ASK {"), "*/*"),  # 400 as text
    ("OPTIONS", "/sparql", "*/*"),
    ("HEAD", "/", "text/html"),
    ("GET", "/api/queries", "application/json"),
    ("GET", f"/api/queries/{CQ01}", "*/*"),
    ("GET", f"/api/queries/{CQ01}/text", "*/*"),
    ("GET", "/api/queries/nothing", "*/*"),  # 404 as JSON
    ("GET", "/api/graph?org=kommun-a", "*/*"),
    ("GET", "/api/analysis/structure", "*/*"),
    ("GET", "/api/analysis/export", "*/*"),
    ("GET", "/api/analysis/centrality?top=x", "*/*"),  # 400 as JSON
    ("GET", "/nothing/here", "text/html"),  # 404 as a page
    ("POST", "/", "text/html"),  # 405
    ("GET", "/resource?iri=urn:x&format=pdf", "text/html"),  # 406
    ("POST", "/sparql", "*/*"),  # 415: no Content-Type
]


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


@pytest.mark.parametrize("method,path,accept", RESPONSES)
def test_every_response_carries_the_security_headers(live_server, method, path, accept):
    response = requests.request(method, live_server + path, headers={"Accept": accept, **ORIGIN},
                                allow_redirects=False, timeout=TIMEOUT)
    assert response.status_code < 500, response.text[:300]
    headers = response.headers
    csp = csp_directives(headers.get("Content-Security-Policy", ""))
    scripts = csp.get("script-src", csp.get("default-src"))
    assert scripts == ["'self'"], headers.get("Content-Security-Policy")  # no inline, no eval, no other host
    assert csp.get("default-src") == ["'self'"]
    assert csp.get("object-src") == ["'none'"]
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert csp.get("frame-ancestors") in (["'none'"], ["'self'"]) or headers.get("X-Frame-Options") in ("DENY",
                                                                                                        "SAMEORIGIN")
    assert headers.get("Referrer-Policy") in ("no-referrer", "same-origin", "strict-origin",
                                              "strict-origin-when-cross-origin")
    open_cors = path.startswith(("/sparql", "/api/"))
    assert ("Access-Control-Allow-Origin" in headers) == open_cors, dict(headers)
    assert headers.get("Access-Control-Allow-Credentials") != "true"
    if open_cors:
        assert headers["Access-Control-Allow-Origin"] == "*"


# --- Updates: refused, nothing changed ------------------------------------------------------

INSERT = f"INSERT DATA {{ <{MARKER}> <urn:p> <urn:o> }}"
INSERT_GRAPH = f"INSERT DATA {{ GRAPH <urn:g> {{ <{MARKER}> <urn:p> <urn:o> }} }}"
UPDATES = [INSERT, INSERT_GRAPH, INSERT.lower(),
           f"DELETE {{ ?s ?p ?o }} INSERT {{ <{MARKER}> ?p ?o }} WHERE {{ ?s ?p ?o }}",
           f"WITH <urn:g> INSERT {{ <{MARKER}> <urn:p> ?o }} WHERE {{ ?s ?p ?o }}",
           "DELETE WHERE { ?s ?p ?o }", "DELETE DATA { <urn:a> <urn:b> <urn:c> }",
           "CLEAR ALL", "CLEAR DEFAULT", "DROP ALL", "DROP SILENT GRAPH <https://w3id.org/styrgraf/graph/kungsor>",
           "CREATE GRAPH <urn:g>", "ADD DEFAULT TO <urn:g>", "MOVE DEFAULT TO <urn:g>", "COPY DEFAULT TO <urn:g>",
           "LOAD <http://127.0.0.1:9/x.ttl>", f"ASK {{}} ; {INSERT}", f"{INSERT} ; CLEAR ALL",
           f"PREFIX ex: <urn:> {INSERT}"]


def update_attempts(base: str):
    """Every way a client might send an update: (what was sent, status, body)."""
    session = requests.Session()  # one kept-alive connection: a list of responses holds none open

    def send(method, path, **kwargs):
        response = session.request(method, base + path, timeout=TIMEOUT, **kwargs)
        return f"{method} {path} {str(kwargs)[:120]}", response.status_code, response.text

    form = {"Content-Type": "application/x-www-form-urlencoded"}
    for text in UPDATES:
        yield send("GET", "/sparql", params={"update": text})
        yield send("GET", "/sparql", params={"query": text})
        yield send("POST", "/sparql", data={"update": text}, headers=form)
        yield send("POST", "/sparql", data={"query": text}, headers=form)
        yield send("POST", "/sparql", data=text.encode(), headers={"Content-Type": "application/sparql-update"})
        yield send("POST", "/sparql", data=text.encode(), headers={"Content-Type": "application/sparql-query"})
        yield send("POST", "/query/run", data={"query": text}, headers=form)
    turtle = f"<{MARKER}> <urn:p> <urn:o> .".encode()
    for method in ("PUT", "POST", "DELETE", "PATCH"):  # the Graph Store Protocol's verbs
        for target in ("/sparql?graph=urn:g", "/sparql?default"):
            yield send(method, target, data=turtle, headers={"Content-Type": "text/turtle"})
    session.close()


def test_update_attempts_are_refused_and_nothing_changes(app_factory, store):
    """One worker, so the counts read the very process an update would have run in."""
    app = app_factory(store, QUERY_WORKERS=1, VALIDATE=False)
    with serving(app) as base:
        before, size = counts(base), len(store)
        assert before[-1] == 0  # the marker is not there
        attempts = list(update_attempts(base))
        assert len(attempts) >= 35
        for sent, status, body in attempts:
            assert status in (400, 405, 415), (sent, status, body[:200])
            if status == 400:
                # English for clients, Swedish on the (Swedish by default) error page
                assert any(w in body for w in ("read-only", "expected", "kan bara läsas", "förväntat")), \
                    (sent, body[:200])
        assert counts(base) == before
        assert len(store) == size


# --- Cross-site scripting: whatever comes back is escaped -----------------------------------

PROBES = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>",
          '</script><script>alert(1)</script>', '</textarea><script>alert(1)</script>',
          '<iframe src="javascript:alert(1)">', '" onmouseover="alert(1)', '{{7*191}}<b>x</b>']


def reflections(probe: str) -> list[str]:
    """Every place of an HTML page a request's text may come back in."""
    q = quote(probe, safe="")
    return [f"/resource?iri={q}", f"/resource?iri=urn:x{q}", f"/resource?iri=urn:x&format={q}",
            f"/id/{q}", f"/def/{q}", f"/org/{q}", f"/graph?org={q}", f"/compare?org={q}&org=kungsor",
            f"/query?query={q}", f"/query?query=SELECT%20*%20%7B%7D%20%23{q}", f"/query?saved={q}",
            f"/query?saved={CQ01}&org={q}", f"/query?saved={CQ01}&org=urn:x{q}", f"/nothing/{q}",
            f"/?lang={q}", f"/help/sparql?x={q}", f"/sparql?query={q}", f"/validation?{q}={q}"]


@pytest.mark.parametrize("probe", PROBES)
def test_probes_come_back_escaped(live_server, probe):
    for path in reflections(probe):
        response = requests.get(live_server + path, headers={"Accept": "text/html", "Referer": probe},
                                timeout=TIMEOUT)
        assert response.status_code < 500, (path, response.text[:300])
        assert probe not in response.text, path
        assert "1367" not in response.text, path  # no template evaluated the probe
        if "html" not in response.headers["Content-Type"]:
            assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_api_errors_that_echo_input_are_json_not_html(live_server):
    probe = quote(PROBES[0], safe="")
    for path in (f"/api/queries/{probe}", f"/api/graph?org={probe}", f"/api/analysis/chain?node={probe}",
                 f"/api/queries/{CQ01}?org={probe}"):
        response = requests.get(live_server + path, timeout=TIMEOUT)
        assert response.status_code in (400, 404)
        assert response.headers["Content-Type"].startswith("application/json")


# --- Oversized requests ---------------------------------------------------------------------

def test_oversized_bodies_queries_and_headers_are_refused(live_server):
    base = live_server + "/sparql"
    long_query = "ASK {} #" + "x" * 100_000
    checks = [
        (requests.post(base, data=b"x" * 2_000_000, headers={"Content-Type": "application/sparql-query"},
                       timeout=TIMEOUT), 413),
        (requests.post(base, data={"query": long_query}, timeout=TIMEOUT), 413),
        (requests.post(base, data=long_query.encode(), headers={"Content-Type": "application/sparql-query"},
                       timeout=TIMEOUT), 413),
        (requests.get(base, params={"query": long_query}, timeout=TIMEOUT), 413),
        (requests.post(live_server + "/query/run", data={"query": long_query}, timeout=TIMEOUT), 413),
        (requests.get(live_server + "/", headers={"X-Big": "a" * 300_000}, timeout=TIMEOUT), 431),
        (requests.get(base + "?query=" + "a" * 300_000, timeout=TIMEOUT), 431),
    ]
    for response, status in checks:
        assert response.status_code == status, (response.request.url[:80], response.status_code, response.text[:200])
    assert_alive(live_server)


# --- The README's "Security and limits" says what the code does ---------------------------

def _security_section() -> str:
    from pathlib import Path
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    return text.split("\n## Security and limits\n", 1)[1].split("\n## ", 1)[0]


def _numbers(text: str) -> set[float]:
    import re
    return {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def test_the_readme_gives_every_limit_with_its_flag_and_default():
    import click

    from styrgraf.cli import serve as serve_command
    from styrgraf.sparql import guard
    from styrgraf.web import DEFAULTS
    section = _security_section()
    rows = {line.split("|")[1].strip(): line for line in section.splitlines() if line.startswith("| `--")}
    limits = [p for p in serve_command.serve.params
              if isinstance(p, click.Option) and p.name in ("host", "port", "timeout", "workers", "max_rows",
                                                             "queue_wait", "max_query_length", "allowed_services",
                                                             "threads", "max_body")]
    assert len(limits) == 10
    for option in limits:
        row = next((line for flag, line in rows.items() if flag.strip("`").split()[0] == option.opts[0]), None)
        assert row is not None, option.opts[0]
        default = row.split("|")[2]
        if option.multiple:
            assert "none" in default and not option.default
        elif isinstance(option.default, str):
            assert option.default in default
        else:
            assert float(option.default) in _numbers(default), (option.opts[0], option.default, default)
    fixed = _numbers(section)
    from styrgraf.sparql import results
    for value in (guard.MAX_DEPTH, guard.MAX_OPERATORS, DEFAULTS["MAX_CONTENT_LENGTH"], 262_144, 4_096,
                  results.MAX_TEXT // 2**20):
        assert value in fixed, value
    for words in ("TLS", "Rate and connection limits per client", "body and header limits", "STYRGRAF_FUZZ_EXAMPLES"):
        assert words in section, words
