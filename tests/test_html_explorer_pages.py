"""The explorer's pages in-process, as a user meets them (issue 12): saved-query
parameters bind whatever the line endings, the permalink keeps them, one language per
page, the home page's validation links land on anchors, compare lets one choose."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from styrgraf.web import i18n
from styrgraf.web.i18n_texts import TEXTS

CQ01 = "cq01-director-reports-to"


def test_parameters_bind_when_the_browser_sends_crlf(client, app):
    text = app.extensions["styrgraf"].queries[CQ01].text.replace("\n", "\r\n")
    every = client.post("/query/run", data={"query": text, "saved": CQ01, "format": "json"}).get_json()
    one = client.post("/query/run", data={"query": text, "saved": CQ01, "org": "kommun-a:kommunen",
                                          "format": "json"}).get_json()
    assert len(every["results"]["bindings"]) > 1
    assert [b["org"]["value"] for b in one["results"]["bindings"]] == ["https://w3id.org/styrgraf/id/kommun-a/kommunen"]


def test_the_permalink_keeps_the_saved_query_and_its_parameters(client, app):
    html = client.get(f"/query?saved={CQ01}&org=kommun-a:kommunen").get_data(as_text=True)
    link = re.search(r'id="permalink" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    args = parse_qs(urlparse(link).query)
    assert args == {"saved": [CQ01], "org": ["kommun-a:kommunen"]}
    edited = app.extensions["styrgraf"].queries[CQ01].text + "\nLIMIT 5"
    html = client.get("/query", query_string={"saved": CQ01, "org": "kommun-a:kommunen", "query": edited}).get_data(as_text=True)
    args = parse_qs(urlparse(re.search(r'id="permalink" href="([^"]+)"', html).group(1).replace("&amp;", "&")).query)
    assert args["saved"] == [CQ01] and args["org"] == ["kommun-a:kommunen"] and args["query"][0].endswith("LIMIT 5")


@pytest.mark.parametrize("lang,said", [("sv", "måste vara en IRI"), ("en", "needs an IRI")])
def test_a_bad_parameter_is_a_400_that_keeps_the_page(client, lang, said):
    response = client.get(f"/query?saved={CQ01}&org=not%20an%20iri&lang={lang}")
    assert response.status_code == 400 and said in response.get_data(as_text=True)


def test_every_text_exists_in_both_languages():
    assert set(TEXTS["sv"]) == set(TEXTS["en"])


@pytest.mark.parametrize("lang,value,expected", [("sv", "P1Y", "1 år"), ("en", "P1Y", "1 year"),
                                                 ("sv", "P10Y", "10 år"), ("en", "P1Y6M", "1 year 6 months"),
                                                 ("sv", "2024-03-04", "2024-03-04")])
def test_durations_in_words(app, lang, value, expected):
    with app.test_request_context(f"/?lang={lang}"):
        assert i18n.value_text(value) == expected


@pytest.mark.parametrize("lang,count,expected", [("sv", 1, "1 varning"), ("sv", 2, "2 varningar"),
                                                 ("en", 1, "1 warning"), ("en", 0, "0 warnings")])
def test_counts_take_the_right_number(app, lang, count, expected):
    with app.test_request_context(f"/?lang={lang}"):
        assert i18n.plural(count, "warnings") == expected


def test_home_links_land_on_validation_anchors_and_notes_show(client):
    home = client.get("/").get_data(as_text=True)
    anchors = set(re.findall(r'href="/validation#([\w-]+)"', home))
    if not anchors:  # the report is still being computed: the page refreshes itself
        assert 'http-equiv="refresh"' in home
        return
    assert "upplysning" in home
    validation = client.get("/validation").get_data(as_text=True)
    for key in anchors:
        assert f'id="{key}"' in validation


def test_validation_headings_state_the_finding(client):
    html = client.get("/validation?lang=en").get_data(as_text=True)
    assert "The governing document is valid and reviewed" not in html
    if 'data-shape="DocumentCurrent"' in html:
        assert "Governing documents expired, overdue for review or old" in html


def test_validation_messages_give_durations_in_words(app, client):
    """The shapes' messages carry ISO durations ("interval P1Y"); the page says them in words."""
    assert app.extensions["styrgraf"].report.get(wait=120) is not None
    for lang, words in (("sv", "intervall 1 år"), ("sv", "äldre än 10 år"), ("en", "older than 10 years")):
        html = client.get(f"/validation?lang={lang}").get_data(as_text=True)
        assert words in html and not re.search(r"\bP\d+[YMWD]\b", html)


