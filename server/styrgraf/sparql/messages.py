"""Parse errors as a person would write them.

Oxigraph reports what its grammar expected, Unicode ranges and all ("expected one of
Prefix not found, ['%'], ['-' | '0' ..= '9' | '\\u{00B7}' …"). ``explain`` turns that into
one sentence that names the line and column and, for the commonest first mistake (a
prefix used without its ``PREFIX`` line), the line to add; in English or, with
``lang="sv"``, in Swedish. Pure functions, no store.
"""
from __future__ import annotations

import re

from styrgraf.vocab import ID_BASE, PREFIXES

POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.S)
# IRIs, strings and comments, which may contain colons that are not prefixed names.
_SKIP = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
_PNAME = re.compile(r"(?<![\w:?$-])([A-Za-z][\w.-]*)?:(?=[\w\s(){},;.]|$)")
_DECLARED = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)


def fix_for(prefix: str, lang: str = "en") -> str:
    """What to add for an undeclared prefix: styrgraf's own, or an organisation's."""
    sv = lang == "sv"
    if prefix in PREFIXES:
        return f"{'lägg till' if sv else 'add'} `PREFIX {prefix}: <{PREFIXES[prefix]}>`"
    if re.fullmatch(r"[a-z][a-z0-9-]*", prefix):
        if sv:
            return (f"om {prefix} är en organisations nyckel, lägg till `PREFIX {prefix}: <{ID_BASE}{prefix}/>`; "
                    f"annars deklarera det med `PREFIX {prefix}: <…>`")
        return (f"if {prefix} is an organisation's key, add `PREFIX {prefix}: <{ID_BASE}{prefix}/>`; "
                f"otherwise declare it with `PREFIX {prefix}: <…>`")
    return f"{'deklarera det med' if sv else 'declare it with'} `PREFIX {prefix}: <…>`"


def declared_prefixes(text: str) -> dict[str, str]:
    """``PREFIX`` declarations of a query: prefix -> namespace (strings and comments skipped)."""
    def blank(match: re.Match) -> str:
        return match.group(0) if match.group(0).startswith("<") else " " * len(match.group(0))
    return {m.group(1) or "": m.group(2) for m in _DECLARED.finditer(_SKIP.sub(blank, text))}


def undeclared_prefixes(text: str) -> list[tuple[str, int, int]]:
    """Prefixes used but not declared, with the line and column (1-based) of first use."""
    blanked = _SKIP.sub(lambda m: " " * len(m.group(0)), text)
    declared = set(declared_prefixes(text))
    seen, out = set(), []
    for line_no, line in enumerate(blanked.split("\n"), start=1):
        if re.match(r"\s*PREFIX\b", line, re.I):
            continue
        for match in _PNAME.finditer(line):
            prefix = match.group(1) or ""
            if prefix not in declared and prefix not in seen:
                seen.add(prefix)
                out.append((prefix, line_no, match.start() + 1))
    return out


def _expected(rest: str) -> list[str]:
    """The grammar's alternatives without character classes, in the order given."""
    rest = re.sub(r"\[[^\]]*\]", "", rest.replace("\n", " "))
    items = [i.strip() for i in re.sub(r"^expected (one of )?", "", rest).split(",")]
    return [i for i in items if i and i != "Prefix not found"]


# The sentences of ``explain``, by language.
_SENTENCES = {
    "en": {"where": "at {line}:{column}", "unknown_prefix": "unknown prefix `{prefix}:` — {fix} ({where})",
           "undeclared": "a prefixed name uses a prefix that is not declared ({where})",
           "expected": "; expected ", "missing_brace": "the query ends too early ({where}): a closing `}}` is missing",
           "too_early": "the query ends too early ({where}){shown}", "unexpected": "unexpected `{token}` ({where}){shown}",
           "syntax": "syntax error ({where}){shown}", "unreadable": "{message}"},
    "sv": {"where": "rad {line}, kolumn {column}", "unknown_prefix": "okänt prefix `{prefix}:` — {fix} ({where})",
           "undeclared": "ett prefixat namn använder ett prefix som inte är deklarerat ({where})",
           "expected": "; förväntat: ", "missing_brace": "frågan tar slut för tidigt ({where}): en avslutande `}}` saknas",
           "too_early": "frågan tar slut för tidigt ({where}){shown}", "unexpected": "oväntat `{token}` ({where}){shown}",
           "syntax": "syntaxfel ({where}){shown}", "unreadable": "frågan kunde inte tolkas (tolkarens meddelande: {message})"},
}


def explain(text: str, message: str, lang: str = "en") -> str:
    """A readable account of a parse error of ``text`` (``message`` is the parser's), in
    English or Swedish (``lang="sv"``)."""
    say = _SENTENCES["sv" if lang == "sv" else "en"]
    match = POSITION.match(message.strip())
    if not match:
        return say["unreadable"].format(message=message)
    line, column, rest = int(match.group(1)), int(match.group(2)), match.group(3)
    where = say["where"].format(line=line, column=column)  # line:column, as the Turtle errors give it
    if "Prefix not found" in rest:
        missing = undeclared_prefixes(text)
        if missing:
            prefix = min(missing, key=lambda m: (m[1] != line, abs(m[2] - column)))[0]
            return say["unknown_prefix"].format(prefix=prefix, fix=fix_for(prefix, lang), where=where)
        return say["undeclared"].format(where=where)
    expected = _expected(rest)
    shown = say["expected"] + ", ".join(expected[:8]) + (", …" if len(expected) > 8 else "") if expected else ""
    lines = text.split("\n")
    after = lines[line - 1][column - 1:] if line <= len(lines) else ""
    if not after.strip() and not "\n".join(lines[line:]).strip():
        if text.count("{") > text.count("}"):
            return say["missing_brace"].format(where=where)
        return say["too_early"].format(where=where, shown=shown)
    if after.strip():
        return say["unexpected"].format(token=after.split()[0], where=where, shown=shown)
    return say["syntax"].format(where=where, shown=shown)
