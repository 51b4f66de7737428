"""The on-disk store (``serve --store-dir``) is never served half: a reload builds the
new store beside the old one and switches only when it is complete; opening checks
the store against its manifest."""
from __future__ import annotations

import json
import os
import shutil

import pyoxigraph as ox
import pytest

from styrgraf import resources
from styrgraf.store import MANIFEST, GraphStore, loading, ondisk

BROKEN = '@prefix sg: <https://w3id.org/styrgraf/def#> .\n<https://w3id.org/styrgraf/id/x/a> sg:x "unterminated .\n'


@pytest.fixture
def shipped_quads():
    return len(GraphStore.load())


@pytest.fixture
def loaded(tmp_path):
    directory = tmp_path / "sd"
    GraphStore.open_or_load(directory)
    return directory


def _manifest(directory) -> dict:
    return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))


def test_the_manifest_records_paths_hashes_and_quads(loaded, shipped_quads):
    manifest = _manifest(loaded)
    assert manifest["complete"] and manifest["quads"] == shipped_quads
    assert manifest["data_paths"] == [str(resources.data_dir().resolve())]
    assert sorted(manifest["files"]) == sorted(str(p.resolve()) for p in loading.find_turtle_files([resources.data_dir()]))
    assert all(len(h) == 64 for h in manifest["files"].values())
    assert sorted(p.name for p in loaded.iterdir()) == sorted([MANIFEST, manifest["store"]])


def test_reopened_as_it_was(loaded, shipped_quads):
    reopened = GraphStore.open_or_load(loaded)
    assert len(reopened) == shipped_quads and reopened.location == loaded
    assert len(reopened.reopen()) == shipped_quads  # a worker's own read-only handle
    # the shipped data as a reader finds it: "data" in a checkout with an editable install,
    # the installed copy's folder under a non-editable install (as CI runs)
    shipped = loading.display_path(resources.data_dir())
    assert reopened.description() == f"Oxigraph on disk in {loaded}, 6 files from {shipped}"
    assert ondisk.changed_files(reopened) == []


def test_a_failed_reload_leaves_the_old_store_serving(loaded, tmp_path, shipped_quads):
    before = _manifest(loaded)
    broken, missing = tmp_path / "broken.ttl", tmp_path / "missing.ttl"
    broken.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(loading.DataError) as caught:
        GraphStore.open_or_load(loaded, [resources.data_dir(), broken, missing], reload=True)
    message = str(caught.value)
    assert "broken.ttl:2" in message and "missing.ttl" in message  # every bad input named
    assert f"The store in {loaded} is unchanged" in message
    assert _manifest(loaded) == before
    assert sorted(p.name for p in loaded.iterdir()) == sorted([MANIFEST, before["store"]])  # nothing half-built left
    assert len(GraphStore.open_or_load(loaded)) == shipped_quads


def test_a_failure_while_switching_leaves_the_old_store(loaded, monkeypatch, shipped_quads):
    before = _manifest(loaded)

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ondisk.os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        GraphStore.open_or_load(loaded, reload=True)
    monkeypatch.undo()
    assert _manifest(loaded) == before and len(GraphStore.open_or_load(loaded)) == shipped_quads
    assert sorted(p.name for p in loaded.iterdir()) == sorted([MANIFEST, before["store"]])


def test_a_good_reload_switches_and_removes_the_old_store(loaded, tmp_path):
    before = _manifest(loaded)
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(resources.data_dir() / "kommun-c.ttl", one)
    shutil.copytree(resources.data_dir() / "sources", one / "sources")
    reloaded = GraphStore.open_or_load(loaded, [one], reload=True)
    after = _manifest(loaded)
    assert after["store"] != before["store"] and not (loaded / before["store"]).exists()
    assert len(reloaded) == after["quads"] < before["quads"]
    assert [p.name for p in reloaded.data_files] == ["kommun-c.ttl"]
    (one / "kommun-c.ttl").write_text((one / "kommun-c.ttl").read_text(encoding="utf-8") + "\n# edited\n",
                                      encoding="utf-8")
    assert ondisk.changed_files(reloaded) == [str((one / "kommun-c.ttl").resolve())]


def test_a_store_that_does_not_match_its_manifest_is_refused(loaded):
    manifest = _manifest(loaded)
    manifest["quads"] -= 1
    (loaded / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ondisk.StoreMismatch, match=r"holds \d+ quads where its manifest says \d+.*--reload"):
        GraphStore.open_or_load(loaded)
    assert len(GraphStore.open_or_load(loaded, reload=True)) == manifest["quads"] + 1


@pytest.mark.parametrize("damage, message", [
    (lambda d, m: shutil.rmtree(d / m["store"]), "cannot be opened"),
    (lambda d, m: (d / MANIFEST).write_text("{", encoding="utf-8"), "manifest cannot be read"),
    (lambda d, m: (d / MANIFEST).write_text(json.dumps({**m, "complete": False}), encoding="utf-8"),
     "does not describe a complete store"),
    (lambda d, m: (d / MANIFEST).write_text(json.dumps({**m, "store": "../elsewhere"}), encoding="utf-8"),
     "does not describe a complete store"),
])
def test_a_damaged_store_is_refused_by_name(loaded, damage, message):
    damage(loaded, _manifest(loaded))
    with pytest.raises(ondisk.StoreMismatch, match=message) as caught:
        GraphStore.open_or_load(loaded)
    assert str(loaded) in str(caught.value)


def _legacy_half_written(directory) -> int:
    """What styrgraf 0.1 left after a failed --reload: Oxigraph files in the folder
    itself, part of the data, and a manifest with the data paths only."""
    store = ox.Store(str(directory))
    half = GraphStore.load([resources.data_dir() / "kommun-c.ttl"])
    store.extend(half.store.quads_for_pattern(None, None, None, None))
    store.flush()
    del store
    (directory / MANIFEST).write_text(json.dumps({"data_paths": [str(resources.data_dir())]}), encoding="utf-8")
    return len(half)


def test_a_store_half_written_by_an_older_styrgraf_is_refused(tmp_path, shipped_quads):
    directory = tmp_path / "old"
    _legacy_half_written(directory)
    with pytest.raises(ondisk.StoreMismatch, match="written by an older styrgraf.*--reload"):
        GraphStore.open_or_load(directory)
    (directory / MANIFEST).unlink()  # a first load that failed before writing any manifest
    with pytest.raises(ondisk.StoreMismatch, match="older styrgraf"):
        GraphStore.open_or_load(directory)
    reloaded = GraphStore.open_or_load(directory, reload=True)
    assert len(reloaded) == shipped_quads
    assert sorted(p.name for p in directory.iterdir()) == sorted([MANIFEST, _manifest(directory)["store"]])


def test_a_folder_that_is_not_a_store_is_refused(tmp_path):
    directory = tmp_path / "mine"
    directory.mkdir()
    (directory / "notes.txt").write_text("mine", encoding="utf-8")
    for reload in (False, True):
        with pytest.raises(ondisk.StoreMismatch, match="not empty and holds no styrgraf store"):
            GraphStore.open_or_load(directory, reload=reload)
    assert os.listdir(directory) == ["notes.txt"]


def test_a_first_load_that_fails_leaves_nothing(tmp_path):
    directory, broken = tmp_path / "sd", tmp_path / "broken.ttl"
    broken.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(loading.DataError, match="broken.ttl:2") as caught:
        GraphStore.open_or_load(directory, [broken])
    assert "unchanged" not in str(caught.value)
    assert os.listdir(directory) == []
    assert len(GraphStore.open_or_load(directory)) > 3000  # and the next start loads
