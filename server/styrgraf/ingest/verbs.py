"""Verb cues written as lemmas: a rule's pattern may say ``⟨anställa⟩`` (every active form),
``⟨anställa:p⟩`` (the s-passive: "anställs", "anställas", "anställts") or ``⟨anställa:*⟩``
(both; any form of the verb may name it), and the pattern is expanded to the inflected forms that simplemma's Swedish
dictionary maps to that lemma. A rule then reads "väljer", "valde", "har valt" and "väljs"
from one word, and a form is never listed by hand.

The forms are made from the lemma's stem with the endings of the Swedish conjugations and
kept only where simplemma gives the lemma back, so an ending that makes another word
("led", a noun, is not a form of "leda") is dropped. Expansion is lazy (on a rule's first
use), so importing the rules loads no dictionary.
"""
from __future__ import annotations

import re
from functools import lru_cache

import simplemma

_ACTIVE = ("", "a", "ar", "er", "r", "ade", "de", "te", "dde", "at", "t", "tt", "it")
_PASSIVE = ("s", "as", "es", "ades", "des", "tes", "ats", "ts", "tts", "its", "dds")
_MARKER = re.compile(r"⟨([a-zåäö]+)(?::([p*]))?⟩")


@lru_cache(maxsize=None)
def forms(lemma: str, voice: str = "a") -> tuple[str, ...]:
    """The inflected forms of a verb ``lemma`` in a voice: "a" active, "p" s-passive, "*" both."""
    stem = lemma[:-1] if lemma.endswith("a") else lemma
    endings = {"a": _ACTIVE, "p": _PASSIVE, "*": _ACTIVE + _PASSIVE}[voice]
    out = {lemma} if voice != "p" else set()
    for ending in endings:
        form = stem + ending
        if form == stem and not stem.endswith("r"):
            continue  # "led", "samråd": a noun or an imperative; but "utgör" is the present
        if simplemma.lemmatize(form, lang="sv") == lemma:
            out.add(form)
    return tuple(sorted(out, key=len, reverse=True))  # longest first: "anställer" before "anställ"


def expand(pattern: str) -> str:
    """A rule's pattern with each ``⟨lemma⟩`` marker replaced by its forms."""
    return _MARKER.sub(lambda m: "(?:" + "|".join(forms(lemma_of(m.group(1)), m.group(2) or "a")) + ")", pattern)


def lemma_of(word: str) -> str:
    """A marker's lemma: a marker may name any form of the verb ("⟨väljer⟩")."""
    return simplemma.lemmatize(word, lang="sv")


@lru_cache(maxsize=None)
def compiled(pattern: str) -> re.Pattern:
    """A rule's pattern, expanded and compiled (case-insensitive)."""
    return re.compile(expand(pattern), re.I)
