"""The query page (YASGUI beside the saved queries), the endpoint it runs queries on, the
pages behind the menu's SPARQL and API links, and the favicon.

Queries run on the server through the same executor as ``/sparql``. A saved query's
parameters are bound as RDF terms whenever the request names the saved query, whatever
the browser did to the text's line endings (issue 12, bug 1), and the permalink keeps
``saved=`` and the parameters. Opening a permalink runs it here, so a bad query gets its
status (400, 413) and the page keeps the text.
"""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, redirect, render_template, request, url_for

from styrgraf.sparql import queries
from styrgraf.vocab import ID_BASE, PREFIXES
from styrgraf.web import core, endpoint, i18n
from styrgraf import lookup
from styrgraf.errors import BadRequest, StyrgrafError

blueprint = Blueprint("query_page", __name__)
blueprint.register_blueprint(i18n.blueprint)  # the templates' language helpers, app-wide

EXAMPLE_QUESTION = {"sv": "Vem svarar varje direktör inför, och vilken mening säger det?",
                    "en": "Whom does each director report to, and which sentence says so?"}
EXAMPLE = """PREFIX sg: <https://w3id.org/styrgraf/def#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

# {question}
SELECT ?director ?directorLabel ?principal ?quote WHERE {{
  ?director a sg:Director ; rdfs:label ?directorLabel ; sg:reportsTo ?principal .
  FILTER (LANG(?directorLabel) = "{lang}")
  ?assertion rdf:subject ?director ; rdf:predicate sg:reportsTo ; rdf:object ?principal ; sg:quote ?quote .
}}
"""


def example(lang: str) -> str:
    """The query the editor opens on, its comment in the page's language."""
    return EXAMPLE.format(question=EXAMPLE_QUESTION[lang], lang=lang)


def normalised(text: str) -> str:
    """The text as a comparison should see it: browsers send CR LF line endings."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n"))


def _saved_and_values(args) -> tuple[queries.SavedQuery | None, dict[str, str]]:
    name = args.get("saved") or ""
    if not name:
        return None, {}
    saved = lookup.saved_query(name, core().queries)
    return saved, {p.name: args.get(p.name, "") for p in saved.parameters}


def _bindings(saved, values: dict[str, str]) -> dict:
    return core().bind(saved, values) if saved else {}


def permalink(text: str, saved, values: dict[str, str]) -> str:
    """A link that reopens the query: by name when it is the saved text, else with the
    text; the saved query and its parameters kept either way."""
    args: dict[str, str] = {}
    if saved is None or normalised(text) != normalised(saved.text):
        args["query"] = text
    if saved is not None:
        args["saved"] = saved.name
        args.update({k: v for k, v in values.items() if v})
    return "/query?" + urlencode(args)


def project_prefixes() -> dict[str, str]:
    """The prefixes the editor knows and adds by itself: the vocabularies and one per organisation."""
    prefixes = dict(PREFIXES)
    for key in sorted(i18n_organisations()):
        prefixes.setdefault(key, f"{ID_BASE}{key}/")
    return prefixes


def i18n_organisations() -> list[str]:
    return core().organisation_keys()


@blueprint.route("/query/run", methods=["GET", "POST"])
def run():
    """The editor's endpoint: the SPARQL protocol's ``query`` plus ``saved`` and the saved
    query's parameters, bound as RDF terms."""
    args = request.form if request.method == "POST" else request.args
    saved, values = _saved_and_values(args)
    text = args.get("query")
    if text is None and saved is not None:
        text = saved.text
    if text is None:
        raise BadRequest("the request has no 'query'", sv="begäran saknar 'query'")
    accept = endpoint.accepted_formats(args.get("format"))
    return endpoint.answer(text, accept, substitutions=_bindings(saved, values))


@blueprint.get("/query")
def query_page():
    """YASGUI with the saved queries; ?query=… and/or ?saved=NAME&param=… open and run."""
    saved, values = _saved_and_values(request.args)
    text = request.args.get("query")
    if text is None and saved is not None:
        text = saved.text
    state = {"text": text, "saved": saved.name if saved else None, "values": values, "response": None,
             "permalink": permalink(text, saved, values) if text is not None else None}
    status, error, error_lang = 200, None, None
    if text is not None:
        try:
            answer = endpoint.answer(text, ["json", "turtle"], substitutions=_bindings(saved, values))
            state["response"] = {"data": answer.get_data(as_text=True), "contentType": answer.mimetype,
                                 "status": 200, "rows": int(answer.headers.get("X-Result-Rows", 0))}
        except StyrgrafError as failure:
            lang = i18n.current_language()
            status, error, error_lang = failure.status, failure.text_for(lang), failure.lang_of(lang)
    library = list(core().queries.values())
    return render_template("query.html", library=library, saved=saved, values=values, error=error,
                           error_lang=error_lang,
                           state=state, example=example(i18n.current_language()), prefixes=project_prefixes(),
                           library_json=_library_json(library)), status


def _library_json(library) -> dict:
    lang = i18n.current_language()
    return {q.name: {"text": q.text, "title": q.title_for(lang), "parameters": [p.name for p in q.parameters]}
            for q in library}


@blueprint.get("/help/sparql")
def sparql_help():
    """What the SPARQL endpoint is and how to use it, with a way back."""
    return render_template("sparql_help.html", endpoint_url=url_for("sparql.endpoint", _external=True),
                           example=example(i18n.current_language()))


@blueprint.get("/help/api")
def api_help():
    """The saved queries as an API: each with its parameters and links."""
    return render_template("api_help.html", library=list(core().queries.values()),
                           base=url_for("query_page.api_help", _external=True).rsplit("/help/api", 1)[0])


@blueprint.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico; the icon is an SVG in the static folder."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)
