"""Every paragraph of the five texts accounted for: it yields assertions, or a
sg:ParagraphNote says in one line (sv and en) why it carries no governance fact."""
from __future__ import annotations

import pytest
from styrgraf import paragraphs
from styrgraf.vocab import SG

SG_NS = str(SG)
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
KEYS = ["blekinge", "kommun-a", "kommun-b", "kommun-c", "kungsor"]


def evidence(curated, document):
    """The quotes (assertions and rules) and the notes derived from one document."""
    types, derived, quotes, reasons = {}, {}, {}, {}
    for t in curated.triples:
        p = t.predicate.value
        if p == RDF_TYPE:
            types.setdefault(t.subject.value, set()).add(t.object.value)
        elif p == DERIVED:
            derived[t.subject.value] = t.object.value
        elif p == SG_NS + "quote":
            quotes.setdefault(t.subject.value, []).append(t.object.value)
        elif p == SG_NS + "reason":
            reasons.setdefault(t.subject.value, {})[t.object.language] = t.object.value
    mine = [n for n, d in derived.items() if d == document]
    notes = [paragraphs.Note(n, quotes[n][0], reasons.get(n, {})) for n in mine
             if SG_NS + "ParagraphNote" in types.get(n, ())]
    quoted = [q for n in mine if SG_NS + "ParagraphNote" not in types.get(n, ()) for q in quotes.get(n, [])]
    return quoted, notes


@pytest.fixture(scope="module")
def accounts(shipped_files):
    out = {}
    for curated in shipped_files:
        if not curated.texts:
            continue  # the registry: organisations, no document
        (document, text), = curated.texts.items()
        quoted, notes = evidence(curated, document)
        out[curated.key] = (paragraphs.account_for_paragraphs(text, quoted, notes), notes)
    return out


@pytest.mark.parametrize("key", KEYS)
def test_every_sentence_is_quoted_or_carries_a_note(accounts, key):
    rows, _ = accounts[key]
    missing = [paragraphs.collapse(s["text"])[:100] for r in rows for s in r["sentences"] if not s["accounted"]]
    assert missing == [], f"{key}: sentences with neither an assertion nor a note"
    assert len(rows) > 15 and sum(len(r["sentences"]) for r in rows) > len(rows)


@pytest.mark.parametrize("key", KEYS)
def test_every_note_explains_a_paragraph_in_both_languages(accounts, key):
    rows, notes = accounts[key]
    used = {s["note"].iri for r in rows for s in r["sentences"] if s["note"]}
    assert {n.iri for n in notes} - used == set(), "notes that explain no paragraph"
    for note in notes:
        assert note.reason.get("sv") and note.reason.get("en"), note.iri
        assert "\n" not in note.reason["sv"] and len(note.reason["en"]) < 240, note.iri


def test_a_paragraph_with_neither_is_reported():
    text = "Rubrik\n\nKommundirektören ska leda förvaltningen.\n\nEtt stycke som ingen läst.\n"
    rows = paragraphs.account_for_paragraphs(text, ["Kommundirektören ska leda förvaltningen."],
                                             [paragraphs.Note("n1", "Rubrik", {"sv": "Rubrik.", "en": "A heading."})])
    assert [(r["supported"], r["note"] is not None, r["accounted"]) for r in rows] == [
        (False, True, True), (True, False, True), (False, False, False)]


def test_a_note_names_its_paragraph_by_whole_opening_words():
    syfte = paragraphs.Note("h", "Syfte", {})
    purpose = paragraphs.Note("p", "Syftet med denna riktlinje", {})
    assert paragraphs.note_for("Syfte", [syfte, purpose]) is syfte
    assert paragraphs.note_for("Syftet med denna riktlinje är att …", [syfte, purpose]) is purpose
    assert paragraphs.note_for("Syftet i allmänhet", [syfte]) is None  # "Syfte" is not "Syftet"


def test_a_quote_across_a_blank_line_supports_both_paragraphs():
    """Kommun B's bullet "Verka för … mellan förtroendevalda och\\n\\ntjänstemän." is split by
    the extraction; the one quote accounts for both halves."""
    text = "Verka för en tydlig fördelning mellan förtroendevalda och\n\ntjänstemän.\n"
    rows = paragraphs.account_for_paragraphs(text, ["Verka för en tydlig fördelning mellan förtroendevalda och tjänstemän."], [])
    assert [r["supported"] for r in rows] == [True, True]


def test_the_document_page_shows_each_reason(client):
    import re
    html = client.get("/id/blekinge/instruktion-landstingsdirektor").get_data(as_text=True)
    reasons = re.findall(r'class="paragraph-note"[^>]*>\((.*?)\)</small>', html)  # names set as <code> inside
    assert len(reasons) == html.count('class="unsupported"') == 23
    assert any("dokumentmetadata" in r for r in reasons)


def test_the_document_page_shows_the_reasons_for_unquoted_sentences(client):
    """Kungsör's paragraph on meeting staff outside work is quoted in part; the page
    gives the reason beside it for each sentence no quote touches."""
    import re
    html = client.get("/id/kungsor/riktlinje-samspel?lang=en").get_data(as_text=True)
    reasons = re.findall(r'class="sentence-note"[^>]*>\((.*?)\)</small>', html)
    assert any("Limits the channel rule" in r for r in reasons)
    assert len(reasons) >= 20


def test_a_sentence_needs_its_own_quote_or_note():
    """One quoted sentence no longer accounts for the rest of its paragraph; a note
    of three words or more explains the sentence it opens, a one-word lead-in does not."""
    text = "Direktören leder förvaltningen. Tolkningsutrymmet ska minimeras. Direktören är viktig.\n"
    lead_in = paragraphs.Note("n1", "Direktören", {"sv": "Inledning.", "en": "Lead-in."})
    rows = paragraphs.account_for_paragraphs(text, ["Direktören leder förvaltningen."], [lead_in])
    assert [(s["supported"], s["accounted"]) for s in rows[0]["sentences"]] == [(True, True), (False, False), (False, False)]
    note = paragraphs.Note("n2", "Tolkningsutrymmet ska minimeras.", {"sv": "x", "en": "x"})
    rows = paragraphs.account_for_paragraphs(text, ["Direktören leder förvaltningen."], [lead_in, note])
    assert [s["accounted"] for s in rows[0]["sentences"]] == [True, True, False] and not rows[0]["accounted"]
    assert paragraphs.account_for_paragraphs("Direktören\n", [], [lead_in])[0]["accounted"]
