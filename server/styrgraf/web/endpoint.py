"""``/sparql``: the SPARQL 1.1 Protocol, read-only (query operation only)."""
from __future__ import annotations

from urllib.parse import parse_qs

from flask import Blueprint, Response, request, url_for

from styrgraf.sparql import results
from styrgraf import sparql
from styrgraf.sparql.executor import NotAcceptable, QueryTimeout, ServerBusy
from styrgraf.web import core
from styrgraf.web.errors import ApiError

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


def accepted_formats(format_param: str | None = None) -> list[str]:
    """Format names the client accepts, best first, from ``format`` or ``Accept``."""
    if format_param:
        name = results.ALIASES.get(format_param, format_param)
        if name not in results.FORMATS:
            known = ", ".join(results.FORMATS)
            raise ApiError(406, f"unknown format {format_param!r}; use one of: {known}")
        return [name]
    ranked = []
    for media_type, quality in request.accept_mimetypes:
        if quality <= 0:
            continue
        if media_type in ("*/*", "application/*", "text/*"):
            return ranked  # anything goes from here: the kind's default decides
        name = results.ALIASES.get(media_type) or next(
            (f.name for f in results.FORMATS.values() if f.media_type == media_type), None)
        if name and name not in ranked:
            ranked.append(name)
    if not ranked and request.headers.get("Accept"):
        raise ApiError(406, f"none of the accepted media types ({request.headers['Accept']}) can be given; "
                            f"offered: " + ", ".join(f.media_type for f in results.FORMATS.values()))
    return ranked


def _single(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise ApiError(400, f"the request carries {len(values)} '{name}' parameters; exactly one is allowed")
    return values[0] if values else None


def _protocol_request() -> tuple[str | None, list[str], list[str]]:
    """The query and the protocol dataset, from GET, form POST or direct POST."""
    url_args = parse_qs(request.query_string.decode("utf-8", "replace"), keep_blank_values=True)
    if request.method == "GET":
        args = url_args
    else:
        mimetype = request.mimetype
        if mimetype == FORM:
            args = parse_qs(request.get_data(as_text=True), keep_blank_values=True)
        elif mimetype == DIRECT:
            charset = request.mimetype_params.get("charset", "utf-8").lower()
            if charset not in ("utf-8", "utf8"):
                raise ApiError(415, f"a direct POST must be UTF-8, not {charset}")
            try:
                body = request.get_data().decode("utf-8")
            except UnicodeDecodeError:
                raise ApiError(400, "the query is not valid UTF-8") from None
            args = dict(url_args)
            args["query"] = [body]
        elif mimetype == UPDATE:
            raise ApiError(400, "this endpoint is read-only: SPARQL Update is refused and nothing was changed")
        elif not mimetype:
            raise ApiError(415, f"a POST needs Content-Type {FORM} or {DIRECT}")
        else:
            raise ApiError(415, f"unsupported Content-Type {mimetype}; use {FORM} or {DIRECT}")
        for key in ("default-graph-uri", "named-graph-uri"):
            if key in url_args and key not in args:
                args[key] = url_args[key]
    if "update" in args:
        raise ApiError(400, "this endpoint is read-only: SPARQL Update is refused and nothing was changed")
    query = _single(args.get("query", []), "query")
    return query, args.get("default-graph-uri", []), args.get("named-graph-uri", [])


def run(text: str, accept: list[str], *, default_graphs=None, named_graphs=None, substitutions=None) -> Response:
    """Run a query through the executor and turn every failure into the right status."""
    if not text.strip():
        raise ApiError(400, "the query is empty")
    if len(text) > request_limit():
        raise ApiError(413, f"the query is {len(text)} characters long; the limit is {request_limit()}")
    try:
        # Relative IRIs resolve against the endpoint (SPARQL 1.1 Protocol: the service's BASE).
        answer = core().executor.run(text, accept, default_graphs=default_graphs, named_graphs=named_graphs,
                                     substitutions=substitutions, base_iri=url_for("sparql.endpoint", _external=True))
    except sparql.UpdateRefused as error:
        raise ApiError(400, str(error)) from None
    except sparql.QuerySyntaxError as error:
        raise ApiError(400, f"query syntax error: {error}") from None
    except results.ResultLimitExceeded as error:
        raise ApiError(400, str(error)) from None
    except sparql.QueryFailed as error:  # the store behind us failed, not the request
        raise ApiError(502, f"the store could not answer: {error}") from None
    except NotAcceptable as error:
        raise ApiError(406, str(error)) from None
    except QueryTimeout as error:
        raise ApiError(503, str(error)) from None
    except ServerBusy as error:
        raise ApiError(503, str(error), {"Retry-After": "1"}) from None
    media = answer.format.media_type
    if media.startswith("text/") or media.endswith(("json", "xml")):
        media += "; charset=utf-8"
    response = Response(answer.body, content_type=media)
    response.headers.update(CORS)
    response.headers["Vary"] = "Accept"
    response.headers["X-Result-Rows"] = str(answer.rows)
    return response


def request_limit() -> int:
    from flask import current_app
    return current_app.config["MAX_QUERY_LENGTH"]


@blueprint.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    """The SPARQL 1.1 query endpoint."""
    if request.method == "OPTIONS":
        return Response(status=204, headers=CORS)
    query, default_graphs, named_graphs = _protocol_request()
    if query is None:
        if request.method == "POST":
            raise ApiError(400, "the request has no 'query'")
        return service_description()
    accept = accepted_formats(request.args.get("format"))
    return run(query, accept, default_graphs=default_graphs or None, named_graphs=named_graphs or None)


def service_description() -> Response:
    """A SPARQL 1.1 Service Description of this endpoint, in Turtle."""
    url = url_for("sparql.endpoint", _external=True)
    graphs = "\n".join(f"        sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ] ;"
                       for g in core().store.graph_names())
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
