"""The explorer's front-end files are committed with their versions and licences, served
by Flask's one static route, and a wheel builds with no Node or npm on PATH."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "server" / "styrgraf" / "web"
VENDOR = WEB / "static" / "vendor"


def manifest() -> dict:
    return json.loads((VENDOR / "MANIFEST.json").read_text(encoding="utf-8"))


def referenced() -> set[str]:
    """The vendor files the templates load."""
    pattern = re.compile(r"""(?:static/vendor/|filename=['"]vendor/)([\w.-]+)""")
    return {name for template in (WEB / "templates").glob("*.html") for name in pattern.findall(template.read_text())}


def test_every_referenced_vendor_file_is_committed_with_its_version_and_licence():
    files = {served: entry for entry in manifest()["packages"] for served in entry["files"]}
    names = referenced()
    assert {"cytoscape.min.js", "elk.bundled.js", "cytoscape-elk.js", "cytoscape-fcose.js", "yasgui.min.js"} <= names
    for name in names:
        assert name in files, f"{name} is loaded by a page but not in the manifest"
        entry = files[name]
        data = (VENDOR / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["files"][name]["sha256"], name
        assert re.fullmatch(r"\d+\.\d+\.\d+", entry["version"]) and entry["license"]
        assert entry["licence_text"] is None and "note" in entry or (VENDOR / entry["licence_text"]).is_file()
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    for entry in manifest()["packages"]:
        assert lock[f"node_modules/{entry['package']}"]["version"] == entry["version"], entry["package"]


def test_no_npm_build_hook_and_one_static_route(app):
    assert not (ROOT / "hatch_build.py").exists()
    assert "hooks" not in (ROOT / "pyproject.toml").read_text()
    static_rules = [r.rule for r in app.url_map.iter_rules() if "static" in r.rule]
    assert static_rules == ["/static/<path:filename>"]
    client = app.test_client()
    response = client.get("/static/vendor/cytoscape.min.js")
    assert response.status_code == 200 and len(response.data) > 100_000
    response.close()


def _path_without_node() -> str:
    """PATH with every folder that holds node or npm left out."""
    keep = [d for d in os.environ.get("PATH", "").split(os.pathsep)
            if d and not any((Path(d) / tool).exists() for tool in ("node", "npm", "nodejs"))]
    return os.pathsep.join(keep)


@pytest.mark.slow
def test_a_wheel_builds_without_node_and_carries_the_vendor_files(tmp_path):
    env = dict(os.environ, PATH=_path_without_node())
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                             "-w", str(tmp_path), str(ROOT)], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    wheel = next(tmp_path.glob("styrgraf-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in referenced():
        assert f"styrgraf/web/static/vendor/{name}" in names
    assert "styrgraf/web/static/vendor/MANIFEST.json" in names
    assert "styrgraf/web/static/favicon.svg" in names
