"""Property-based requests (hypothesis) for every route, through real HTTP: paths,
parameters, headers, bodies, and SPARQL mutated from the saved queries. Whatever is
sent: no 5xx but a documented 503 (time limit, busy, report not ready), the server alive
afterwards, the data unchanged, and nothing connects to the listening socket that the
mutations name in SERVICE, FROM and LOAD.

Each test runs ``STYRGRAF_FUZZ_EXAMPLES`` examples (default 100); a longer hunt is
``STYRGRAF_FUZZ_EXAMPLES=5000 pytest tests/test_security_fuzz.py``.
"""
from __future__ import annotations

import http.cookiejar
import os
import re
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_security_support import TIMEOUT, Trap, assert_alive, counts, serving

EXAMPLES = int(os.environ.get("STYRGRAF_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
QUERIES = Path(__file__).resolve().parent.parent / "queries"
SAVED = {path.stem: path.read_text(encoding="utf-8") for path in sorted(QUERIES.glob("*.rq"))}
ORGS = ["kommun-a", "kommun-b", "kommun-c", "kungsor", "blekinge"]

ROUTES = ["/", "/org/{}", "/graph", "/compare", "/validation", "/id/{}", "/def/{}", "/resource", "/query",
          "/query/run", "/help/sparql", "/help/api", "/favicon.ico", "/static/{}", "/sparql", "/api/queries",
          "/api/queries/{}", "/api/queries/{}/text", "/api/graph", "/api/analysis/chain",
          "/api/analysis/structure", "/api/analysis/compliance", "/api/analysis/route", "/api/analysis/whatif",
          "/api/analysis/centrality", "/api/analysis/compare", "/api/analysis/export", "/{}", "/{}/{}"]
NAMES = ["iri", "org", "node", "from", "to", "top", "kind", "format", "contact", "query", "saved", "lang",
         "default-graph-uri", "named-graph-uri", "update", "area", "asOf", "by", "post", "word", "output"]
ODD = ["", " ", "a b", "%", "%00", "%zz", "\x00", "\u200b", "\ufeff", "\u202e", "²", "٣", "9" * 80, "-1", "0",
       "1e9", "+5", "kungsor", "kommun-a", "kommun-a:kommunen", "kungsor:kommunchef", "sg:Director",
       "sg:reportsTo", "https://w3id.org/styrgraf/id/kungsor/kommunen", "https://w3id.org/styrgraf/def#Director",
       "urn:x> ?p ?o } UNION { ?s ?p ?o } } #", "http://[", "urn:x%00y", "urn:x%", "<script>alert(1)</script>",
       "{" * 300, "(" * 300, "'", '"', "\\", "../../../etc/passwd", "..%2f..%2fetc", "javascript:alert(1)",
       "json", "csv", "xml", "rdf", "ttl", "jsonld", "graphml", "html", "sv", "en", "a,b", ",", "2025-01-01",
       "2025-13-45", "\U0001F600", "\ud7ff\ue000", "x" * 3000, "kungsor,kommun-a", "true", "null"]
ACCEPTS = ["*/*", "text/html", "application/json", "application/sparql-results+json",
           "application/sparql-results+xml", "text/csv", "text/tab-separated-values", "text/turtle",
           "application/rdf+xml", "application/ld+json", "application/n-triples", "image/png", "text/*;q=0",
           "text/html;q=0.1, application/xml;q=0.9", "*/*;q=abc", "", "application/sparql-results+xml, */*;q=0.1"]

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
value = st.one_of(st.sampled_from(ODD), text, st.sampled_from(ORGS), st.sampled_from(list(SAVED)))
latin1 = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=60)


@pytest.fixture(scope="module")
def fuzz(app_factory, store):
    """One query worker (so the counts read the process an update would have run in), a
    short time limit, and a listening socket that no request may reach."""
    trap = Trap()
    app = app_factory(store, QUERY_WORKERS=1, QUERY_TIMEOUT=0.5, QUEUE_WAIT=5.0, VALIDATE=False)
    with serving(app) as base:
        session = requests.Session()
        # keep no cookies: the client's cookie jar cannot read odd Host headers (the server can)
        session.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
        yield {"base": base, "trap": trap, "before": counts(base), "session": session}
        session.close()
    trap.close()


def documented(response: requests.Response) -> bool:
    """Below 500, or a 503 that says why: the time limit, busy workers, no report here."""
    if response.status_code < 500:
        return True
    reason = response.text.lower()
    return response.status_code == 503 and ("Retry-After" in response.headers or "limit" in reason
                                            or "validat" in reason or response.request.method == "HEAD")


def send(fuzz, method: str, path: str, **kwargs) -> requests.Response:
    response = fuzz["session"].request(method, fuzz["base"] + path, timeout=TIMEOUT, allow_redirects=False,
                                       **kwargs)
    assert documented(response), (method, path[:300], kwargs.get("headers"), response.status_code,
                                  response.text[:300])
    return response


def unchanged(fuzz) -> None:
    """The server lives, the data is as it was, nothing reached the socket."""
    assert_alive(fuzz["base"])
    assert counts(fuzz["base"]) == fuzz["before"]
    time.sleep(0.2)
    assert fuzz["trap"].connections == []


def segment(value: str) -> str:
    return quote(value, safe="")


# --- Every route with odd paths and parameters ----------------------------------------------

def test_routes_with_any_path_and_parameters(fuzz):
    @FUZZ
    @given(route=st.sampled_from(ROUTES), tails=st.lists(value, min_size=2, max_size=2),
           params=st.lists(st.tuples(st.one_of(st.sampled_from(NAMES), text), value), max_size=4),
           method=st.sampled_from(["GET", "GET", "GET", "POST", "HEAD", "OPTIONS", "PUT"]),
           accept=st.sampled_from(ACCEPTS), raw=st.sampled_from(["", "&x=%FF", "&%E2%28=1", "&&=&", "&a=%"]))
    def run(route, tails, params, method, accept, raw):
        path = route.format(*(segment(t) or "x" for t in tails))
        query = urlencode(params) + raw
        send(fuzz, method, path + ("?" + query if query else ""), headers={"Accept": accept} if accept else {})

    run()
    unchanged(fuzz)


def test_analyses_with_known_and_odd_nodes(fuzz):
    nodes = st.one_of(st.sampled_from(["kungsor:kommunchef", "kungsor:kommunstyrelsen", "kommun-a:kommunen",
                                       "kungsor:kommunfullmaktige", "blekinge:regionstyrelsen"]), value)

    @FUZZ
    @given(analysis=st.sampled_from(["chain", "whatif", "route", "compliance", "centrality", "structure",
                                     "compare", "export"]),
           node=nodes, other=nodes, orgs=st.lists(st.one_of(st.sampled_from(ORGS), value), max_size=3),
           fmt=st.sampled_from(["json", "csv", "graphml", "", "xml"]), top=value, kind=value)
    def run(analysis, node, other, orgs, fmt, top, kind):
        params = {"node": node, "from": node, "to": other, "contact": f"{node},{other}", "org": orgs,
                  "top": top, "kind": kind}
        if fmt:
            params["format"] = fmt
        send(fuzz, "GET", f"/api/analysis/{analysis}?" + urlencode(params, doseq=True))

    run()
    unchanged(fuzz)


# --- Headers and bodies ---------------------------------------------------------------------

HEADER_NAMES = ["Accept", "Accept-Language", "Accept-Charset", "Content-Type", "Cookie", "Origin", "Referer",
                "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Host", "If-None-Match", "Range",
                "Authorization", "X-Requested-With"]
CONTENT_TYPES = ["application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update",
                 "application/sparql-query; charset=latin-1", "text/turtle", "application/json", "multipart/form-data",
                 "multipart/form-data; boundary=x", "text/plain", "", "application/x-www-form-urlencoded; charset=utf-16"]


def test_any_headers_and_bodies(fuzz):
    @FUZZ
    @given(route=st.sampled_from(["/sparql", "/query/run", "/query", "/", "/api/queries/cq01-director-reports-to",
                                  "/resource?iri=sg:Director", "/validation", "/api/graph?org=kungsor"]),
           method=st.sampled_from(["GET", "POST", "POST", "POST"]),
           headers=st.dictionaries(st.one_of(st.sampled_from(HEADER_NAMES),
                                             st.from_regex(r"\AX-[A-Za-z0-9-]{1,20}\Z")), latin1, max_size=4),
           content_type=st.sampled_from(CONTENT_TYPES), cookie=value,
           body=st.one_of(st.binary(max_size=300), text.map(lambda t: t.encode("utf-8")),
                          st.sampled_from(list(SAVED.values())).map(lambda t: t.encode("utf-8")),
                          st.sampled_from([b"query=ASK%20%7B%7D", b"query=%FF", b"update=CLEAR%20ALL", b"query=",
                                           b"query=a&query=b", b"\xff\xfe", b"query=ASK{}&default-graph-uri=a%20b"])))
    def run(route, method, headers, content_type, cookie, body):
        headers = {k: v.strip() for k, v in headers.items()}
        if content_type:
            headers["Content-Type"] = content_type
        headers.setdefault("Cookie", "lang=" + quote(cookie))
        send(fuzz, method, route, headers=headers, data=body if method == "POST" else None)

    run()
    unchanged(fuzz)


# --- SPARQL mutated from the saved queries ---------------------------------------------------

TOKEN = re.compile(r"""<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[?$]\w+|[A-Za-z_][\w-]*:[\w.-]*|\w+|\s+|.""",
                   re.S)


def insertions(trap: str) -> list[str]:
    return ["{", "}", "(", ")", "[", "]", "{" * 100, "(" * 100, "}" * 50, ".", ";", ",", "*", "a",
            f" SERVICE <{trap}> {{ ?s ?p ?o }} ", " SERVICE ", f" SERVICE SILENT <{trap}> {{ }} ",
            f" BIND (<x\\u0041#> AS ?q) SERVICE <{trap}> {{ }} ", f" ?s <urn:a\\#b> ?o . SERVICE <{trap}> {{}} ",
            f" FROM <{trap}> ", f" FROM NAMED <{trap}> ", f"BASE <{trap}> ", f" LOAD <{trap}> ",
            "\\u007B", '"', "'''", "#", "\n", " UNION ", " OPTIONAL ", " FILTER ", " MINUS ", " GRAPH ?g ",
            " LIMIT 0 ", " OFFSET 99999999999999999999 ", " LIMIT -1 ", " INSERT DATA { <urn:x> <urn:y> <urn:z> } ",
            " ; CLEAR ALL ", " ; DROP ALL ", "åäö", "\U0001F600", "\x00", "\u200b", "\ufffe", "1+" * 60,
            " ?x ", " <http://127.0.0.1:9/> ", " VALUES ?x { 1 2 } ", " DESCRIBE ", " CONSTRUCT ", " ASK ",
            " SELECT ", " FILTER (REGEX(?x, \"(a+)+$\")) ", " ORDER BY RAND() ", " GROUP BY ?x ", " COUNT(*) ",
            "\"\"\"", " ^^ ", " @en ", "_:b", "[]", " {} UNION {} " * 20, " ?s ?p ?o . " * 30]


@st.composite
def mutated(draw, trap: str):
    """A saved query with a few tokens deleted, repeated, swapped or inserted."""
    name = draw(st.sampled_from(list(SAVED)))
    tokens = TOKEN.findall(SAVED[name])
    pool = insertions(trap)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(0, len(tokens) - 1)))
        operation = draw(st.sampled_from(["delete", "repeat", "swap", "insert", "insert", "text"]))
        if operation == "delete" and tokens:
            del tokens[at]
        elif operation == "repeat" and tokens:
            tokens[at:at + 1] = [tokens[at]] * draw(st.integers(2, 40))
        elif operation == "swap" and len(tokens) > 1:
            other = draw(st.integers(0, len(tokens) - 1))
            tokens[at], tokens[other] = tokens[other], tokens[at]
        elif operation == "insert":
            tokens.insert(at, draw(st.sampled_from(pool)))
        else:
            tokens.insert(at, draw(text))
    return name, "".join(tokens)


