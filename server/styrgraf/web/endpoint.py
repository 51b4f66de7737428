"""``/sparql``: the SPARQL 1.1 Protocol, read-only (query operation only)."""
from __future__ import annotations

from urllib.parse import parse_qs

from flask import Blueprint, Response, current_app, redirect, request, url_for

from styrgraf.errors import BadRequest, NotAcceptable, TooLarge, UnsupportedMediaType
from styrgraf.sparql import results
from styrgraf.web import core, params

blueprint = Blueprint("sparql", __name__)

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept",
    "Access-Control-Max-Age": "86400",
}
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
READ_ONLY = "this endpoint is read-only: SPARQL Update is refused and nothing was changed"


def accepted_formats(format_param: str | None = None) -> list[str]:
    """Format names the client accepts, best first, from ``format`` or ``Accept``."""
    if format_param:
        name = results.ALIASES.get(format_param, format_param)
        if name not in results.FORMATS:
            raise NotAcceptable(f"unknown format {format_param[:40]!r}; use one of: {', '.join(results.FORMATS)}")
        return [name]
    ranked = []
    for media_type, quality in request.accept_mimetypes:
        if quality <= 0:
            continue
        if media_type in ("*/*", "application/*", "text/*"):
            # anything goes from here: after the named ones, the kind's default decides
            return ranked + [name for name in dict.fromkeys(results.DEFAULT_FORMAT.values()) if name not in ranked]
        name = results.ALIASES.get(media_type) or next(
            (f.name for f in results.FORMATS.values() if f.media_type == media_type), None)
        if name and name not in ranked:
            ranked.append(name)
    if not ranked and request.headers.get("Accept"):
        raise NotAcceptable(f"none of the accepted media types ({request.headers['Accept'][:200]}) can be given; "
                            "offered: " + ", ".join(f.media_type for f in results.FORMATS.values()))
    return ranked


def _single(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise BadRequest(f"the request carries {len(values)} '{name}' parameters; exactly one is allowed")
    return values[0] if values else None


def _direct_body() -> str:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"a direct POST must be UTF-8, not {charset[:40]}")
    try:
        return request.get_data().decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("the query is not valid UTF-8") from None


def _decode(raw: bytes, what: str) -> dict[str, list[str]]:
    try:
        return parse_qs(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise BadRequest(f"the {what} is not valid UTF-8") from None


def _protocol_request() -> tuple[str | None, list[str], list[str]]:
    """The query and the protocol dataset, from GET, form POST or direct POST."""
    url_args = _decode(request.query_string, "query string")
    if request.method == "GET":
        args = url_args
    else:
        mimetype = request.mimetype
        if mimetype == FORM:
            args = _decode(request.get_data(), "form body")
        elif mimetype == DIRECT:
            args = dict(url_args)
            args["query"] = [_direct_body()]
        elif mimetype == UPDATE:
            raise BadRequest(READ_ONLY)
        elif not mimetype:
            raise UnsupportedMediaType(f"a POST needs Content-Type {FORM} or {DIRECT}")
        else:
            raise UnsupportedMediaType(f"unsupported Content-Type {mimetype[:80]}; use {FORM} or {DIRECT}")
        for key in ("default-graph-uri", "named-graph-uri"):
            if key in url_args and key not in args:
                args[key] = url_args[key]
    if "update" in args:
        raise BadRequest(READ_ONLY)
    query = _single(args.get("query", []), "query")
    return (query, params.graph_iris(args.get("default-graph-uri", []), "default-graph-uri"),
            params.graph_iris(args.get("named-graph-uri", []), "named-graph-uri"))


def answer(text: str, accept: list[str], *, default_graphs=None, named_graphs=None, substitutions=None) -> Response:
    """Run a client's query through the core's executor and send the answer with the
    protocol's headers. Errors are raised (``StyrgrafError``) for the one handler."""
    if not text.strip():
        raise BadRequest("the query is empty")
    limit = current_app.config["MAX_QUERY_LENGTH"]
    if len(text) > limit:
        raise TooLarge(f"the query is {len(text)} characters long; the limit is {limit}")
    # Relative IRIs resolve against the endpoint (SPARQL 1.1 Protocol: the service's BASE).
    result = core().query(text, accept, default_graphs=default_graphs, named_graphs=named_graphs,
                          substitutions=substitutions, base_iri=url_for("sparql.endpoint", _external=True))
    media = result.format.media_type
    if media.startswith("text/") or media.endswith(("json", "xml")):
        media += "; charset=utf-8"
    response = Response(result.body, content_type=media)
    response.headers.update(CORS)
    response.headers["Vary"] = "Accept"
    response.headers["X-Result-Rows"] = str(result.rows)
    return response


@blueprint.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    """The SPARQL 1.1 query endpoint."""
    if request.method == "OPTIONS":
        return Response(status=204, headers=CORS)
    query, default_graphs, named_graphs = _protocol_request()
    if query is None:
        if request.method == "POST":
            raise BadRequest("the request has no 'query'")
        browser = any(media == "text/html" and quality > 0 for media, quality in request.accept_mimetypes)
        if browser and "format" not in request.args:  # ?format=turtle shows the description itself
            return redirect(url_for("query_page.sparql_help"))
        return service_description()
    # SPARQLWrapper repeats format= (and output=); the first one counts, as before.
    accept = accepted_formats(request.args.get("format"))
    return answer(query, accept, default_graphs=default_graphs or None, named_graphs=named_graphs or None)


def service_description() -> Response:
    """A SPARQL 1.1 Service Description of this endpoint, in Turtle."""
    url = url_for("sparql.endpoint", _external=True)
    graphs = "\n".join(f"        sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ] ;"
                       for g in core().graph_names())
    formats = {
        "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
        "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "jsonld": "JSON-LD",
        "rdfxml": "RDF_XML",
    }
    result_formats = ", ".join(f"<http://www.w3.org/ns/formats/{v}>" for v in formats.values())
    body = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<{url}> a sd:Service ;
    rdfs:label "styrgraf SPARQL endpoint (read-only)"@en, "styrgrafs SPARQL-ändpunkt (endast läsning)"@sv ;
    sd:endpoint <{url}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat {result_formats} ;
    sd:defaultDataset [
        a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ] ;
{graphs}
    ] .
"""
    response = Response(body, content_type="text/turtle; charset=utf-8")
    response.headers.update(CORS)
    return response
