"""The curation app never reads or writes outside its folder (issue #23): a draft name
with ``../`` in the URL is 404, a draft file edited by hand to name an organisation or a
stored text outside the folder is 400, and nothing is written."""
from __future__ import annotations

import json

import pytest
from curate_support import SEED_A, Served, ingest


@pytest.fixture
def folder(tmp_path):
    data = tmp_path / "a" / "b" / "data"
    ingest(data, SEED_A)
    return data


def files_of(root):
    return {p for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("key", ["..%2F..%2Fkommun-a", "..%2Fdata%2Fdrafts%2Fkommun-a", "%2E%2E", "kommun-a%00",
                                 "KOMMUN-A", "kommun-a.json"])
@pytest.mark.parametrize("route", ["save", "check", "decide"])
def test_a_draft_name_outside_the_folder_is_404_and_writes_nothing(folder, tmp_path, key, route):
    before = files_of(tmp_path)
    server = Served(folder)
    try:
        response = server.post(f"/api/{key}/{route}", {"version": "x", "id": "c001", "status": "accepted"})
        assert response.status_code == 404, response.text
        assert server.get(f"/api/{key}/state").status_code == 404
    finally:
        server.close()
    assert files_of(tmp_path) == before


@pytest.mark.parametrize("field,value,route", [
    ("org", "../../kommun-a", "save"), ("org", "/tmp/kommun-a", "save"), ("org", "../../kommun-a", "check"),
    ("sourceFile", "../../../secret.txt", "check"), ("sourceFile", "/etc/passwd", "check"),
])
def test_a_draft_edited_to_point_outside_is_400_and_writes_nothing(folder, tmp_path, field, value, route):
    (tmp_path / "secret.txt").write_text("not for the app")
    path = folder / "drafts" / "kommun-a.json"
    draft = json.loads(path.read_text(encoding="utf-8"))
    if field == "org":
        draft["org"] = value
    else:
        draft["document"]["sourceFile"] = value
    path.write_text(json.dumps(draft), encoding="utf-8")
    server = Served(folder)
    try:
        version = server.state()["version"]
        before = files_of(tmp_path)
        response = server.post(f"/api/kommun-a/{route}", {"version": version})
        assert response.status_code == 400, response.text
        assert value[:20] in response.json()["error"] and "not for the app" not in response.text
    finally:
        server.close()
    # the decision log's lock file may appear in drafts/; nothing else anywhere
    assert {p for p in files_of(tmp_path) if p.suffix != ".jsonl"} == {p for p in before if p.suffix != ".jsonl"}
