"""Reading the curated Turtle files and the source texts they cite.

Parsing goes through Oxigraph's Turtle parser (fast, and precise about line and
column); the result feeds both the serving store (store.py) and the rdflib graphs that
pyshacl validates (validation.py). Nothing here knows about the web or the CLI.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox
import rdflib

from styrgraf.vocab import SG
from styrgraf import resources

SOURCE_FILE = ox.NamedNode(str(SG.sourceFile))
TEXT = ox.NamedNode(str(SG.text))


class DataError(Exception):
    """An input that cannot be read: names the file and, where known, line and column."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None, column: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __reduce__(self):  # crosses process boundaries intact (parallel validation)
        return (DataError, (self.path, self.reason, self.line, self.column))

    @property
    def errors(self) -> list["DataError"]:
        """Every input that could not be read (here: this one)."""
        return [self]

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.reason}"


class DataErrors(DataError):
    """Several inputs that cannot be read, all named in one message (one per line)."""

    def __init__(self, errors: Iterable[DataError], note: str | None = None):
        self._errors = [e for error in errors for e in error.errors]
        self.note = note
        first = self._errors[0]
        super().__init__(first.path, first.reason, first.line, first.column)

    def __reduce__(self):
        return (DataErrors, (self._errors, self.note))

    @property
    def errors(self) -> list[DataError]:
        return list(self._errors)

    def __str__(self) -> str:
        lines = [DataError.__str__(e) for e in self._errors]
        text = lines[0] if len(lines) == 1 else f"{len(lines)} inputs cannot be read:\n" + "\n".join(
            f"  {line}" for line in lines)
        return f"{text}\n{self.note}" if self.note else text


def raise_errors(errors: list[DataError], note: str | None = None) -> None:
    """Raise one DataError naming every input in ``errors``; nothing when it is empty."""
    if errors:
        raise DataErrors(errors, note)


def read_each(items: Iterable, read: Callable):
    """``[read(item) for item in items]``, but a DataError in one does not stop the
    others: every unreadable input is named in the one DataError raised at the end."""
    done, errors = [], []
    for item in items:
        try:
            done.append(read(item))
        except DataError as error:
            errors.append(error)
    raise_errors(errors)
    return done


@dataclass
class CuratedFile:
    """One parsed Turtle file: its organisation key (the file stem) and its triples."""

    path: Path
    key: str
    triples: list[ox.Triple]
    texts: dict[str, str] = field(default_factory=dict)  # document IRI (or _:blank) -> source text


def display_path(path: Path | str) -> str:
    """A path as a reader would look for it: relative to the working directory, or
    ``data/...`` for the files shipped inside an installed package."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        pass
    for name in ("data", "ontology", "queries"):
        try:
            return str(Path(name) / path.relative_to(resources.resource_dir(name).resolve()))
        except (ValueError, FileNotFoundError):
            continue
    return str(path)


def find_turtle_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand files and folders into the Turtle files to load, in a stable order.

    Raises:
        DataError: paths that do not exist or hold no Turtle file (all named).
    """
    found, errors = expand(paths)
    raise_errors(errors)
    return found


def expand(paths: Iterable[Path | str]) -> tuple[list[Path], list[DataError]]:
    """The Turtle files under ``paths`` and, apart, the paths that give none."""
    found: list[Path] = []
    errors: list[DataError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.ttl")
                           if not {"sources", "drafts"} & set(p.relative_to(path).parts) and not p.is_dir())
            if not files:
                errors.append(DataError(path, "folder holds no .ttl file"))
            found.extend(files)
        elif path.is_file():
            found.append(path)
        else:
            errors.append(DataError(path, "no such file or folder"))
    return found, errors


# What a parser or the file system may raise for an input it cannot read. Oxigraph
# raises MemoryError for a token larger than its buffer (16 MB: one huge literal).
READ_ERRORS = (SyntaxError, OSError, UnicodeDecodeError, MemoryError, ValueError)


def parse_turtle(path: Path) -> list[ox.Triple]:
    """Parse one Turtle file completely, or raise DataError naming line and column."""
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()))
    except READ_ERRORS as error:
        raise unreadable(path, error) from None
    prefix = blank_prefix(path)
    return [
        ox.Triple(_scoped(q.subject, prefix), q.predicate, _scoped(q.object, prefix))
        for q in quads
    ]


def blank_prefix(path: Path) -> str:
    """What a file's blank node labels are prefixed with, so two files never share one."""
    return f"f{zlib.crc32(str(path.resolve()).encode()):08x}"


