"""The evaluation's figures as the README states them, and the floor the test half must
keep. The README's tables between the markers are `styrgraf ingest --evaluate` output:
a change that moves a figure must retake them (copy the command's output in)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from styrgraf.cli import main

ROOT = Path(__file__).resolve().parent.parent
# Issue #19's targets, on the test half. Where the reading falls short of a target the
# guard holds the figure reached (the README says by how much); it may only rise.
TARGET_PRECISION, TARGET_RECALL, TARGET_KIND_RECALL, TARGET_METADATA = 0.80, 0.70, 0.60, 0.90
FLOOR_PRECISION, FLOOR_RECALL, FLOOR_KIND_RECALL, FLOOR_METADATA = 0.63, 0.50, 0.35, 0.75


@pytest.fixture(scope="module")
def evaluation():
    outcome = CliRunner().invoke(main, ["ingest", "--evaluate"])
    assert outcome.exit_code == 0, outcome.output
    import json
    figures = json.loads(CliRunner().invoke(main, ["ingest", "--evaluate", "--format", "json"]).output)
    return outcome.output, figures


def test_the_readme_tables_are_the_evaluators_output(evaluation):
    text, _ = evaluation
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- evaluate:start -->\n(.*?)<!-- evaluate:end -->", readme, re.S)
    assert block, "README lacks the evaluation block"
    shown = [line for line in block.group(1).splitlines() if line.startswith(("|", "Metadata"))]
    produced = [line for line in text.splitlines() if line.startswith(("|", "Metadata"))]
    assert shown == produced, "README's evaluation tables differ from `styrgraf ingest --evaluate`: retake them"


def test_the_test_half_keeps_its_figures(evaluation):
    _, figures = evaluation
    test = figures["corpus, test"]
    assert test["quotes_outside"] == 0
    assert test["all"]["precision"] >= min(FLOOR_PRECISION, TARGET_PRECISION)
    assert test["all"]["recall"] >= min(FLOOR_RECALL, TARGET_RECALL)
    for kind, score in test["kinds"].items():
        assert score["recall"] >= min(FLOOR_KIND_RECALL, TARGET_KIND_RECALL), kind
    for field in ("title", "documentType", "decidedBy", "issued"):
        assert test["metadata"][field] >= min(FLOOR_METADATA, TARGET_METADATA), field
