"""``validate``: the one entry point. Files in, one report out.

Every file is first validated on its own (in parallel over the cores: spawned workers
parse what they validate, so the caller never holds the nation); at the same time
each file says which namespaces it describes and uses. Files that speak of each
other's nodes are then grouped into units (``units``) and each unit of more than one
file is validated again as one graph, its files' lone findings dropped. With a cache,
unchanged files are not parsed and unchanged units not validated.
"""
from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from styrgraf import resources
from styrgraf.store import loading
from styrgraf.validation import units
from styrgraf.validation.cache import ValidationCache
from styrgraf.validation.engine import DEFAULT_OLD_AFTER, validate_unit
from styrgraf.validation.findings import Finding, Report, merged
from styrgraf.validation.shapes import installed

log = logging.getLogger(__name__)


@dataclass
class UnitResult:
    """The findings of one unit and the facts of its files."""

    paths: list[str]
    findings: list[Finding]
    facts: list[units.FileFacts]
    with_target_nodes: bool
    cached: bool = False


def validate_paths_as_unit(paths: list[str], as_of: dt.date, old_after: str, with_target_nodes: bool,
                           parsed: dict[str, loading.CuratedFile] | None = None) -> UnitResult:
    """Parse (unless given) and validate files as one unit. Runs in a worker, too: a
    DataError reaches the caller."""
    files = [(parsed or {}).get(p) or loading.read_file(Path(p)) for p in paths]
    findings = validate_unit(files, as_of, old_after, with_target_nodes)
    return UnitResult(list(paths), findings, [units.facts_of(f) for f in files], with_target_nodes)


class _Runner:
    """Runs units in this process or in spawned workers, reporting each file done."""

    def __init__(self, jobs: int, as_of: dt.date, old_after: str, parsed: dict, progress):
        self.jobs, self.as_of, self.old_after, self.parsed, self.progress = jobs, as_of, old_after, parsed, progress
        self.pool: Executor | None = None

    def run(self, todo: list[tuple[list[str], bool]], announce: bool) -> list[UnitResult]:
        if self.jobs > 1 and len(todo) > 1 and self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"))
        if self.pool is not None and len(todo) > 1:
            futures = [self.pool.submit(validate_paths_as_unit, paths, self.as_of, self.old_after, nodes)
                       for paths, nodes in todo]
            results = (future.result() for future in futures)
        else:
            results = (validate_paths_as_unit(paths, self.as_of, self.old_after, nodes, self.parsed)
                       for paths, nodes in todo)
        done = []
        for result in results:
            done.append(result)
            for path in result.paths if announce and self.progress else ():
                self.progress(path)
        return done

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _inputs(inputs) -> tuple[list[str], dict[str, loading.CuratedFile]]:
    """Paths of every file to validate (folders expanded), and those already parsed."""
    parsed: dict[str, loading.CuratedFile] = {}
    paths: list[str] = []
    for item in inputs:
        if isinstance(item, loading.CuratedFile):
            parsed[str(item.path)] = item
            paths.append(str(item.path))
        else:
            paths += [str(p) for p in loading.find_turtle_files([item])]
    return list(dict.fromkeys(paths)), parsed


def _settle(runner: _Runner, first: dict[str, UnitResult], facts: list[units.FileFacts], cache) -> list[UnitResult]:
    """The units of all files, each with findings from the first pass, the cache, or a
    fresh run of the unit as one graph."""
    grouped, home = units.group(facts, installed().target_nodes())
    labels = {shape.iri: shape.label for shape in installed().shapes}
    any_nodes = any(shape.nodes for shape in installed().shapes)
    settled, todo = [], []
    for number, paths in enumerate(grouped):
        nodes = any_nodes and number == home
        alone = first.get(paths[0]) if len(paths) == 1 else None
        if alone is not None and alone.with_target_nodes == nodes:
            settled.append(alone)
            continue
        cached = cache.findings(paths, runner.as_of, runner.old_after, nodes, labels) if cache is not None else None
        if cached is not None:
            settled.append(UnitResult(paths, cached, [], nodes, cached=True))
        else:
            todo.append((paths, nodes))
    return settled + runner.run(todo, announce=False)


def validate(inputs: Iterable[Path | str | loading.CuratedFile] | None = None, as_of: dt.date | None = None,
             old_after: str = DEFAULT_OLD_AFTER, jobs: int = 1, progress: Callable[[str], None] | None = None,
             cache: ValidationCache | None = None) -> Report:
    """Validate curated files (each an organisation) with the ontology against the shapes.

    Args:
        inputs: Turtle files, folders, or already parsed files (default: the shipped data/).
        as_of: the day to judge validity and review dates by (default: today).
        old_after: how old (xsd:duration, whole years) an undated, unreviewed document may be.
        jobs: processes (1: in this process).
        progress: called with each file's path when it is done.
        cache: reuse what earlier runs learnt of unchanged files (``--changed``).

    Raises:
        loading.DataError: a file, the ontology or the shapes cannot be read, or a file
            holds an sg:ValidationRun; nothing is reported then.
        shapes.ShapesError: the shapes use SHACL that styrgraf does not implement.
    """
    as_of, started = as_of or dt.date.today(), time.perf_counter()
    installed()  # refuse unimplemented SHACL before reading any data
    paths, parsed = _inputs(inputs if inputs is not None else [resources.data_dir()])
    known = {p: cache.unchanged(p) for p in paths} if cache is not None else {}
    runner = _Runner(jobs, as_of, old_after, parsed, progress)
    try:
        fresh = runner.run([([p], False) for p in paths if known.get(p) is None], announce=True)
        for path in (p for p in paths if known.get(p) is not None and progress):
            progress(path)
        first = {result.paths[0]: result for result in fresh}
        facts = [known.get(p) or first[p].facts[0] for p in paths]
        if cache is not None:
            for result in fresh:
                cache.put_file(result.facts[0])
        settled = _settle(runner, first, facts, cache)
    finally:
        runner.close()
    if cache is not None:
        for result in (r for r in settled if not r.cached):
            cache.put_unit(result.paths, as_of, old_after, result.with_target_nodes, result.findings)
        cache.save()
    report = merged((f for result in settled for f in result.findings), as_of, [loading.display_path(p) for p in paths])
    log.info("validated %d files in %d units as of %s in %.1f s (%d from the cache): %d violations, %d warnings, "
             "%d notes", len(paths), len(settled), as_of, time.perf_counter() - started, len(known) - list(
                 known.values()).count(None), *(report.count(s) for s in ("Violation", "Warning", "Info")))
    return report


def default_jobs() -> int:
    """Processes to use by default: one per core, at most eight."""
    return max(1, min(os.cpu_count() or 1, 8))
