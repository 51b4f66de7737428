"""A curator's clock: a made-up instruction the project had never seen
(``docs/timing/instruktion-ekeby.txt``, written for this run) from the document to a
validated graph in the explorer, every step a person would take done in Chromium through
the curation page (no API call behind the page's back). The steps are counted and the
machine's time measured; the README turns the count into a person's time with stated
assumptions. ``STYRGRAF_CLOCK=path.json`` writes the counts."""
from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest
import waitress
from browser_support import GuardedPage, wait_until
from click.testing import CliRunner
from conftest import make_app
from curate_support import TOKEN, Served

from styrgraf.cli import main
from styrgraf.store import GraphStore

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DOCUMENT = Path(__file__).resolve().parents[1] / "docs" / "timing" / "instruktion-ekeby.txt"
PROHIBITION = "fatta beslut i frågor som en nämnd har att besluta om"


class Curator:
    """The page and a count of what a person does on it: clicks, keys, fields, choices."""

    def __init__(self, page):
        self.page, self.steps = page, {"click": 0, "key": 0, "type": 0, "choose": 0}

    def click(self, target):
        self.steps["click"] += 1
        (self.page.locator(target) if isinstance(target, str) else target).click()

    def key(self, key):
        self.steps["key"] += 1
        self.page.keyboard.press(key)

    def type(self, selector, text):
        self.steps["type"] += 1
        self.page.fill(selector, text)

    def choose(self, selector, value=None, **option):
        self.steps["choose"] += 1
        self.page.select_option(selector, value, **option)

    def item(self, text, has=None):
        found = self.page.locator("#items li", has_text=text)
        return found.filter(has_text=has).first if has else found.first

    def settled(self, expression):
        wait_until(self.page, expression)

    def accept(self, text, has=None):
        before = self.page.evaluate("state.decisions")
        self.click(self.item(text, has).locator("button.accept"))
        self.settled(f"state.decisions > {before}")

    def reject(self, text, has=None):
        before = self.page.evaluate("state.decisions")
        self.click(self.item(text, has).locator("button.reject"))
        self.settled(f"state.decisions > {before}")

    def edit(self, text, has=None, **fields):
        before = self.page.evaluate("state.decisions")
        self.click(self.item(text, has).locator("button.edit"))
        self.fill_dialog(**fields)
        self.click("#edit-ok")
        self.settled(f"state.decisions > {before}")

    def fill_dialog(self, **fields):
        for name, value in fields.items():
            selector = f"#edit-form [name={name}]"
            if name in ("newLabel", "newLabelEn", "quote", "condition", "scope"):
                self.type(selector, value)
            elif name in ("subject", "object", "legalBasis", "newClass"):
                self.choose(selector, label=value)
            else:
                self.choose(selector, value)

    def select_passage(self, sentence):
        self.steps["click"] += 1  # a person drags over the sentence
        self.page.evaluate("""sentence => {
            const p = [...document.querySelectorAll('#text p')].find(p => p.textContent.includes(sentence));
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            let node = walker.nextNode();
            while (node && !node.textContent.includes(sentence)) node = walker.nextNode();
            const at = node.textContent.indexOf(sentence), range = document.createRange();
            range.setStart(node, at); range.setEnd(node, at + sentence.length);
            const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range); }""",
                           sentence)

    def note(self, starts_with, reason, reason_en):
        before = self.page.evaluate("state.notes.length")
        self.click(self.page.locator("#text p.uncovered", has_text=starts_with).first.locator("button.note-btn"))
        self.type("#note-form input[name=reason]", reason)
        self.type("#note-form input[name=reasonEn]", reason_en)
        self.click("#note-ok")
        self.settled(f"state.notes.length > {before}")