def unreadable(path: Path | str, error: BaseException) -> DataError:
    """The DataError for an exception met while reading ``path`` (one of READ_ERRORS)."""
    if isinstance(error, SyntaxError):
        reason = error.msg or str(error)
        # Oxigraph prefixes its message with the position it also gives as attributes.
        if ": " in reason and reason.startswith("Parser error"):
            reason = reason.split(": ", 1)[1]
        return DataError(path, f"Turtle syntax error: {reason}", error.lineno, error.offset)
    if isinstance(error, MemoryError):
        detail = f" ({error})" if str(error) else ""
        return DataError(path, f"too large to read: a single literal or name exceeds what the parser "
                               f"holds in memory{detail}")
    if isinstance(error, UnicodeDecodeError):
        return DataError(path, f"not UTF-8: {error}")
    if isinstance(error, OSError):
        return DataError(path, f"cannot read: {error.strerror or error}")
    return DataError(path, f"cannot read: {error}")


def _scoped(term, prefix: str):
    if isinstance(term, ox.BlankNode):
        return ox.BlankNode(f"{prefix}{term.value}")
    return term


def read_file(path: Path) -> CuratedFile:
    """Parse a curated file and read the source texts its documents cite.

    Raises:
        DataError: syntax error, unreadable file, or a cited source text that is missing.
    """
    triples = parse_turtle(path)
    cited = [(str(t.subject) if isinstance(t.subject, ox.BlankNode) else t.subject.value, t.object.value) for t in triples
             if t.predicate == SOURCE_FILE and isinstance(t.object, ox.Literal)]
    texts = read_each(cited, lambda pair: (pair[0], read_source(path, pair[1])))
    return CuratedFile(path=path, key=path.stem, triples=triples, texts=dict(texts))


def read_source(curated: Path, name: str) -> str:
    """The source text a curated file cites by sg:sourceFile, from its sources/ folder."""
    candidate = curated.parent / "sources" / name
    if not candidate.is_file():
        raise DataError(curated, f"sg:sourceFile {name!r} is not in {curated.parent / 'sources'}")
    try:
        return candidate.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, MemoryError) as error:
        raise DataError(candidate, f"cannot read source text: {error}") from None


def read_files(paths: Iterable[Path | str] | None = None) -> list[CuratedFile]:
    """Read every curated file under ``paths`` (default: the shipped data/).

    All files are parsed before anything is returned, so one bad file means no
    partial result; every input that cannot be read is named in the one DataError.
    """
    files, errors = expand(paths or [resources.data_dir()])
    try:
        read = read_each(files, read_file)
    except DataError as error:
        errors += error.errors
    raise_errors(errors)
    return read


def name_all(paths: Iterable[Path | str], error: DataError) -> DataError:
    """After ``error`` stopped a run over ``paths``: one DataError naming every input
    there that cannot be read (they are all parsed again, so call it only on failure)."""
    errors = check_files(paths)
    return DataErrors(errors) if errors else error


def check_files(paths: Iterable[Path | str]) -> list[DataError]:
    """Every input under ``paths`` that cannot be read, each with its reason (parsed and
    discarded: for naming all the bad inputs once a run has met the first)."""
    files, errors = expand(paths)
    for path in files:
        try:
            read_file(path)
        except DataError as error:
            errors.extend(error.errors)
    return errors


def forget_frames(error: BaseException) -> None:
    """Drop the tracebacks of ``error`` and of the errors it carries, so that objects
    held by their frames (an on-disk store being written) are closed now."""
    seen = set()
    stack = [error]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        current.__traceback__ = None
        stack += [current.__context__, current.__cause__] + list(getattr(current, "_errors", []))


def read_vocabulary() -> list[ox.Triple]:
    """The ontology's triples (not the shapes)."""
    return parse_turtle(resources.ontology_file())


def text_triples(curated: CuratedFile) -> Iterator[ox.Triple]:
    """The ``sg:text`` triples that attach each document's source text at load time."""
    for document, text in curated.texts.items():
        node = ox.BlankNode(document[2:]) if document.startswith("_:") else ox.NamedNode(document)
        yield ox.Triple(node, TEXT, ox.Literal(text))


# --- Conversion to rdflib (for pyshacl and serialisation) ------------------------------

def to_rdflib_term(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def to_rdflib(triples: Iterable[ox.Triple], graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """Add Oxigraph triples to an rdflib graph (a new one unless given)."""
    graph = graph if graph is not None else rdflib.Graph()
    for t in triples:
        graph.add((to_rdflib_term(t.subject), to_rdflib_term(t.predicate), to_rdflib_term(t.object)))
    return graph
