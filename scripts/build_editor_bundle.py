"""Bundle the editor's script (editor/src/main.js with CodeMirror 6, from the
versions package-lock.json pins) into editor/static/editor.js with esbuild.

The bundle is committed, so the author's computer needs no Node.js; this
script makes it again after a change to main.js or an update of the lock
file, and tests/test_editor_bundle.py checks that the committed file is what
it makes.

    python3 scripts/build_editor_bundle.py [--out PATH]
"""

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "editor" / "src" / "main.js"
BUNDLE = ROOT / "editor" / "static" / "editor.js"
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"


def build(out=BUNDLE):
    if not ESBUILD.exists():
        sys.exit("esbuild is not installed: run `npm ci` (or `python3 -m invoke test`, which does) first.")
    subprocess.run([str(ESBUILD), str(SOURCE.relative_to(ROOT)), "--bundle", "--minify", "--format=esm",
                    "--target=es2020", "--legal-comments=none", f"--outfile={out}", "--log-level=warning"],
                   cwd=ROOT, check=True)
    return Path(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(BUNDLE))
    print(f"Wrote {build(parser.parse_args().out)}")


if __name__ == "__main__":
    main()
