"""Two Chromium tabs on one draft (Playwright driving Debian's Chromium, the curation app
under waitress): a tab that missed the other's change is told and shown the current
state, never overwrites it; input is checked when entered and the message stands beside
its field; legal basis and document type are picked from the vocabulary."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser_support import GuardedPage, wait_until
from curate_support import SEED_A, TOKEN, Served, ingest

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("STYRGRAF_SCREENSHOTS")


@pytest.fixture
def served(tmp_path):
    ingest(tmp_path, SEED_A)
    server = Served(tmp_path)
    yield server
    server.close()


def open_tab(browser, served):
    guarded = GuardedPage(browser, served.base, locale="sv-SE")
    guarded.page.goto(f"{served.base}/draft/kommun-a?token={TOKEN}")
    guarded.page.wait_for_selector("body[data-ready=true]")
    return guarded


def status_of(page, ident):
    return page.evaluate(f"state.items.find(i => i.id === '{ident}').status")


def shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"curate-{name}.png"))


def test_a_stale_tab_is_told_and_refreshed_never_wins(browser, served):
    one, two = open_tab(browser, served), open_tab(browser, served)
    first, second = one.page.evaluate("[state.items[0].id, state.items[1].id]")
    one.page.locator(f"#items li[data-id={first}] button.reject").click()
    wait_until(one.page, f"state.items.find(i => i.id === '{first}').status === 'rejected'")

    two.page.click("#accept-visible")  # on the state from before tab one's rejection
    wait_until(two.page, "!document.getElementById('message').hidden")
    assert "Ändringen gjordes inte" in two.page.text_content("#message")
    assert status_of(two.page, first) == "rejected"  # refreshed to the current state
    assert {i["status"] for i in served.state()["items"]} == {"proposed", "rejected"}

    two.page.locator(f"#items li[data-id={second}] button.accept").click()  # tab two is current now
    wait_until(two.page, f"state.items.find(i => i.id === '{second}').status === 'accepted'")
    assert two.page.is_hidden("#message")
    one.page.click("#undo")  # tab one missed that: its undo must not undo tab two's decision
    wait_until(one.page, "!document.getElementById('message').hidden")
    assert status_of(one.page, second) == "accepted"
    state = {i["id"]: i["status"] for i in served.state()["items"]}
    assert state[first] == "rejected" and state[second] == "accepted"
    one.close()
    two.close()


def test_input_is_checked_beside_its_field_and_taken_from_the_vocabulary(browser, served):
    tab = open_tab(browser, served)
    page = tab.page
    types = page.eval_on_selector_all("#meta-form select[name=documentType] option", "os => os.map(o => o.value)")
    assert types == ["", "DelegationOrder", "Instruction", "Policy", "Charter", "Guideline"]
    page.fill("#meta-form input[name=reviewInterval]", "varje år")
    page.click("#meta-save")
    wait_until(page, "document.querySelector('#meta-form .field-error[data-for=reviewInterval]').textContent")
    assert "P1Y" in page.text_content("#meta-form .field-error[data-for=reviewInterval]")
    assert page.get_attribute("#meta-form input[name=reviewInterval]", "aria-invalid") == "true"
    page.fill("#meta-form input[name=reviewInterval]", "P2Y")
    page.select_option("#meta-form select[name=documentType]", "Charter")
    page.click("#meta-save")
    wait_until(page, "state.metadata.reviewInterval === 'P2Y' && state.metadata.documentType === 'Charter'")

    proposed = page.locator("#items li", has_text="— directs →").first  # ingest proposes it: the dialog keeps it
    proposed.locator("button.edit").click()
    assert page.locator("#edit-form select[name=predicate]").input_value() == "directs"
    page.click("#edit-form button[value=cancel]")
    assert page.locator("#editor").is_hidden()

    target = page.locator("#items li", has_text="— assists →").first
    ident = target.get_attribute("data-id")
    target.locator("button.edit").click()
    form = page.locator("#edit-form")
    relations = form.locator("select[name=predicate] option").evaluate_all("os => os.map(o => o.value)")
    assert len(relations) == 24 and {"directs", "mayNotDirect", "agreesToAppointmentOf"} <= set(relations)
    form.locator("select[name=predicate]").select_option("hasResponsibility")  # at a director: refused
    form.locator("select[name=object]").select_option(label="kommundirektör (Director)")
    page.click("#edit-ok")
    error = form.locator(".field-error[data-for=object]")
    wait_until(page, "document.querySelector('#edit-form .field-error[data-for=object]').textContent")
    assert "responsibility" in error.text_content() and page.locator("#editor").is_visible()
    shot(page, "field-error")
    form.locator("select[name=predicate]").select_option("directs")
    form.locator("select[name=legalBasis]").select_option(label="KL 7 kap. 2 §")
    page.click("#edit-ok")
    wait_until(page, f"(i => i.predicate === 'directs' && i.status === 'accepted')"
                     f"(state.items.find(i => i.id === '{ident}'))")
    assert page.locator("#editor").is_hidden()
    item = next(i for i in served.state()["items"] if i["id"] == ident)
    assert item["legalBasis"] == "http://rinfo.lagrummet.se/publ/sfs/2017:725#k_7-p_2"
    tab.close()
