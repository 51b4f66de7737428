"""The targets of issue #15 beside what ``styrgraf bench`` measured at one N: each row
says the target, the figure, and whether it is met (and by how much it is missed).
The validation rows are printed with the validation figures (``bench.print_scale_run``)."""
from __future__ import annotations

from typing import Callable

from styrgraf.tools.bench_pages import PAGE_MS, PAGE_P99_MS, START_S


def _row(what: str, target: str, figure, ok: bool | None, unit: str = "") -> dict:
    shown = "–" if figure is None else f"{figure}{unit}"
    return {"what": what, "target": target, "measured": figure, "shown": shown,
            "met": ok if figure is not None else None}


def _below(what: str, figure, limit: float, unit: str) -> dict:
    row = _row(what, f"< {limit:g}{unit}", figure, figure is not None and figure < limit, unit)
    if figure is not None and figure >= limit:
        row["missed_by"] = f"{figure / limit:.1f}× the target"
    return row


def _ratio(what: str, base, ours, at_least: float) -> dict:
    ratio = round(base / ours, 1) if base and ours else None
    row = _row(what, f"≥ {at_least:g}× rdflib", ratio, ratio is not None and ratio >= at_least, "×")
    if ratio is not None and ratio < at_least:
        row["missed_by"] = f"{at_least / ratio:.1f}× short"
    return row


def targets(run: dict) -> list[dict]:
    """The rows for one run of ``bench_scale.run`` (pages only when HTTP was measured)."""
    rows = []
    load = run.get("load", {})
    ox, base = load.get("oxigraph", {}), load.get("rdflib", {})
    rows.append(_ratio("load the national graph", base.get("seconds"), ox.get("seconds"), 10))
    rows.append(_below("load the national graph", ox.get("seconds"), 3, " s"))
    queries = run.get("queries", {})
    for name in ("group_by_all_assertions", "assertions_per_organisation", "substring_all_quotes"):
        if name in queries:
            rows.append(_ratio(f"{name} (in-process)", queries[name].get("rdflib", {}).get("median_ms"),
                               queries[name].get("oxigraph", {}).get("median_ms"), 10))
    if "network" in run:
        rows.append(_below("networkx views", run["network"]["build_views_seconds"], 1, " s"))
    pages = run.get("pages")
    for name, over_http in (pages or {}).get("whole_graph_queries", {}).items():
        base = queries.get(name, {}).get("rdflib", {}).get("median_ms")
        rows.append(_ratio(f"{name} over HTTP", base, over_http["median_ms"] if over_http["statuses"] == [200] else None,
                           10))
    if pages:
        rows.append(_below("serve start to every page answering", pages.get("every_page_seconds"), START_S, " s"))
        for kind, figures in pages["pages"].items():
            rows.append(_below(f"{kind}: p50, one client", figures["single"]["p50_ms"], PAGE_MS, " ms"))
            rows.append(_below(f"{kind}: p99, four clients", figures["four_clients"]["p99_ms"], PAGE_P99_MS, " ms"))
    rows += _virtuoso_rows(pages, run.get("pages_virtuoso"))
    return rows


def _virtuoso_rows(pages: dict | None, virtuoso: dict | None) -> list[dict]:
    """Each page kind's p50 from Virtuoso beside Oxigraph's (measured and reported: no target)."""
    if not pages or not virtuoso:
        return []
    rows = []
    for kind, figures in virtuoso["pages"].items():
        ms, ours = figures["single"]["p50_ms"], pages["pages"].get(kind, {}).get("single", {}).get("p50_ms")
        ratio = f" ({ms / ours:.1f}× Oxigraph)" if ms and ours else ""
        errors = figures["single"]["errors"] + figures["four_clients"]["errors"]
        rows.append({"what": f"{kind} from Virtuoso: p50, one client", "target": "measured", "measured": ms,
                     "shown": f"{ms} ms{ratio}" + (f", {errors} errors" if errors else ""), "met": None})
    return rows


def print_targets(rows: list[dict], echo: Callable[[str], None] = print) -> None:
    """The rows as a table: what, target, measured, met or missed (by how much)."""
    echo("  targets (issue #15)                                     target           measured    ")
    for row in rows:
        verdict = "–" if row["met"] is None else ("met" if row["met"] else f"MISSED ({row['missed_by']})")
        echo(f"  {row['what']:54} {row['target']:16} {row['shown']:>10}  {verdict}")


def print_pages(pages: dict, echo: Callable[[str], None] = print) -> None:
    """The page figures: first answers after start, then p50/p99 per page kind."""
    first = pages["first_answer_seconds"]
    echo(f"  serve: listening after {pages['listening_seconds']} s; every page answering after "
         f"{pages['every_page_seconds']} s; validation report ready after {pages['report_ready_seconds']} s")
    echo("  page (ms)                       first answer s   p50 1 client  p99 1 client   p50 4 clients  p99 4 clients")
    for kind, figures in pages["pages"].items():
        one, four = figures["single"], figures["four_clients"]
        errors = one["errors"] + four["errors"]
        echo(f"  {kind:32} {first.get(kind, '–')!s:>14} {one['p50_ms']!s:>14} {one['p99_ms']!s:>13} "
             f"{four['p50_ms']!s:>15} {four['p99_ms']!s:>14}" + (f"  ({errors} errors)" if errors else ""))
    if pages.get("server_errors"):
        echo(f"  the server logged {pages['server_errors']} unexpected errors (500): see its log")
