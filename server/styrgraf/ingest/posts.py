"""Posts a document names where only a post can stand, and the abbreviations it lists.

A delegation table's delegate column, its substitute column and the delegate of "X får
besluta om" name a post or an organ even when the lexicon does not know the title
("Chefsjurist", "Beredskapssamordnaren"). Such a phrase becomes a term of the document
(its key from its base form, its class from its head noun), and its inflected forms
become mentions everywhere in the document. A list of abbreviations ("Förkortningar: KS
kommunstyrelsen, AU arbetsutskottet", or one per line, "NO – nämndens
ordförande") gives each abbreviation as a further form of the term it expands to.
"""
from __future__ import annotations

import re

import simplemma

from styrgraf.ingest.lexicon import B, W, Term, find_mentions

# the head nouns of posts and organs, and the class each gives a post the lexicon lacks
HEADS: tuple[tuple[str, str], ...] = (
    ("ordförande", "Chair"), ("utskott", "WorkingCommittee"), ("presidium", "WorkingCommittee"),
    ("nämnd", "Committee"), ("styrelse", "ExecutiveBoard"), ("direktör", "SeniorOfficial"),
    ("chef", "Manager"), ("ledare", "Manager"), ("föreståndare", "Manager"), ("rektor", "Manager"),
    ("sekreterare", "Employee"), ("jurist", "Employee"), ("handläggare", "Employee"), ("samordnare", "Employee"),
    ("läkare", "Employee"), ("ansvarig", "Employee"), ("controller", "Employee"), ("strateg", "Employee"),
    ("ekonom", "Employee"), ("inspektör", "Employee"), ("ingenjör", "Employee"), ("assistent", "Employee"),
    ("administratör", "Employee"), ("arkivarie", "Employee"), ("revisor", "Employee"), ("specialist", "Employee"),
    ("rådgivare", "Employee"), ("utredare", "Employee"), ("tjänsteperson", "Official"), ("anställd", "Official"),
    ("ledamot", "ElectedRepresentative"),
)
# the words a post's name may have before its head: adjectives ("regional", "biträdande"),
# ordinals, "vice", the first part of "hälso- och sjukvårdsdirektör", "annan"
MODIFIER = re.compile(r"^(?:[\wåäö-]+(?:al|ala|ale|iga|ig|isk|iska|ande|ende|ell|ella|erad|erade)|förste|första|andre|"
                      r"[\wåäö]*(?:nämndens|styrelsens|utskottets|fullmäktiges|förvaltningens)|"
                      r"andra|vice|1:e|2:e|[\wåäö]+-|och|annan|övrig|övriga|närmast|närmaste)$", re.I)
_VICE = re.compile(r"^(?:(?:förste|första|andre|andra|1:e|2:e)\s+)?vice\s+", re.I)
_ARTICLE = re.compile(r"^(?:en|ett|den|det|de|sin|sina|respektive)\s+", re.I)
# a phrase after its head that says where the post is ("vid kansliet", "inom förvaltningen")
_QUALIFIER = re.compile(r"\s+(?:vid|inom|på|i|för|hos)\s+[\wåäö -]+$", re.I)
_NOT_A_POST = re.compile(r"^(?:–|-|—|ja|nej|x|se\b|enligt|efter|inom|vid|om|med|ej|gäller|avser)", re.I)
_LAWLIKE = re.compile(r"§|\bkap\.|\d{4}:\d|lag(?:en)?\b|förordning", re.I)
_ABBREVIATIONS = re.compile(r"^\s*(?:-\s*)?(?:[\wåäö]+\s+){0,2}?förkortning\w*(?:[^:\n]{0,40}:\s*|[^:\n]{0,40}$)", re.I)
_PARENTHESIS = re.compile(r"((?:[\wåäöÅÄÖ-]+ ){0,2}[\wåäöÅÄÖ-]+) \(([A-ZÅÄÖ]{2,6})\)")
_ENTRY = re.compile(r"^\s*(?:-\s*)?([A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,2}[A-ZÅÄÖ]{1,4})(?:\s*[–=:]\s*|\s+-\s+|\s+|\s*\|\s*)"
                    r"([A-ZÅÄÖa-zåäö][^,;|]*?)\s*$")


def post_term(phrase: str, terms: list[Term], *, strict: bool = False) -> Term | None:
    """The term a phrase in a post's place names: the lexicon's term when the phrase opens
    with it, else a term of its own when its head is a post's ("Chefsjurist", "förste vice
    ordförande"). ``strict``: only a one- or two-word phrase with a post's head."""
    phrase = _ARTICLE.sub("", " ".join(phrase.split()).strip(" ,.;:()"))
    if not phrase or _NOT_A_POST.match(phrase) or _LAWLIKE.search(phrase) or re.search(r"\d", phrase):
        return None
    if len(phrase.split()) > (2 if strict else 6):
        return None
    vice = _VICE.match(phrase)
    mentions = find_mentions(phrase, terms)
    if mentions and mentions[0].start == 0 and not vice:
        owned = mentions[1:2] if mentions[0].genitive and len(mentions) > 1 else []
        if owned and not phrase[mentions[0].end:owned[0].start].strip():
            return owned[0].term  # "nämndens arbetsutskott"
        if not (mentions[0].genitive and phrase[mentions[0].end:].strip()):
            return mentions[0].term  # else "nämndens sekreterare": a post of its own
    core = _QUALIFIER.sub("", phrase) if not mentions or mentions[0].start > 0 else phrase
    if not all(MODIFIER.match(w) for w in core.split()[:-1]):
        return None
    head = next((cls for h, cls in HEADS if re.search(rf"{h}(?:en|n|ens|ns|er|erna|e|a|et|s)?$", core, re.I)), None)
    if head is None:
        return None
    label = base_label(phrase)
    cls = mentions[-1].term.cls if mentions and mentions[-1].end == len(phrase) else head
    return Term(f"post-{slug_of(label)}", label, "", cls, forms_pattern(label))


