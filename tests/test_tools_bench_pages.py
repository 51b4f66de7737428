"""``styrgraf bench``'s page figures on a tiny synthetic nation (a handful of requests;
the real figures come from the command at N = 311): every page kind answers 200 from
a ``serve`` of its own, with p50/p99 for one and four clients, and the targets table
says met or missed for each figure."""
from __future__ import annotations

from styrgraf.tools import bench_pages, bench_scale, bench_targets, synth

WHOLE = {name: bench_scale.TARGET_QUERIES[name] for name in bench_scale.HTTP_QUERIES}


def test_every_page_kind_is_measured_and_judged(tmp_path):
    made = synth.synthesise(4, tmp_path / "data", seed=4)
    figures = bench_pages.run(tmp_path / "data", made.organisations, county=None, requests=6, seconds=5,
                              queries=WHOLE)
    kinds = {k for k, p in bench_pages.page_paths(made.organisations, ["x/id/y"], None).items() if p}
    assert set(figures["pages"]) == kinds and set(figures["first_answer_seconds"]) == kinds
    for kind, measured in figures["pages"].items():
        for load in measured.values():
            assert load["errors"] == 0 and load["requests"] == 6 and load["p50_ms"] <= load["p99_ms"], (kind, load)
    assert figures["every_page_seconds"] == max(figures["first_answer_seconds"].values()) > 0
    assert figures["server_errors"] == 0
    # the whole-graph queries are answered (the search over every quote too: no row cap)
    assert set(figures["whole_graph_queries"]) == set(WHOLE)
    assert all(q["statuses"] == [200] and q["median_ms"] > 0 for q in figures["whole_graph_queries"].values())
    http_ms = figures["whole_graph_queries"]["group_by_all_assertions"]["median_ms"]
    rows = bench_targets.targets({"pages": figures, "network": {"build_views_seconds": 2.5},
                                  "load": {"oxigraph": {"seconds": 1.0}, "rdflib": {"seconds": 4.0}},
                                  "queries": {"group_by_all_assertions": {"rdflib": {"median_ms": http_ms * 20}}}})
    by_what = {(r["what"], r["target"]): r for r in rows}
    assert by_what[("group_by_all_assertions over HTTP", "≥ 10× rdflib")]["measured"] == 20.0
    assert by_what[("substring_all_quotes over HTTP", "≥ 10× rdflib")]["met"] is None  # no rdflib figure given
    assert by_what[("networkx views", "< 1 s")]["met"] is False
    assert by_what[("networkx views", "< 1 s")]["missed_by"] == "2.5× the target"
    assert by_what[("load the national graph", "≥ 10× rdflib")]["missed_by"] == "2.5× short"
    assert by_what[("load the national graph", "< 3 s")]["met"] is True
    assert sum(r["what"].startswith("home: ") for r in rows) == 2
    printed = []
    bench_targets.print_targets(rows, printed.append)
    bench_targets.print_pages(figures, printed.append)
    assert any("MISSED (2.5× the target)" in line for line in printed)
