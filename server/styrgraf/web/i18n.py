"""One language per page (Swedish by default, English on request): the interface texts,
and the helpers templates use to say everything else in that language: vocabulary
labels (from the ontology's rdfs:label @sv/@en), durations, counts, validation headings.
The texts live in ``i18n_texts``; this module chooses and formats."""
from __future__ import annotations

import functools
import re
from urllib.parse import urlencode

from flask import Blueprint, request

from styrgraf.vocab import PREFIXES, SGS, vocabulary
from styrgraf.web.i18n_texts import EXTERNAL_LABELS, FINDING_HEADINGS, TEXTS, UNITS

LANGUAGES = ("sv", "en")
LABEL_PREDICATES = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel")

# Registered on the app by the query page's blueprint (it nests this one), so that every
# template has the helpers below.
blueprint = Blueprint("i18n", __name__)


def current_language() -> str:
    """``sv`` or ``en``: ?lang=, else the remembered choice, else Swedish."""
    lang = request.args.get("lang") or request.cookies.get("lang") or "sv"
    return lang if lang in TEXTS else "sv"


def texts(lang: str | None = None) -> dict:
    """The interface texts in the page's language."""
    return TEXTS[lang or current_language()]


@functools.lru_cache(maxsize=1)
def _vocabulary() -> dict[str, dict[str, str]]:
    """IRI -> {lang: label} for every labelled term of the vocabulary (``vocab.vocabulary()``,
    read once), and the few terms of other vocabularies the pages name."""
    labels = dict(vocabulary().labels)
    for iri, by_lang in EXTERNAL_LABELS.items():
        labels.setdefault(iri, by_lang)
    return labels


def _expand(name: str) -> str:
    if name.startswith(("http://", "https://")):
        return name
    if ":" in name and name.split(":", 1)[0] in PREFIXES:
        prefix, local = name.split(":", 1)
        return PREFIXES[prefix] + local
    return PREFIXES["sg"] + name


def term_label(name: str, lang: str | None = None) -> str:
    """The label of a vocabulary term (an IRI, ``prefix:local`` or an ``sg:`` local name)
    in the page's language; the local name only when the vocabulary has no label."""
    lang = lang or current_language()
    by_lang = _vocabulary().get(_expand(name), {})
    return by_lang.get(lang) or by_lang.get("") or re.split(r"[#/]", name)[-1]


def vocabulary_labels(lang: str | None = None) -> dict[str, str]:
    """``sg:`` local name -> label, for the graph's legends and details panel."""
    lang = lang or current_language()
    sg = PREFIXES["sg"]
    return {iri[len(sg):]: by_lang.get(lang) or by_lang.get("", "")
            for iri, by_lang in _vocabulary().items() if iri.startswith(sg) and len(iri) > len(sg)}


def plural(count: int, key: str, lang: str | None = None) -> str:
    """``1 varning``, ``2 varningar``: the count with the right form of a TEXTS noun
    (``key`` is the plural's key; the singular is ``key + '_one'``)."""
    words = texts(lang)
    return f"{count} {words[key + '_one'] if count == 1 else words[key]}"


DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def duration(value: str, lang: str | None = None) -> str:
    """``P1Y`` -> ``1 år`` / ``1 year``; ``P1Y6M`` -> ``1 år 6 månader``. Anything that is
    not a date duration is returned as it is."""
    match = DURATION.match(str(value).strip())
    if not match or not any(match.groups()):
        return str(value)
    units = UNITS[lang or current_language()]
    parts = []
    for amount, unit in zip(match.groups(), ("year", "month", "week", "day")):
        if amount:
            singular, many = units[unit]
            parts.append(f"{int(amount)} {singular if int(amount) == 1 else many}")
    return " ".join(parts)


_DURATION_IN_TEXT = re.compile(r"\bP(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?\b")


@blueprint.app_template_filter("durations")
def durations_in_text(text: str, lang: str | None = None) -> str:
    """Date durations inside a sentence in words: a validation message's ``interval P1Y``
    reads ``intervall 1 år`` / ``interval 1 year``."""
    return _DURATION_IN_TEXT.sub(lambda m: duration(m.group(0), lang), str(text))


def finding_heading(shape: str, shape_label: dict, lang: str | None = None) -> str:
    """A heading that states what was found (not the rule that holds when nothing is)."""
    lang = lang or current_language()
    local = shape[len(str(SGS)):] if shape.startswith(str(SGS)) else shape.rsplit("#", 1)[-1]
    if local in FINDING_HEADINGS:
        return FINDING_HEADINGS[local][lang]
    rule = shape_label.get(lang) or shape_label.get("en") or local
    return texts(lang)["rule_not_met"].format(rule=rule)


def value_text(value: str, lang: str | None = None) -> str:
    """A literal as a page shows it: durations in words, everything else as it is."""
    return duration(value, lang) if DURATION.match(str(value).strip()) else str(value)


