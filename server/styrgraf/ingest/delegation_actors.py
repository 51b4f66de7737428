"""Who a delegation clause names: the actors in a span of a sentence, the subject before
the verb, the post after a preposition. Lexicon terms first; where the lexicon is silent,
a word whose head is a post's ("Beredskapssamordnaren", "annan anställd") is a post of the
document (``posts.post_term``); "vice ordföranden" is its own post, not the chair."""
from __future__ import annotations

import re

from styrgraf.ingest.lexicon import Mention, Term, find_mentions
from styrgraf.ingest.posts import MODIFIER, post_term

ORGANS = {"Assembly", "ExecutiveBoard", "Committee", "WorkingCommittee", "CrisisCommittee"}
_PREPOSITIONS = {"för", "på", "av", "i", "om", "till", "med", "från", "inför", "under", "hos", "mot", "åt", "enligt"}
_WORD = re.compile(r"[A-ZÅÄÖa-zåäö][\wåäöÅÄÖ-]*")
# bare heads name no post of their own: the lexicon has them, or they are adjectives ("ansvarig")
_BARE = {"ansvarig", "ansvariga", "ledare", "anställd", "anställda", "ledamot", "chef", "direktör"}
_ARTICLE = re.compile(r"^(?:en|ett)$", re.I)
_VICE = re.compile(r"(?:(?:förste|första|andre|andra|1:e|2:e)\s+)?vice\s+$", re.I)


def actors_between(text: str, start: int, end: int, terms: list[Term], *, organs_only: bool = False,
                   first_only: bool = False) -> list[Term]:
    """The actors named in ``text[start:end]``, in order, each once."""
    out: list[Term] = []
    for term, _, _ in spans(text, start, end, terms):
        if organs_only and term.cls not in ORGANS:
            continue
        if term.key not in {t.key for t in out}:
            out.append(term)
        if first_only:
            break
    return out


def spans(text: str, start: int, end: int, terms: list[Term]) -> list[tuple[Term, int, int]]:
    """(term, start, end) of each actor in a span: mentions, "vice" posts, unknown posts."""
    piece = text[start:end]
    out: list[tuple[Term, int, int]] = []
    covered: list[tuple[int, int]] = []
    owners = [m for m in find_mentions(piece, terms) if is_owner(piece, m)]
    for mention in find_mentions(piece, terms):
        vice = _VICE.search(piece, 0, mention.start)
        if vice and mention.term.cls == "Chair":
            term = post_term(piece[vice.start():mention.end], terms)
            out.append((term, start + vice.start(), start + mention.end))
            covered.append((vice.start(), mention.end))
        elif not is_owner(piece, mention):
            out.append((mention.term, start + mention.start, start + mention.end))
            covered.append((mention.start, mention.end))
        else:
            covered.append((mention.start, mention.end))
    previous = None
    for word in _WORD.finditer(piece):
        if any(a <= word.start() < b for a, b in covered):
            # a genitive organ may begin a post's name ("regionstyrelsens presidium")
            owner = any(a <= word.start() < b and is_owner(piece, m) for m in owners for a, b in [(m.start, m.end)])
            previous = word if owner else None
            continue
        term = unknown_post(piece, previous, word, terms)
        if term is not None:
            at = previous.start() if previous is not None and term.label.count(" ") else word.start()
            out.append((term, start + at, start + word.end()))
        previous = word
    return sorted(out, key=lambda x: x[1])


def is_owner(piece: str, mention: Mention) -> bool:
    """A genitive that owns the next word ("nämndens representation") names no actor here."""
    return mention.genitive and bool(re.match(r"\s+[a-zåäö]", piece[mention.end:])) and \
        not re.match(r"\s+(?:vägnar|ställe)\b", piece[mention.end:])


def unknown_post(piece: str, previous, word, terms: list[Term]) -> Term | None:
    """A post the lexicon lacks: a word with a post's head, with an adjective before it."""
    adjacent = previous is not None and piece[previous.end():word.start()].strip() == ""
    if word.group(0).lower() in _BARE and adjacent and _ARTICLE.match(previous.group(0)):
        return post_term(word.group(0), terms)  # "åt en anställd"
    if word.group(0).lower() in _BARE and not (adjacent and MODIFIER.match(previous.group(0))):
        return None
    if adjacent and MODIFIER.match(previous.group(0)) and previous.group(0).lower() not in ("och", "vice"):
        pair = post_term(piece[previous.start():word.end()], terms, strict=True)
        if pair is not None:
            return pair
    if word.group(0).lower() in _BARE:
        return None
    return post_term(word.group(0), terms, strict=True)


def delegate_before(text: str, start: int, at: int, terms: list[Term], *, strict: bool = False) -> list[Term]:
    """The subject of a verb at ``at``: the actors before it not governed by a preposition
    ("Ordföranden, och vid förfall vice ordföranden, får …" gives both). ``strict``: only
    the actor right before the verb ("Ekonomi Ekonomichefen beslutar om")."""
    found = spans(text, start, at, terms)
    if strict:
        last = found[-1:] if found and not text[found[-1][2]:at].strip(" ,") else []
        return [t for t, _, _ in last if t.cls not in ("Assembly",)]
    out = []
    for term, a, _ in found:
        before = text[start:a].split()
        if before and before[-1].lower().strip(",(") in _PREPOSITIONS:
            continue
        if term.key not in {t.key for t in out}:
            out.append(term)
    return out


def post_after(text: str, start: int, end: int, terms: list[Term]) -> Term | None:
    """The first actor after a preposition ("till vice ordföranden", "av HR-chefen")."""
    found = spans(text, start, end, terms)
    return found[0][0] if found else None
