"""What validation returns: findings, each readable on its own, and the report."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class Finding:
    """One SHACL result, made readable: the node shape, the focus node and the file that
    defines it, the offending value, and the message in Swedish and English."""

    severity: str
    shape: str
    shape_label: dict[str, str]
    focus: str
    focus_label: str
    file: str | None
    message: dict[str, str]
    value: str | None = None
    path: str | None = None
    line: int | None = None  # where the file describes the focus node (None: not known)

    def text(self, lang: str = "sv") -> str:
        return self.message.get(lang) or self.message.get("en") or next(iter(self.message.values()), "")

    def as_dict(self) -> dict:
        return asdict(self)

    def compact(self) -> list:
        """The fields as a list, for the cache (the shape's label comes from the shapes)."""
        return [self.severity, self.shape, self.focus, self.focus_label, self.file, self.message, self.value, self.path,
                self.line]

    @classmethod
    def from_compact(cls, data: list, shape_labels: dict[str, dict[str, str]]) -> "Finding":
        severity, shape, focus, focus_label, file, message, value, path, line = data
        return cls(severity, shape, shape_labels.get(shape, {}), focus, focus_label, file, message, value, path, line)

    def key(self) -> tuple:
        """What makes two findings the same (the same result found twice is one)."""
        return (self.severity, self.shape, self.focus, self.value, self.path, tuple(sorted(self.message.items())))

    def order(self) -> tuple:
        return (SEVERITIES.index(self.severity), self.shape, self.file or "", self.focus, self.value or "")


@dataclass
class Report:
    """The outcome of one validation run."""

    as_of: dt.date
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def conforms(self) -> bool:
        return self.count("Violation") == 0

    def by_organisation(self, files_by_key: dict[str, str]) -> dict[str, dict[str, int]]:
        """Counts per severity for each organisation key (the curated file's stem)."""
        keys = {path: key for key, path in files_by_key.items()}
        counts = {key: {s: 0 for s in SEVERITIES} for key in files_by_key}
        for f in self.findings:
            if f.file in keys:
                counts[keys[f.file]][f.severity] += 1
        return counts


def merged(findings, as_of: dt.date, files: list[str]) -> Report:
    """One report from the findings of every unit: duplicates dropped, in reading order."""
    unique: dict[tuple, Finding] = {}
    for finding in findings:
        unique.setdefault(finding.key(), finding)
    return Report(as_of=as_of, findings=sorted(unique.values(), key=Finding.order), files=files)
