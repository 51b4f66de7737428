"""Error messages in the page's language (issue 12, "one language per page"): a Swedish
page explains in Swedish, an English one in English; JSON clients get the English
``message`` with ``message_sv`` beside it; the CLI stays English."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from styrgraf.cli import main
from styrgraf.errors import BadRequest
from styrgraf.sparql import guard, messages

MISSING_PREFIX = "SELECT ?d WHERE { ?d a sg:Director }"
# Words no Swedish sentence has; what a user typed (code, quoted values, IRIs) is left out.
ENGLISH = re.compile(r"\b(the|is|not|unknown|did you mean|must|needs|nothing|about|knows|query|"
                     r"parameter|whole|number|from|expected|unexpected|add|declare|error)\b", re.I)


def message_on_page(html: str) -> tuple[str, str]:
    """The error paragraph's language and its text without code."""
    match = re.search(r'<p class="error" id="(?:error-message|query-error)" lang="(\w+)">(.*?)</p>', html, re.S)
    assert match, html[:400]
    return match.group(1), re.sub(r"<code>.*?</code>", " ", match.group(2), flags=re.S)


@pytest.mark.parametrize("path,status,swedish,english", [
    ("/resource?iri=https%3A%2F%2Fw3id.org%2Fstyrgraf%2Fid%2Fkungsor%2Fingen", 404, "grafen vet ingenting om",
     "the graph knows nothing about"),
    ("/resource?iri=inte%20en%20iri", 400, "parametern", "parameter"),
    ("/org/kungsr", 404, "det finns ingen organisation som heter", "unknown organisation"),
    ("/resource?iri=urn%3Aa&iri=urn%3Ab", 400, "anges 2 gånger", "is given 2 times"),
    ("/query?query=" + MISSING_PREFIX.replace(" ", "%20"), 400, "okänt prefix", "unknown prefix"),
    ("/query?saved=cq01-director-reports-to&org=not%20an%20iri", 400, "måste vara en IRI", "needs an IRI"),
    ("/no/such/page", 404, "det finns ingen sida", "not found"),
])
def test_error_pages_speak_the_pages_language(client, path, status, swedish, english):
    for lang, said in (("sv", swedish), ("en", english)):
        response = client.get(f"{path}{'&' if '?' in path else '?'}lang={lang}", headers={"Accept": "text/html"})
        assert response.status_code == status, response.get_data(as_text=True)[:300]
        marked, text = message_on_page(response.get_data(as_text=True))
        assert marked == lang and said in text, (lang, text)
        if lang == "sv":
            assert not ENGLISH.search(text), text


def test_unknown_organisation_suggests_in_swedish(client):
    _, text = message_on_page(client.get("/org/kungsr?lang=sv", headers={"Accept": "text/html"}).get_data(as_text=True))
    assert "menade du" in text and "did you mean" not in text


def test_json_clients_get_both_texts(client):
    response = client.post("/query/run", data={"query": MISSING_PREFIX},
                           headers={"Accept": "application/sparql-results+json"})
    error = response.get_json()["error"]
    assert response.status_code == 400
    assert error["message"].startswith("unknown prefix `sg:`")
    assert error["message_sv"].startswith("okänt prefix `sg:` — lägg till `PREFIX sg: <")
    plain = client.get("/sparql?query=" + MISSING_PREFIX.replace(" ", "%20"), headers={"Accept": "*/*"})
    assert plain.status_code == 400 and "unknown prefix" in plain.get_data(as_text=True)


def test_parse_errors_and_refusals_in_swedish():
    assert messages.explain("SELECT * WHERE { ?s ?p ?o", "error at 1:26: expected '}'", "sv") == \
        "frågan tar slut för tidigt (rad 1, kolumn 26): en avslutande `}` saknas"
    with pytest.raises(guard.QueryRefused) as refused:
        guard.check("SELECT * WHERE " + "{" * 70 + "}" * 70)
    assert refused.value.message_sv.startswith("frågan är för djupt nästlad (rad 1, kolumn")
    assert refused.value.text_for("en").startswith("the query is nested too deeply")


def test_an_error_without_swedish_falls_back_to_english():
    error = BadRequest("only English")
    assert (error.text_for("sv"), error.lang_of("sv")) == ("only English", "en")


def test_the_cli_stays_english():
    result = CliRunner().invoke(main, ["query", "cq0x"])
    assert result.exit_code == 2 and "no saved query" in result.output and "menade" not in result.output
