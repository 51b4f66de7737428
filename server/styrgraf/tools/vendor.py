"""Refresh the explorer's vendored front-end files from npm.

``python -m styrgraf.tools.vendor`` runs ``npm ci`` (package.json, package-lock.json at
the top of the checkout), then copies the files the pages load, each package's licence
text and a manifest (``MANIFEST.json``: package, version, licence, repository, files
and their SHA-256) into ``server/styrgraf/web/static/vendor/``, which is committed.
Installing styrgraf therefore needs no Node; only whoever updates a front-end package
runs this (as Datasette keeps its vendored files). ``--check`` compares the committed
files with node_modules and exits 1 when they differ.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MODULES = ROOT / "node_modules"
VENDOR = Path(__file__).resolve().parents[1] / "web" / "static" / "vendor"
LICENCE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "COPYING")

# package -> {file in the package: name served under /static/vendor/}
FILES: dict[str, dict[str, str]] = {
    "cytoscape": {"dist/cytoscape.min.js": "cytoscape.min.js"},
    "cytoscape-svg": {"cytoscape-svg.js": "cytoscape-svg.js"},
    "elkjs": {"lib/elk.bundled.js": "elk.bundled.js"},
    "cytoscape-elk": {"dist/cytoscape-elk.js": "cytoscape-elk.js"},
    "layout-base": {"layout-base.js": "layout-base.js"},
    "cose-base": {"cose-base.js": "cose-base.js"},
    "cytoscape-fcose": {"cytoscape-fcose.js": "cytoscape-fcose.js"},
    "@zazuko/yasgui": {"build/yasgui.min.js": "yasgui.min.js", "build/yasgui.min.css": "yasgui.min.css"},
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _licence_file(package_dir: Path) -> Path | None:
    return next((package_dir / n for n in LICENCE_NAMES if (package_dir / n).is_file()), None)


def manifest_entry(package: str) -> dict:
    """Version, licence and repository of an installed package, from its package.json."""
    package_dir = MODULES / package
    meta = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    repository = meta.get("repository")
    if isinstance(repository, dict):
        repository = repository.get("url")
    licence = _licence_file(package_dir)
    return {"package": package, "version": meta["version"], "license": meta.get("license"),
            "repository": repository, "homepage": meta.get("homepage"),
            "licence_text": f"licences/{package.replace('/', '__')}.txt" if licence else None,
            "files": {served: {"from": source, "sha256": _sha256(package_dir / source)}
                      for source, served in FILES[package].items()}}


def copy_all() -> dict:
    """Copy every listed file and licence into the vendor folder; return the manifest."""
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    (VENDOR / "licences").mkdir(parents=True)
    packages = []
    for package, files in FILES.items():
        package_dir = MODULES / package
        for source, served in files.items():
            shutil.copyfile(package_dir / source, VENDOR / served)
        entry = manifest_entry(package)
        licence = _licence_file(package_dir)
        if licence is not None:
            shutil.copyfile(licence, VENDOR / entry["licence_text"])
        else:  # the npm package ships no licence file: say so rather than invent one
            entry["note"] = f"the npm package has no licence file; package.json declares {entry['license']}"
        packages.append(entry)
    manifest = {"generated_by": "python -m styrgraf.tools.vendor", "from": "package-lock.json",
                "note": "yasgui.min.js bundles @zazuko/yasqe, @zazuko/yasr and their dependencies (CodeMirror 5, "
                        "and others), as published by the package",
                "packages": packages}
    (VENDOR / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def differences() -> list[str]:
    """Files whose committed copy differs from node_modules (empty when up to date)."""
    committed = json.loads((VENDOR / "MANIFEST.json").read_text(encoding="utf-8"))
    out = []
    for entry in committed["packages"]:
        current = manifest_entry(entry["package"])
        if {k: v for k, v in entry.items() if k != "note"} != current:
            out.append(f"{entry['package']}: {entry['version']} committed, {current['version']} in node_modules")
    return out


def main(argv: list[str] | None = None) -> int:
    """Install from the lock file and copy (or, with --check, compare)."""
    parser = argparse.ArgumentParser(prog="python -m styrgraf.tools.vendor", description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-install", action="store_true", help="use node_modules as it is (no npm ci)")
    parser.add_argument("--check", action="store_true", help="compare the committed files with node_modules")
    args = parser.parse_args(argv)
    if not args.no_install:
        npm = shutil.which("npm")
        if npm is None:
            print("npm is not on PATH: install Node.js to refresh the vendored files", file=sys.stderr)
            return 2
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    if args.check:
        changed = differences()
        print("\n".join(changed) or "the vendored files match node_modules")
        return 1 if changed else 0
    manifest = copy_all()
    for entry in manifest["packages"]:
        print(f"{entry['package']} {entry['version']} ({entry['license']}): {', '.join(entry['files'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
