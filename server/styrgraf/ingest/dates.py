"""Swedish dates as documents write them, read as ISO dates: "2023-05-17", "17 maj 2023",
"den 3 februari 2022", "17 maj, 2023", "2023.05.17", "17.5.2023", "17/5 2023"."""
from __future__ import annotations

import re
from datetime import date

MONTHS = {"januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7, "augusti": 8,
          "september": 9, "oktober": 10, "november": 11, "december": 12,
          "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10,
          "nov": 11, "dec": 12}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE = re.compile(
    r"(?P<iso>\b(?P<y1>(?:19|20)\d{2}) ?[-.] ?(?P<m1>\d{1,2}) ?[-.] ?(?P<d1>\d{1,2})\b)"
    rf"|(?P<words>\b(?P<d2>\d{{1,2}}):?(?:e|a)?\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>(?:19|20)\d{{2}})\b)"
    r"|(?P<numeric>\b(?P<d3>\d{1,2})[./](?P<m3>\d{1,2})[./ ]\s?(?P<y3>(?:19|20)\d{2})\b)",
    re.IGNORECASE)


def _iso(year: str, month: int | str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def iso_of(match: re.Match) -> str | None:
    """The ISO date a match of ``DATE`` names, or None for an impossible one (2023-02-30)."""
    if match.group("iso"):
        return _iso(match.group("y1"), match.group("m1"), match.group("d1"))
    if match.group("words"):
        return _iso(match.group("y2"), MONTHS[match.group("m2").lower()], match.group("d2"))
    return _iso(match.group("y3"), match.group("m3"), match.group("d3"))


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every date in a text: (start, end, ISO date), in text order."""
    out = []
    for match in DATE.finditer(text):
        iso = iso_of(match)
        if iso:
            out.append((match.start(), match.end(), iso))
    return out


def first_date(text: str) -> str | None:
    """The first date a text names, as ISO, or None."""
    found = find_dates(text)
    return found[0][2] if found else None