def test_sparql_mutated_from_the_saved_queries(fuzz):
    @FUZZ
    @given(query=mutated(fuzz["trap"].url), how=st.sampled_from(["get", "form", "direct", "run", "page"]),
           accept=st.one_of(st.just("*/*"), st.sampled_from(ACCEPTS)),
           dataset=st.one_of(st.sampled_from([None, None, None, None, "kungsor", "blekinge"]), value))
    def run(query, how, accept, dataset):
        name, text = query
        params = {}
        if dataset is not None:
            params["default-graph-uri"] = dataset if ":" in dataset else f"https://w3id.org/styrgraf/graph/{dataset}"
        headers = {"Accept": accept} if accept else {}
        if how == "get":
            send(fuzz, "GET", "/sparql?" + urlencode({"query": text, **params}), headers=headers)
        elif how == "form":
            send(fuzz, "POST", "/sparql", data={"query": text, **params}, headers=headers)
        elif how == "direct":
            send(fuzz, "POST", "/sparql?" + urlencode(params), data=text.encode("utf-8"),
                 headers={**headers, "Content-Type": "application/sparql-query"})
        elif how == "run":
            send(fuzz, "POST", "/query/run", data={"query": text, "saved": name}, headers=headers)
        else:
            send(fuzz, "GET", "/query?" + urlencode({"query": text}), headers={"Accept": "text/html"})

    run()
    unchanged(fuzz)


def test_saved_queries_with_any_parameters(fuzz):
    @FUZZ
    @given(name=st.one_of(st.sampled_from(list(SAVED)), value),
           params=st.lists(st.tuples(st.one_of(st.sampled_from(NAMES), text), value), max_size=4),
           fmt=st.one_of(st.none(), st.sampled_from(["json", "xml", "csv", "tsv", "turtle", "pdf"]), value),
           where=st.sampled_from(["api", "run", "page"]))
    def run(name, params, fmt, where):
        if fmt is not None:
            params = params + [("format", fmt)]
        if where == "api":
            send(fuzz, "GET", f"/api/queries/{segment(name) or 'x'}?" + urlencode(params))
        elif where == "run":
            send(fuzz, "POST", "/query/run", data=[("saved", name)] + params)
        else:
            send(fuzz, "GET", "/query?" + urlencode([("saved", name)] + params), headers={"Accept": "text/html"})

    run()
    unchanged(fuzz)