def test_a_curator_takes_a_new_instruction_to_the_explorer(browser, tmp_path):
    clock = {"start": time.monotonic()}
    outcome = CliRunner().invoke(main, ["ingest", str(DOCUMENT), "--org", "ekeby", "--name", "Ekeby kommun",
                                        "--kind", "municipality", "--out", str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    clock["ingest"] = time.monotonic() - clock["start"]
    served = Served(tmp_path)
    guarded = GuardedPage(browser, served.base, locale="sv-SE")
    page = guarded.page
    page.goto(f"{served.base}/draft/ekeby?token={TOKEN}&lang=sv")
    page.wait_for_selector("body[data-ready=true]")
    curator = Curator(page)
    candidates = page.evaluate("state.items.length")
    opened = time.monotonic()

    # the metadata: what ingest did not find
    curator.type("#meta-form input[name=validFrom]", "2025-03-01")
    curator.click("#meta-save")
    curator.settled("state.metadata.validFrom === '2025-03-01'")

    # the candidates, top to bottom
    curator.edit("kommunstyrelsen — utser, anställer → kommundirektör", legalBasis="KL 7 kap. 1 §")
    curator.reject("kommunstyrelsen — har ansvar →")  # the law's own words about the instruction
    curator.edit("kommundirektör — svarar inför → kommunstyrelsen", legalBasis="KL 7 kap. 1 §")
    curator.edit("kommundirektör — har ansvar → förvaltningsorganisationen", predicate="directs",
                 newLabel="förvaltningsorganisationen", newLabelEn="the administration", newClass="förvaltning")
    curator.accept("kommundirektör — är chef över → förvaltningschef")
    curator.edit("kommunstyrelsens ordförande — kommunikationsväg till → kommundirektör", predicate="supervises")
    for text in ("— verkställer beslut av → kommunstyrelsen", "— bereder ärenden åt → kommunstyrelsen",
                 "— bereder ärenden åt → kommunstyrelsens arbetsutskott"):
        curator.accept(text, has="skyldighet")
    curator.edit("får det underlag som behövs", modality="obligation")
    curator.reject("— bereder ärenden åt → kommunstyrelsens arbetsutskott", has="befogenhet")
    curator.accept("krisledningsarbete")
    curator.accept("budget och uppföljning")
    curator.accept("kommundirektör — utser, anställer → förvaltningschef")
    curator.edit("kommundirektör — samråder med → ordförande", condition="vid anställning av förvaltningschef")
    for text in ("— deltar i → kommunfullmäktige", "— har yttranderätt i → kommunfullmäktige",
                 "— deltar i → kommunstyrelsen", "förvaltningschef — informerar → kommundirektör",
                 "— kommunikationsväg till → verkställande direktör"):
        curator.accept(text)
    curator.edit("nämnderna — har ansvar →", newLabel="sin verksamhet", newLabelEn="its own activities",
                 newClass="ansvar")
    curator.edit("kommundirektör — har ansvar → besluta om", newLabel=PROHIBITION, newClass="ansvar",
                 modality="prohibition")
    curator.accept("kommunstyrelsen — ger uppdrag till, styr → kommundirektör")  # the instruction itself (KL 7:2)
    curator.accept("kommundirektör — har ansvar → ha den ledande ställningen")
    curator.accept("kommunstyrelsens ordförande — har ansvar →")
    curator.edit("kommunstyrelsen — delegerar beslutanderätt till → kommundirektör", legalBasis="KL 7 kap. 5 §")

    # what the machine missed: the director as head of the central administration
    for sentence, fields in (
            ("Kommundirektören är kommunens högsta tjänsteperson och chef för kommunledningsförvaltningen.",
             {"subject": "kommundirektör (direktör)", "predicate": "managerOf", "newLabel": "kommunledningsförvaltningen",
              "newLabelEn": "central administration", "newClass": "förvaltning"}),):
        before = page.evaluate("state.decisions")
        curator.select_passage(sentence)
        curator.click("#add-selection")
        curator.fill_dialog(**fields)
        curator.click("#edit-ok")
        curator.settled(f"state.decisions > {before}")

    # paragraphs that state no governance fact
    curator.note("Beslutad av kommunstyrelsen", "dokumenthuvud: beslut, diarienummer och giltighet (metadata)",
                 "document header: decision, case number and validity (metadata)")
    curator.note("Kommundirektören ska:", "inledning till listan nedan", "lead-in to the list below")
    curator.note("Instruktionen följs upp årligen", "uppföljning av instruktionen själv",
                 "review of the instruction itself")

    curator.click("#save")
    page.wait_for_selector("#conforms")
    conforms = page.text_content("#conforms")
    if os.environ.get("STYRGRAF_SCREENSHOTS"):
        page.screenshot(path=str(Path(os.environ["STYRGRAF_SCREENSHOTS"]) / "clock-saved.png"))
    clock["page"] = time.monotonic() - opened
    undecided = page.evaluate("state.items.filter(i => i.status === 'proposed').length")
    guarded.close()
    served.close()

    validated = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert validated.exit_code == 0, validated.output
    assert conforms == "Inga överträdelser." and undecided == 0

    # the explorer over the folder: the new organisation's graph and its document
    app = make_app(GraphStore.load([tmp_path]))
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    try:
        guarded = GuardedPage(browser, f"http://127.0.0.1:{server.effective_port}", locale="sv-SE")
        explorer = guarded.page
        explorer.goto(f"{explorer.base}/org/ekeby")
        explorer.wait_for_selector("#cy[data-ready=true]")
        edges = explorer.evaluate("styrgrafGraph.edges().length")
        if os.environ.get("STYRGRAF_SCREENSHOTS"):
            explorer.screenshot(path=str(Path(os.environ["STYRGRAF_SCREENSHOTS"]) / "clock-graph.png"))
        explorer.goto(f"{explorer.base}/id/ekeby/kommundirektor")
        assert "får inte" in explorer.locator(".evidence .modal").all_text_contents()
        guarded.close()
    finally:
        server.close()
        app.extensions["styrgraf"].executor.close()
    clock["total"] = time.monotonic() - clock["start"]
    assert edges >= 15
    result = {"candidates": candidates, "steps": curator.steps, "actions": sum(curator.steps.values()),
              "seconds": {k: round(v, 1) for k, v in clock.items() if k != "start"}, "edges": edges}
    if os.environ.get("STYRGRAF_CLOCK"):
        Path(os.environ["STYRGRAF_CLOCK"]).write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(result)