def test_resource_pages_use_labels_and_durations(client):
    html = client.get("/id/kungsor/riktlinje-samspel").get_data(as_text=True)
    assert re.search(r"aktualiseringsintervall</a></dt>\s*<dd>1 år</dd>", html) and "P1Y</dd>" not in html
    html = client.get("/id/blekinge/landstingsdirektor?lang=en").get_data(as_text=True)
    assert "(reportsTo)" not in html and "reports to" in html


@pytest.mark.parametrize("path", ["/id/kungsor/riktlinje-samspel", "/id/kungsor/a-fortroendevald-forst-fc",
                                  "/def/Director", "/def/reportsTo"])
def test_resource_pages_link_only_to_pages_that_exist(client, path):
    """Another vocabulary's property (rdfs:comment, dcterms:issued, rdf:subject) has no page."""
    html = client.get(path).get_data(as_text=True)
    links = {link.replace("&amp;", "&") for link in re.findall(r'href="(/(?:id|def|resource)[^"#]*)', html)}
    assert links
    dead = [link for link in sorted(links) if client.get(link).status_code != 200]
    assert dead == []


def test_a_class_page_lists_its_instances(client):
    html = client.get("/def/Director").get_data(as_text=True)
    assert "Instanser (4)" in html
    listed = re.findall(r'<ul class="instances">(.*?)</ul>', html, re.S)[0]
    assert sorted(re.findall(r'href="(/id/[^"]+)"', listed)) == [
        "/id/blekinge/landstingsdirektor", "/id/kommun-a/kommundirektor", "/id/kommun-b/kommundirektor",
        "/id/kungsor/kommundirektor"]
    assert "Instances (4)" in client.get("/def/Director?lang=en").get_data(as_text=True)
    assert 'class="instances"' not in client.get("/id/kungsor/kommundirektor").get_data(as_text=True)


def test_compare_lets_the_user_choose(client):
    html = client.get("/compare?org=kungsor&org=blekinge").get_data(as_text=True)
    assert 'id="compare-form"' in html
    checked = re.findall(r'name="org" value="([\w-]+)" checked', html)
    assert sorted(checked) == ["blekinge", "kungsor"]
    assert html.count('name="org"') >= 5


def test_compare_before_a_choice_shows_only_the_picker(client):
    """Fewer than two chosen: no empty tables, no CSV or graph link that answers 400."""
    for path in ("/compare", "/compare?org=kungsor"):
        html = client.get(path).get_data(as_text=True)
        assert 'id="compare-form"' in html and "<table" not in html
        assert "/api/analysis/compare?" not in html and 'href="/graph?' not in html
        assert re.search(r"<h1>[^<:]+</h1>", html)


def test_menu_links_lead_to_pages_with_a_way_back_and_a_favicon(client):
    for path in ("/help/sparql", "/help/api"):
        response = client.get(path)
        assert response.status_code == 200 and response.mimetype == "text/html"
        assert 'href="/"' in response.get_data(as_text=True)
    assert client.get("/favicon.ico").status_code == 301
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200 and b"<svg" in icon.data
    icon.close()


def test_compare_names_the_posts_in_the_pages_language(client):
    english = client.get("/compare?org=kungsor&org=blekinge&lang=en").get_data(as_text=True)
    swedish = client.get("/compare?org=kungsor&org=blekinge&lang=sv").get_data(as_text=True)
    assert "director →" in english.lower() or "→ director" in english.lower()
    assert "kommundirektör →" in swedish or "→ kommundirektör" in swedish
    assert "kommundirektör →" not in english and "→ kommundirektör" not in english
