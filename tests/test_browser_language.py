"""Every page in each language: the visible text holds no code name of the vocabulary
and no interface string or vocabulary label of the other language. Text marked with
another language (quotes, source texts, the labels list) and code (<code>, <pre>, the
SPARQL editor) are left out, as a reader would expect. Error pages in Swedish explain in
Swedish."""
from __future__ import annotations

import re

import pytest

from browser_support import GuardedPage
from styrgraf.web import i18n
from styrgraf.web.i18n_texts import TEXTS

pytestmark = pytest.mark.browser
PAGES = ["/", "/org/kungsor", "/graph?org=kommun-a&org=blekinge", "/id/kungsor/kommundirektor",
         "/id/kungsor/riktlinje-samspel", "/id/kungsor/kommunen", "/id/kungsor/a-kd-chef-ksf", "/id/kommun-a/instruktion-kommundirektor", "/id/blekinge/instruktion-landstingsdirektor", "/def/Director", "/def/reportsTo",
         "/resource?iri=http%3A%2F%2Frinfo.lagrummet.se%2Fpubl%2Fsfs%2F2017%3A725%23k_7-p_1",
         "/query", "/validation", "/compare", "/compare?org=kungsor&org=blekinge", "/help/sparql", "/help/api",
         "/org/atlantis"]
VISIBLE_TEXT = """() => {
  const skip = el => el.closest('code, pre, script, style, .CodeMirror, .yasr_results, #prefixes, .iri') ||
                     (el.closest('[lang]') && el.closest('[lang]').getAttribute('lang') !== document.documentElement.lang);
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || skip(el) || !el.getClientRects().length) continue;
    if (n.textContent.trim()) out.push(n.textContent.trim());
  }
  return out.join('\\n'); }"""


def foreign_words(lang: str) -> set[str]:
    """Interface strings and vocabulary labels of the other language that differ from this one's."""
    other = "en" if lang == "sv" else "sv"
    words = {v for k, v in TEXTS[other].items() if v != TEXTS[lang].get(k) and len(v) >= 5 and "{" not in v}
    ours, theirs = i18n.vocabulary_labels(lang), i18n.vocabulary_labels(other)
    words |= {v for k, v in theirs.items() if v and v != ours.get(k) and len(v) >= 5}
    mine = set(TEXTS[lang].values()) | set(ours.values())
    return {w for w in words if not any(w in m for m in mine)}


def code_names() -> set[str]:
    """Local names of the vocabulary that are not words of either language (camelCase, PascalCase)."""
    names = set(i18n.vocabulary_labels("sv"))
    return {n for n in names if re.search(r"[a-z][A-Z]", n) or (n[:1].isupper() and n.lower() not in
            {v.lower() for v in list(i18n.vocabulary_labels("sv").values()) + list(i18n.vocabulary_labels("en").values())})}




@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_page_speaks_one_language(browser, live_server, lang):
    guarded = GuardedPage(browser, live_server)
    page = guarded.page
    foreign, codes = foreign_words(lang), code_names()
    problems = []
    for path in PAGES:
        page.goto(f"{live_server}{path}{'&' if '?' in path else '?'}lang={lang}")
        if "/org/" in path or "/graph" in path:
            page.wait_for_selector("#cy[data-ready=true]", timeout=20_000) if "atlantis" not in path else None
            if "atlantis" not in path:
                page.evaluate("(() => { const n = styrgrafGraph.nodes().filter(n => !n.data('isOrg'))[0]; n.emit('tap'); })()")
        if path == "/query":
            page.wait_for_selector("#yasgui .tabPanel.active .yasr table.dataTable tbody tr")
        text = page.evaluate(VISIBLE_TEXT)
        for word in sorted(foreign):
            if re.search(r"(?<![\w:/#-])" + re.escape(word) + r"(?![\w:-])", text):
                problems.append(f"{path} [{lang}]: other language: {word!r}")
        # no stored file's hash name, no note's property in parentheses, no assertion titled by its IRI's tail
        for pattern in (r"\b\w*[0-9a-f]{12,}\.txt\b", r"\((?:sg|dcterms|rdfs):\w+[,)]", r"^a-[a-z0-9-]+$"):
            problems += [f"{path} [{lang}]: code: {m!r}" for m in re.findall(pattern, text, re.M)]
        for name in sorted(codes):
            if re.search(r"(?<![\w:#/])" + re.escape(name) + r"(?![\w])", text):
                problems.append(f"{path} [{lang}]: code name: {name!r}")
    guarded.close()
    assert problems == [], "\n".join(problems)


# Error pages a visitor meets: a resource the graph does not know (404), a malformed
# parameter (400), a mistyped organisation (404, "menade du"), a query with a parse error.
ERROR_PAGES = {"/resource?iri=https%3A%2F%2Fw3id.org%2Fstyrgraf%2Fid%2Fkungsor%2Fingen": "#error-message",
               "/resource?iri=inte%20en%20iri": "#error-message",
               "/org/kungsr": "#error-message",
               "/query?query=SELECT%20%3Fd%20WHERE%20%7B%20%3Fd%20a%20sg%3ADirector%20%7D": "#query-error"}
# Words of an English sentence that no Swedish one has (what a user typed is in <code>).
ENGLISH_WORDS = re.compile(r"\b(the|is|not|unknown|did you mean|must|needs|nothing|about|knows|query|"
                           r"parameter|whole|number|expected|unexpected|add|declare|error|found)\b", re.I)


def test_error_pages_speak_swedish(browser, live_server):
    guarded = GuardedPage(browser, live_server)
    page = guarded.page
    foreign = foreign_words("sv")
    problems = []
    for path, selector in ERROR_PAGES.items():
        page.goto(f"{live_server}{path}&lang=sv" if "?" in path else f"{live_server}{path}?lang=sv")
        message = page.locator(selector)
        if message.get_attribute("lang") != "sv":
            problems.append(f"{path}: the message is not marked Swedish")
        said = message.evaluate("el => { const c = el.cloneNode(true); c.querySelectorAll('code').forEach(x => x.remove());"
                                " return c.textContent; }")
        if ENGLISH_WORDS.search(said):
            problems.append(f"{path}: English in the message: {said!r}")
        text = page.evaluate(VISIBLE_TEXT)
        problems += [f"{path}: other language: {w!r}" for w in sorted(foreign)
                     if re.search(r"(?<![\w:/#-])" + re.escape(w) + r"(?![\w:-])", text)]
    # a query run from the editor: YASGUI shows the server's error in Swedish too
    page.goto(f"{live_server}/query?lang=sv")
    page.wait_for_selector("#yasgui .tabPanel.active .yasr table.dataTable tbody tr")  # the example, answered
    page.evaluate("""() => { const y = window.styrgrafYasgui.getTab().getYasqe();
        y.setValue('SELECT ?d WHERE { ?d a foo:Director }'); y.query().catch(() => {}); }""")
    shown = page.wait_for_selector("#yasgui .tabPanel.active .query-server-error p", timeout=15_000)
    said = shown.evaluate("el => { const c = el.cloneNode(true); c.querySelectorAll('code').forEach(x => x.remove());"
                          " return c.textContent; }")
    if shown.get_attribute("lang") != "sv" or ENGLISH_WORDS.search(said) or "okänt prefix" not in said:
        problems.append(f"/query (YASGUI): {said!r}")
    guarded.close()
    assert problems == [], "\n".join(problems)
