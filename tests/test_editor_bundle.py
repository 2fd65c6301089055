"""The editor's committed script is what its source and package-lock.json make,
and the editing screen stays under its size budget."""

import gzip

from conftest import ROOT, require
from scripts import build_editor_bundle

BUDGET = 300 * 1024  # the editing screen, compressed (issue 24)


def test_the_committed_bundle_is_what_the_lock_file_makes(tmp_path):
    require(str(build_editor_bundle.ESBUILD), "npm ci")
    made = build_editor_bundle.build(tmp_path / "editor.js")
    assert made.read_bytes() == build_editor_bundle.BUNDLE.read_bytes(), (
        "editor/static/editor.js is not what editor/src/main.js makes: run python3 scripts/build_editor_bundle.py")


def test_the_editing_screen_is_under_its_budget():
    static = ROOT / "editor" / "static"
    compressed = sum(len(gzip.compress(path.read_bytes(), 9)) for path in (static / "editor.js", static / "editor.css"))
    assert compressed < BUDGET, f"{compressed / 1024:.0f} KB compressed"