def base_label(phrase: str) -> str:
    """A phrase's base form: lower case (abbreviations kept), its last word's lemma; a
    compound unknown to the lemmatiser inflects in its head ("säkerhetsskyddschefen")."""
    words = phrase.split()
    words = [w if re.fullmatch(r"[A-ZÅÄÖ]{2,5}(?:-[\wåäö]+)?", w) and not simplemma.is_known(w.lower(), lang="sv")
             else w.lower() for w in words]
    words[-1] = lemma_of(words[-1])
    return " ".join(words)


def lemma_of(word: str) -> str:
    """The lemma of a word, or of its longest known tail for a compound."""
    lower = word.lower()
    for at in range(0, max(1, len(lower) - 3)):
        tail = lower[at:].lstrip("-")
        if not simplemma.is_known(tail, lang="sv"):
            continue
        lemma = simplemma.lemmatize(tail, lang="sv")
        if lemma != tail and len(lemma) < len(tail) and tail.startswith(lemma[:max(1, len(lemma) - 1)]) \
                and re.search(r"(?:en|et|n|na|erna|arna|orna|ns|ens|ets)$", tail):  # a definite form
            return word[:len(word) - len(tail)] + lemma
        return word
    return word


def forms_pattern(label: str) -> str:
    """A pattern for a label's inflected forms (definite, genitive, plural; an adjective's
    forms: "regional", "regionala")."""
    words = [re.escape(re.sub(r"[ae]$", "", w)) + "(?:a|e|t)?" if MODIFIER.match(w) and not w.endswith("-")
             else re.escape(w) for w in label.split()[:-1]] + [re.escape(label.split()[-1])]
    stem = words[-1][:-1] if label.endswith("e") else words[-1]
    ending = r"(?:e|en|ens|es|n|ns|na|nas|ar|arna|er|erna|s)?" if label.endswith("e") else \
        r"(?:en|ens|n|ns|s|er|erna|ernas|et|ets|ar|arna)?"
    return B + r"\s+".join(words[:-1] + [stem + ending]) + W


def slug_of(label: str) -> str:
    """The key part of a label: letters and digits, hyphens between words."""
    return re.sub(r"[^\wåäö]+", "-", label.lower()).strip("-")


def abbreviation_terms(text: str, terms: list[Term]) -> list[Term]:
    """The abbreviations a document lists, each as a further form of the term it expands
    to ("KC kommunchef" makes "KC" a mention of the kommunchef)."""
    out: list[Term] = defined_abbreviations(text, terms)
    for abbreviation, phrase in listed_abbreviations(text):
        term = post_term(phrase, terms)
        if term is not None and not any(t.abbrev == abbreviation for t in out):
            out.append(Term(term.key, term.label, term.label_en, term.cls, term.pattern if term.key.startswith("post-")
                            else "(?!x)x", re.escape(abbreviation)))
    return out


def defined_abbreviations(text: str, terms: list[Term]) -> list[Term]:
    """Posts the lexicon lacks that the text abbreviates in parentheses ("regional
    utvecklingsdirektör (RUD)"): the longest of the last three words that is a post."""
    out: list[Term] = []
    for match in _PARENTHESIS.finditer(text):
        words = match.group(1).split()
        for size in (3, 2, 1):
            term = post_term(" ".join(words[-size:]), terms, strict=size <= 2) if len(words) >= size else None
            if term is not None and term.key.startswith("post-"):
                out.append(Term(term.key, term.label, term.label_en, term.cls, term.pattern, re.escape(match.group(2))))
                break
    return out


def listed_abbreviations(text: str) -> list[tuple[str, str]]:
    """(abbreviation, expansion) of every entry of a list of abbreviations: after a heading
    or lead "Förkortningar", comma-separated on its line or one entry a line or list item;
    elsewhere a short line "NO – nämndens ordförande" (kept only if it names a post)."""
    found: list[tuple[str, str]] = []
    blocks = re.split(r"\n\s*\n", text)
    for i, block in enumerate(blocks):
        lead = _ABBREVIATIONS.match(block)
        if not lead:
            found += [entry for line in block.split("\n") if len(line) <= 80 and (entry := _entry(line))]
            continue
        rest = block[lead.end():]
        entries = re.split(r"[,;]\s+|\n", rest) if rest.strip() else []
        for following in blocks[i + 1:i + 40] if not rest.strip() else []:
            if not _ENTRY.match(following.split("\n")[0]):
                break
            entries += following.split("\n")
        found += [entry for line in entries if (entry := _entry(line))]
    return list(dict.fromkeys(found))


def _entry(line: str) -> tuple[str, str] | None:
    match = _ENTRY.match(line.strip().rstrip("."))
    return (match.group(1), match.group(2)) if match else None


__all__ = ["post_term", "abbreviation_terms", "listed_abbreviations", "base_label", "HEADS"]
