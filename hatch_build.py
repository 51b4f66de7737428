"""Wheel build hook: put the explorer's npm-installed front-end files into the wheel.

Runs ``npm ci`` (from the committed package-lock.json) when node_modules lacks them,
so ``pip install .`` is the only command a user needs.
"""
from __future__ import annotations

import runpy
import shutil
import subprocess
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class VendorHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        root = Path(self.root)
        files = runpy.run_path(str(root / "server" / "styrgraf" / "vendor_files.py"))["VENDOR_FILES"]
        modules = root / "node_modules"
        if not all((modules / source).is_file() for source in files.values()):
            npm = shutil.which("npm")
            if npm is None:
                raise RuntimeError("styrgraf's explorer needs its front-end packages: install Node.js and npm, "
                                   "then run 'npm ci' (or pip install again)")
            subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=root, check=True)
        for name, source in files.items():
            build_data["force_include"][str(modules / source)] = f"styrgraf/_vendor/{name}"