def switch_url() -> str:
    """This page in the other language (every other argument kept)."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    args.append(("lang", "en" if current_language() == "sv" else "sv"))
    return request.path + "?" + urlencode(args)


_CODE = re.compile(r"(?<![\w<])((?:[A-Za-z][\w-]*:[A-Za-z_][\w-]*)|(?:[a-z]+[A-Z]\w*)|(?<=\()[A-Za-z]+(?=\))"
                   r"|(?<=&#34;)[A-Za-z]+(?=&#34;))")


@blueprint.app_template_filter("codify")
def codify(text: str):
    """Prefixed names, camelCase names and single ASCII words in parentheses or quotes in a
    description set as code (they are what a user types, not words of the page's language)."""
    from markupsafe import Markup, escape
    html = _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(text)))
    # a parenthesised list of plain ASCII words: values, e.g. "(obligation, permission)"
    html = re.sub(r"\(([A-Za-z]+(?:, [A-Za-z]+)+)\)",
                  lambda m: "(" + ", ".join(f"<code>{w}</code>" for w in m.group(1).split(", ")) + ")", html)
    return Markup(html)


_PREFIXED = re.compile(r"(?<![\w/])((?:%s):[A-Za-z_][\w-]*)" % "|".join(map(re.escape, PREFIXES)))


@blueprint.app_template_filter("code_names")
def code_names(text: str):
    """Only the prefixed names of the vocabularies (``sg:validFrom``) in a sentence set as
    code, e.g. in a paragraph note; unlike ``codify``, words in parentheses stay words."""
    from markupsafe import Markup, escape
    return Markup(_PREFIXED.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(text))))


_NAME = r"(?:%s):[A-Za-z_][\w-]*" % "|".join(map(re.escape, PREFIXES))
_NAMED_IN_PARENTHESES = re.compile(r"\s*\(%s(?:,\s*%s)*\)" % (_NAME, _NAME))


@blueprint.app_template_filter("plain_words")
def plain_words(text: str) -> str:
    """A curator's note as a visitor reads it: a property named in parentheses after the
    words that say it ("dokumenttyp (sg:documentType)") is left out."""
    return _NAMED_IN_PARENTHESES.sub("", str(text))


def resource_label(iri: str, fallback: str, lang: str | None = None) -> str:
    """A resource's label in the page's language (one lookup in the served store)."""
    lang = lang or current_language()
    if lang == "sv" or not iri.startswith(("http://", "https://")):
        return fallback
    import pyoxigraph as ox

    from styrgraf.web import core
    try:
        term = ox.NamedNode(iri)
    except ValueError:
        return fallback
    rows = core().select(f"SELECT ?l WHERE {{ ?iri <{LABEL_PREDICATES[0]}> ?l FILTER (LANG(?l) = ?lang) }} LIMIT 1",
                         {"iri": term, "lang": ox.Literal(lang)}).rows
    return next((row["l"].value for row in rows), fallback)


@blueprint.app_context_processor
def _helpers():
    lang = current_language()
    return {"term_label": term_label, "plural": plural, "duration": duration, "finding_heading": finding_heading,
            "value_text": value_text, "vocabulary_labels": vocabulary_labels, "org_name": organisation_name,
            "switch_url": switch_url, "organisation_keys": organisation_keys, "key_of": key_of,
            "finding_key": finding_key,
            "resource_label": resource_label,
            "other_lang": "en" if lang == "sv" else "sv"}




def organisation_name(key: str, fallback: str | None = None, lang: str | None = None) -> str:
    """An organisation's name in the page's language (by its key), from the served store;
    ``fallback`` (or the key) when the store does not say."""
    lang = lang or current_language()
    by_lang = _organisation_labels().get(key, {})
    return by_lang.get(lang) or by_lang.get("sv") or fallback or key


def organisation_keys() -> list[str]:
    """The served organisations' keys, in the order of their names in the page's language."""
    return sorted(_organisation_labels(), key=lambda k: organisation_name(k).casefold())


def key_of(iri: str) -> str | None:
    """The organisation key of a data IRI (``…/id/{key}/…``); None for anything else."""
    base = PREFIXES["sg"].replace("def#", "id/")
    return iri[len(base):].split("/", 1)[0] if iri.startswith(base) and "/" in iri[len(base):] else None


def finding_key(finding) -> str | None:
    """The organisation a finding belongs to: its file's stem (as the home page counts),
    else its focus node's key."""
    if finding.file and str(finding.file).endswith(".ttl"):
        return str(finding.file).replace("\\", "/").rsplit("/", 1)[-1][:-4]
    return key_of(finding.focus)


def _organisation_labels() -> dict[str, dict[str, str]]:
    from styrgraf.web import core  # the core computes the organisations once per store
    return {o["key"]: {"sv": o["label"], **({"en": o["label_en"]} if o["label_en"] else {})}
            for o in core().organisations()}
