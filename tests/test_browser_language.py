"""Every page in each language: the visible text holds no code name of the vocabulary
and no interface string or vocabulary label of the other language. Text marked with
another language (quotes, source texts, the labels list, English server messages) and
code (<code>, <pre>, the SPARQL editor) are left out, as a reader would expect."""
from __future__ import annotations

import re

import pytest

from browser_support import GuardedPage, launch
from styrgraf.web import i18n
from styrgraf.web.i18n_texts import TEXTS

pytestmark = pytest.mark.browser
PAGES = ["/", "/org/kungsor", "/graph?org=kommun-a&org=blekinge", "/id/kungsor/kommundirektor",
         "/id/kungsor/riktlinje-samspel", "/id/kungsor/kommunen", "/def/Director", "/def/reportsTo",
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


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


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
        for name in sorted(codes):
            if re.search(r"(?<![\w:#/])" + re.escape(name) + r"(?![\w])", text):
                problems.append(f"{path} [{lang}]: code name: {name!r}")
    guarded.close()
    assert problems == [], "\n".join(problems)
