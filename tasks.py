"""The author's commands: invoke build, livereload, preview, check, test ...

Every build goes into a fresh folder beside the output and replaces the output
only when Pelican succeeded, so a failed build never leaves a half-written site.
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
LOCAL_SETTINGS = ROOT / "pelicanconf.py"
PRODUCTION_SETTINGS = ROOT / "publishconf.py"
WATCHED = ["content", "theme", "plugins", "pelicanconf.py", "publishconf.py"]
HOST, PORT = "127.0.0.1", 8000


def pelican(settings, output, *extra):
    """Run Pelican once; True when it succeeded."""
    command = [sys.executable, "-m", "pelican", str(ROOT / "content"),
               "-s", str(settings), "-o", str(output), *extra]
    return subprocess.run(command, cwd=ROOT).returncode == 0


def build_and_swap(settings, output=OUTPUT, *extra):
    """Build into a new folder; replace `output` with it only on success."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    if not pelican(settings, fresh, *extra):
        shutil.rmtree(fresh, ignore_errors=True)
        return False
    old = output.with_name(f".{output.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    fresh.rename(output)
    shutil.rmtree(old, ignore_errors=True)
    return True


@task
def clean(c):
    """Remove the output folder and the caches."""
    for folder in (OUTPUT, ROOT / ".cache", ROOT / ".reports"):
        shutil.rmtree(folder, ignore_errors=True)


@task
def build(c):
    """Build the site for local work into output/."""
    if not build_and_swap(LOCAL_SETTINGS):
        raise Exit("Build failed: output/ was left as it was. See the messages above.", 1)


@task(pre=[clean], post=[build])
def rebuild(c):
    """Clean, then build."""


@task
def preview(c):
    """Build with production settings (fails on content errors) into output/."""
    if not build_and_swap(PRODUCTION_SETTINGS, OUTPUT, "--fatal", "errors"):
        raise Exit("Production build failed: output/ was left as it was.", 1)


@task
def serve(c, port=PORT):
    """Serve output/ at http://127.0.0.1:8000/ as a static host would."""
    subprocess.run([sys.executable, "-m", "http.server", str(port), "--bind", HOST,
                    "--directory", str(OUTPUT)], check=False)


@task
def livereload(c, port=PORT):
    """Build, serve, and rebuild and reload the browser on every save."""
    from livereload import Server

    def rebuild_quietly():
        if not build_and_swap(LOCAL_SETTINGS):
            print("Build failed: still serving the last good build. Fix the file named above.")

    rebuild_quietly()
    server = Server()
    for path in WATCHED:
        server.watch(str(ROOT / path), rebuild_quietly)
    server.serve(host=HOST, port=port, root=str(OUTPUT))


@task
def check(c):
    """Build with production settings into a temporary folder and report every finding."""
    with tempfile.TemporaryDirectory(prefix="therapy-ties-check-") as scratch:
        output = Path(scratch) / "output"
        report = Path(scratch) / "checks.json"
        built = pelican(PRODUCTION_SETTINGS, output, "-e", f"CHECKS_REPORT={json.dumps(str(report))}")
        if not report.exists():
            raise Exit("The build stopped before the checks ran; see the messages above.", 1)
        findings = json.loads(report.read_text(encoding="utf-8"))
    print_findings(findings)
    if not built or findings["errors"]:
        raise Exit(1)


def print_findings(report):
    for finding in report["findings"]:
        where = finding["source"] + (f":{finding['line']}" if finding["line"] else "")
        alt = "" if finding["alt"] is None else f' alt="{finding["alt"]}"'
        print(f"{finding['severity'].upper():7} {where} [{finding['rule']}] {finding['message']}{alt}")
        print(f"        fix: {finding['hint']}")
    print(f"\n{report['errors']} error(s), {report['warnings']} warning(s)")


@task
def test(c):
    """Install the quality gates' tools when missing, then run the whole test suite."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "install_test_tools.py")], check=True)
    result = subprocess.run([sys.executable, "-m", "pytest"], cwd=ROOT)
    if result.returncode:
        raise Exit(code=result.returncode)

