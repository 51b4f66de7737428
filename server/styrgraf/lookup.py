"""Names people type, resolved the same way on every surface (the CLI, the JSON API,
the pages): organisations by key or IRI, actors by prefixed name or IRI, relation kinds
and saved queries. An unknown name is a ``NotFound`` (HTTP 404, exit 2) that says what
was meant, when something close exists.

Pure functions over what the caller already holds (the organisation list, the network
graph's nodes, the saved-query library): no store, no Flask, no click.
"""
from __future__ import annotations

import difflib
from typing import Collection, Iterable, Mapping

from styrgraf.errors import BadRequest, NotFound
from styrgraf.vocab import SG, compact_name, expand_name


def suggest(name: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates closest to ``name`` (case-insensitive), best first; only those
    nearly as close as the best one, so that a clear match is named alone."""
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    close = difflib.get_close_matches(name.casefold(), list(by_folded), n=n, cutoff=0.6)
    scores = [difflib.SequenceMatcher(None, name.casefold(), c).ratio() for c in close]
    return [by_folded[c] for c, score in zip(close, scores) if score >= scores[0] - 0.05]


def did_you_mean(near: list[str], lang: str = "en") -> str:
    """``"; did you mean a or b?"`` (``"; menade du a eller b?"``) for the message of an
    unknown name, or ``""``."""
    if not near:
        return ""
    shown = near if len(near) == 1 else [", ".join(near[:-1]), near[-1]]
    if lang == "sv":
        return f"; menade du {' eller '.join(shown)}?"
    return f"; did you mean {' or '.join(shown)}?"


# --- Organisations -----------------------------------------------------------------------

def organisation(name: str, known: list[dict]) -> str:
    """The key (``kungsor``) of an organisation named by its key or its IRI (full or
    prefixed, ``kungsor:kommunen``).

    Args:
        known: the organisations, each a dict with ``key``, ``iri`` and ``label``
            (``Styrgraf.organisations()``).

    Raises:
        NotFound: no organisation has that key or IRI (the message suggests one).
    """
    text = name.strip()
    for org in known:
        if text == org["key"] or expand_name(text) == org["iri"]:
            return org["key"]
    near = _near_organisations(text, known)
    listed = f"{', '.join(o['key'] for o in known[:12])}{', …' if len(known) > 12 else ''}"
    raise NotFound(f"unknown organisation {name[:80]!r}: no organisation has that key or IRI"
                   + (did_you_mean(near) or f" (known: {listed})"),
                   sv=f"det finns ingen organisation som heter {name[:80]!r}"
                   + (did_you_mean(near, "sv") or f" (kända nycklar: {listed})"))


def _near_organisations(text: str, known: list[dict]) -> list[str]:
    key = text.split(":", 1)[0] if ":" in text and not text.startswith("http") else text
    if text.startswith("http"):
        key = compact_name(text).split(":", 1)[0]
    by_label = {org["label"]: org["key"] for org in known if org.get("label")}
    near = suggest(key, [org["key"] for org in known]) + [by_label[label] for label in suggest(key, by_label)]
    if ":" in text and key in {org["key"] for org in known}:  # an IRI inside a known organisation
        near = [key] + near
    return list(dict.fromkeys(near))[:3]


def organisations(names: Iterable[str], known: list[dict], *, at_least: int = 0) -> list[str]:
    """Keys of organisations named by key or IRI, each known (``organisation``).

    Raises:
        NotFound: an unknown organisation.
        BadRequest: fewer than ``at_least`` organisations were named.
    """
    keys = [organisation(name, known) for name in names]
    if len(keys) < at_least:
        examples = [org["key"] for org in known[:max(1, at_least)]]
        raise BadRequest(f"choose at least {at_least} organisation{'s' if at_least > 1 else ''} "
                         f"(e.g. {' and '.join(examples)})",
                         sv=f"välj minst {at_least} organisation{'er' if at_least > 1 else ''} "
                         f"(t.ex. {' och '.join(examples)})")
    return keys


def organisation_iri(name: str, known: list[dict]) -> str:
    """The IRI of an organisation named by its key or IRI."""
    key = organisation(name, known)
    return next(org["iri"] for org in known if org["key"] == key)


# --- Actors, relation kinds, saved queries -----------------------------------------------

def node(name: str, nodes: Collection[str], what: str = "actor or organ") -> str:
    """The IRI of a node named by a prefixed name (``kungsor:medarbetare``) or an IRI.

    Raises:
        NotFound: no such node (the message suggests the closest names).
    """
    iri = expand_name(name.strip())
    if iri in nodes:
        return iri
    names = [compact_name(n) for n in nodes]
    near = suggest(compact_name(iri), names)
    if not near and ":" not in name:  # a bare local name: the same name in each organisation
        near = [n for n in names if n.split(":", 1)[-1] == name.strip()][:5]
    hint = did_you_mean(near) or " (use a prefixed name like kungsor:medarbetare or a full IRI)"
    hint_sv = did_you_mean(near, "sv") or " (ange ett prefixat namn som kungsor:medarbetare eller en fullständig IRI)"
    raise NotFound(f"no {what} {name[:120]!r} in the graph{hint}",
                   sv=f"grafen har ingen aktör eller organ {name[:120]!r}{hint_sv}" if what == "actor or organ"
                   else f"grafen har inget som heter {name[:120]!r}{hint_sv}")


def relation_kind(name: str, kinds: Collection[str]) -> str:
    """A relation kind's local name (``communicatesWith``) from that name, ``sg:…`` or
    the full IRI.

    Raises:
        NotFound: no relation of that kind is in the graph.
    """
    iri = expand_name(name.strip())
    local = iri[len(str(SG)):] if iri.startswith(str(SG)) else iri
    if local in kinds:
        return local
    near, listed = suggest(local, kinds), ", ".join(sorted(kinds))
    raise NotFound(f"no relation kind {name[:80]!r} in the graph{did_you_mean(near)}"
                   + ("" if near else f" (kinds: {listed})"),
                   sv=f"grafen har ingen relationstyp {name[:80]!r}{did_you_mean(near, 'sv')}"
                   + ("" if near else f" (typer: {listed})"))


def saved_query(name: str, library: Mapping[str, object]):
    """A saved query by name from ``library`` (name -> ``SavedQuery``).

    Raises:
        NotFound: no saved query has that name (the message suggests the closest).
    """
    saved = library.get(name)
    if saved is not None:
        return saved
    near = suggest(name, library) or [n for n in library if n.startswith(name[:4])][:3]
    if not near:  # ``cq01`` for ``cq01-director-reports-to``
        near = [n for n in library if n.split("-", 1)[0] == name][:3]
    raise NotFound(f"no saved query named {name[:80]!r}{did_you_mean(near)}",
                   sv=f"det finns ingen sparad fråga som heter {name[:80]!r}{did_you_mean(near, 'sv')}")
