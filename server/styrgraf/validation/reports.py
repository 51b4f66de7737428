"""Validation reports as text, JSON, JUnit XML and GitHub workflow annotations."""
from __future__ import annotations

import json
from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr

from styrgraf.validation.findings import SEVERITIES, Report

HEADINGS = {
    "sv": {"Violation": "Överträdelser", "Warning": "Varningar", "Info": "Upplysningar"},
    "en": {"Violation": "Violations", "Warning": "Warnings", "Info": "Notes"},
}


def _grouped(report: Report):
    groups: dict[str, dict[str, list]] = {s: defaultdict(list) for s in SEVERITIES}
    for finding in report.findings:
        groups[finding.severity][finding.shape].append(finding)
    return groups


def as_text(report: Report, lang: str = "sv") -> str:
    """Grouped by severity, then shape; each finding names file, node label and message."""
    lines = []
    groups = _grouped(report)
    for severity in SEVERITIES:
        shapes = groups[severity]
        if not shapes:
            continue
        count = sum(len(v) for v in shapes.values())
        lines.append(f"{HEADINGS[lang][severity]} ({count})")
        for shape, findings in sorted(shapes.items()):
            label = findings[0].shape_label.get(lang) or shape
            lines.append(f"  {label}  [{shape.rsplit('#', 1)[-1]}]")
            for f in findings:
                where = f"{f.file}:{f.line}" if f.file and f.line else f.file or "?"
                lines.append(f"    {where}: {f.focus_label}: {f.text(lang)}")
        lines.append("")
    v, w, i = (report.count(s) for s in SEVERITIES)
    if lang == "sv":
        lines.append(f"{len(report.files)} filer per {report.as_of}: {v} överträdelser, {w} varningar, {i} upplysningar.")
    else:
        lines.append(f"{len(report.files)} files as of {report.as_of}: {v} violations, {w} warnings, {i} notes.")
    return "\n".join(lines)


def as_json(report: Report) -> str:
    body = {
        "as_of": report.as_of.isoformat(),
        "conforms": report.conforms,
        "counts": {s: report.count(s) for s in SEVERITIES},
        "files": report.files,
        "findings": [f.as_dict() for f in report.findings],
    }
    return json.dumps(body, ensure_ascii=False, indent=2)


def as_junit(report: Report, lang: str = "en") -> str:
    """One test case per finding (with ``file`` and ``line``); violations fail, warnings
    and notes are system-out."""
    cases = []
    for f in report.findings:
        name = quoteattr(f"{f.focus_label} ({f.shape.rsplit('#', 1)[-1]})")
        classname = quoteattr(f.file or "styrgraf")
        where = (f" file={quoteattr(f.file)}" if f.file else "") + (f' line="{f.line}"' if f.line else "")
        message = f.text(lang)
        place = f"{f.file}:{f.line}: " if f.file and f.line else ""
        if f.severity == "Violation":
            body = f"<failure message={quoteattr(message)} type=\"Violation\">{escape(place + f.focus)}</failure>"
        else:
            body = f"<system-out>{escape(place + f.severity + ': ' + message)}</system-out>"
        cases.append(f"  <testcase classname={classname} name={name}{where}>{body}</testcase>")
    if not cases:
        cases.append('  <testcase classname="styrgraf" name="shacl"/>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuite name="styrgraf validate" tests="{len(cases)}" failures="{report.count("Violation")}" errors="0">\n'
        + "\n".join(cases) + "\n</testsuite>\n"
    )


def _data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner reads it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value (file, title), escaped."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(report: Report, lang: str = "en") -> str:
    """GitHub Actions workflow commands: ::error / ::warning / ::notice, each with the
    file and line of its focus node where known, so that the finding is annotated there."""
    level = {"Violation": "error", "Warning": "warning", "Info": "notice"}
    lines = []
    for f in report.findings:
        where = (f"file={_property(f.file)}," if f.file else "") + (f"line={f.line}," if f.file and f.line else "")
        title = _property(f.shape_label.get(lang) or f.shape)
        lines.append(f"::{level[f.severity]} {where}title={title}::{_data(f'{f.focus_label}: {f.text(lang)}')}")
    return "\n".join(lines)


FORMATS = {"text": as_text, "json": as_json, "junit": as_junit, "github": as_github}


def render(report: Report, fmt: str, lang: str = "sv") -> str:
    if fmt == "json":
        return as_json(report)
    return FORMATS[fmt](report, lang)
