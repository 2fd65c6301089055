"""The author's commands: invoke new-post, import, livereload, build, check, publish ...

Every build goes into a fresh folder and replaces output/ (or the published
site) only when it succeeded, so a failed build never leaves a half-written
site, and nothing the author wrote is ever changed.
"""

import datetime
import json
import os
import runpy
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

from scripts import deploy, launch_check, site_checks, swap

ROOT = Path(__file__).resolve().parent

OUTPUT = ROOT / "output"
BLOG = ROOT / "content" / "blog"
LOCAL_SETTINGS = ROOT / "pelicanconf.py"
PRODUCTION_SETTINGS = ROOT / "publishconf.py"
HOST, PORT = "127.0.0.1", 8000


# -- running Pelican ----------------------------------------------------------
def load_settings(settings_file):
    """The settings file's values; a file that does not load stops here with
    its line and the error, never a traceback."""
    cwd = os.getcwd()
    os.chdir(ROOT)  # publishconf.py imports pelicanconf from the project folder
    try:
        return runpy.run_path(str(settings_file))
    except Exception as error:  # noqa: BLE001 (any error in the author's settings)
        if isinstance(error, SyntaxError):
            filename, line = error.filename, error.lineno
        else:  # the deepest line of ours that was running
            ours = [f for f in traceback.extract_tb(error.__traceback__) if Path(f.filename).parent == ROOT]
            filename, line = (ours[-1].filename, ours[-1].lineno) if ours else (settings_file, None)
        raise Exit(f"{Path(filename).name}:{line}: the settings file does not load: "
                   f"{error.__class__.__name__}: {error}\n"
                   "Fix: correct that line (compare it with the lines around it), then run again.", 1)
    finally:
        os.chdir(cwd)


def pelican(settings, output, *extra, env=None):
    """Run Pelican once; True when it succeeded. Pelican's own tracebacks are
    cut down to their last line: the messages above them say what to fix."""
    load_settings(settings)
    command = [sys.executable, "-m", "pelican", str(ROOT / "content"),
               "-s", str(settings), "-o", str(output), *extra]
    result = subprocess.run(command, cwd=ROOT, env=dict(os.environ, **(env or {})),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(without_traceback(result.stdout), end="")
    return result.returncode == 0


def without_traceback(log):
    kept, skipping = [], False
    for line in log.splitlines(keepends=True):
        if "Traceback (most recent call last)" in line:
            skipping = True
            continue
        if skipping and line.strip() and not line.startswith((" ", "\t", "│", "╭", "╰")):
            skipping = False
        if not skipping:
            kept.append(line)
    return "".join(kept)


def build_and_swap(settings, output=OUTPUT, *extra):
    """Build into a new folder; replace `output` with it only on success."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    if not pelican(settings, fresh, *extra):
        shutil.rmtree(fresh, ignore_errors=True)
        return False
    swap.replace_folder(fresh, output)
    return True


# -- writing ------------------------------------------------------------------
def slug_of(title):
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    return slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


def site_now(timezone):
    """The time now where the site is (Pelican reads `Date:` in TIMEZONE): a
    machine's own clock in another zone would date a new post in the future."""
    from zoneinfo import ZoneInfo

    return datetime.datetime.now(ZoneInfo(timezone) if timezone else None)


def date_now(settings):
    """Now, as a new file's `Date:` line writes it."""
    return site_now(settings.get("TIMEZONE")).strftime("%Y-%m-%d %H:%M")


def draft_from_word(docx, content, settings, author=None):
    """The Word document made a draft under `content` (word_import.Imported),
    or word_import.ImportRefused: for `invoke import` and the editor."""
    from scripts import word_import

    return word_import.import_document(Path(docx), content, author or settings.get("AUTHOR", ""),
                                       date_now(settings), slug_of)


@task(help={"title": "the article's title, in quotes", "author": "defaults to AUTHOR in pelicanconf.py"})
def new_post(c, title, author=None):
    """Start a new article as a draft: content/blog/<slug>.md."""
    slug = slug_of(title)
    if not slug:
        raise Exit(f"The title {title!r} gives no file name: it has no letters or digits a web "
                   "address can spell. Give a title with some Latin letters (you can change "
                   "the title in the file afterwards and keep the address with `Slug:`).", 1)
    path = BLOG / f"{slug}.md"
    if path.exists():
        raise Exit(f"{path.relative_to(ROOT)} already exists; it was left as it is. "
                   "Choose another title, or open that file.", 1)
    settings = load_settings(LOCAL_SETTINGS)
    author = author or settings.get("AUTHOR", "")
    now = date_now(settings)
    BLOG.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(
            f"Title: {title}\nDate: {now}\nAuthor: {author}\nCategory: Relationship Therapy\n"
            f"Tags: \nSlug: {slug}\nStatus: draft\nSummary: \n\n"
            "Write the article here. Delete `Status: draft` when it is ready to publish.\n"
        )
    print(f"Wrote {path.relative_to(ROOT)} (a draft: it shows in `invoke livereload`, never in production).")


@task(name="import", help={"path": "the Word or Google Docs document (.docx)",
                            "author": "defaults to AUTHOR in pelicanconf.py"})
def import_document(c, path, author=None):
    """Make a draft article of a Word document (.docx): content/blog/<slug>.md and its pictures."""
    from scripts import word_import

    try:
        imported = draft_from_word(Path(path).expanduser(), ROOT / "content", load_settings(LOCAL_SETTINGS), author)
    except word_import.ImportRefused as reason:
        raise Exit(str(reason), 1) from None
    draft = imported.draft.relative_to(ROOT).as_posix()
    print(f"Wrote {draft}, a draft: it shows in `invoke livereload`, never in production.")
    if imported.pictures:
        print(f"Saved {len(imported.pictures)} picture(s) in content/images/: "
              + ", ".join(picture.name for picture in imported.pictures))
    print("Still to do:")
    for line, what in imported.todo:
        print(f"  {draft}:{line}: {what}" if line else f"  {what}")
    print("Then delete the line `Status: draft` when the article is ready to publish.")


@task(help={"port": "the port on 127.0.0.1 (default: a free one)",
            "no-browser": "do not open a browser; print the editor's address (with its one-time token)",
            "make-launcher": "write a file to double-click that starts the editor (into this folder), and stop"})
def write(c, port=0, no_browser=False, make_launcher=False):
    """Open the editor in the browser: write, illustrate, preview and publish without a terminal."""
    if make_launcher:
        from editor import launcher

        print(f"Wrote {launcher.make(ROOT).name}: double-click it to start the editor.")
        return
    from editor.__main__ import serve  # it loads the settings (load_settings: a bad line stops it, named)

    serve(port or None, open_browser=not no_browser, root=ROOT)


@task(name="markdown-diff")
def markdown_diff(c):
    """List the content files whose HTML differs between Python-Markdown and the site's CommonMark reader."""
    from pelican.settings import read_settings

    from scripts import markdown_diff as diff

    os.chdir(ROOT)
    settings = read_settings(str(LOCAL_SETTINGS))
    found = diff.differences(settings)
    print(diff.report(found, list(diff.markdown_files(settings))))


# -- building and previewing --------------------------------------------------
@task
def clean(c):
    """Remove the output folder and the caches."""
    for folder in (OUTPUT, ROOT / ".cache", ROOT / ".reports"):
        shutil.rmtree(folder, ignore_errors=True)


@task
def build(c):
    """Build the site for local work (drafts included) into output/."""
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
    print("\n" + launch_report()[0])


@task
def serve(c, port=PORT):
    """Serve output/ at http://127.0.0.1:8000/ as a static host would."""
    subprocess.run([sys.executable, "-m", "http.server", str(port), "--bind", HOST,
                    "--directory", str(OUTPUT)], check=False)


@task
def livereload(c, port=PORT):
    """Build, serve, and on every save update the page (or the site) and reload the browser."""
    load_settings(LOCAL_SETTINGS)  # a settings file that does not load stops here, with its line
    from scripts import live_preview

    live_preview.serve(LOCAL_SETTINGS, ROOT / "content", OUTPUT, port, HOST)


# -- checking -----------------------------------------------------------------
MISSING_TOOL = ("ERROR   {tool} is not installed, so the site was not checked for {what}. Fix: "
                "`python3 -m invoke test` installs it; or publish with --skip-browser-checks")


def run_checks(output, report, built, base_url=None, tools_required=False):
    """Print one summary of every finding. With base_url (the site built for
    and served at it) the pages also go through the Nu HTML Checker and
    axe-core; a checker that is not installed is then an error when
    tools_required, a note otherwise. Returns (errors, what was not checked)."""
    findings = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
    lines, errors, warnings, unchecked = [], 0, 0, []
    if findings is None:
        lines.append("ERROR   the build stopped before the content checks ran (see above)")
        errors += 1
    else:
        for f in findings["findings"]:
            where = f["source"] + (f":{f['line']}" if f["line"] else "")
            alt = "" if f["alt"] is None else f' alt="{f["alt"]}"'
            advice = "note" if f["severity"] == "note" else "fix"
            lines.append(f"{f['severity'].upper():7} {where} [{f['rule']}] {f['message']}{alt}\n        {advice}: {f['hint']}")
        errors, warnings = findings["errors"], findings["warnings"]
    if not built and findings and not findings["errors"]:
        lines.append("ERROR   Pelican could not build the site (see its message above)")
        errors += 1
    if built and base_url:
        sources = findings["sources"] if findings else {}
        for tool, what, (available, problems) in (
                ("The Nu HTML Checker", "valid HTML", site_checks.nu_html_check(output)[:2]),
                ("Chromium or axe-core", "accessibility", site_checks.axe_check(output, base_url))):
            if available:
                lines.append(f"{'NOTE':7} {what}: {len(problems)} problem(s) ({tool})")
                lines += [f"ERROR   {with_source(problem, sources)}" for problem in problems]
                errors += len(problems)
            elif tools_required:
                lines.append(MISSING_TOOL.format(tool=tool, what=what))
                errors += 1
            else:
                lines.append(f"{'NOTE':7} {what}: not checked, {tool} is not installed (invoke test installs it)")
                unchecked.append(what)
    print("\n".join(lines))
    print(f"\n{errors} error(s), {warnings} warning(s)")
    return errors, unchecked


def checked_site(folder, tools_required=False):
    """Build with production settings for a local address, serve it there, and
    run every check on it; returns (errors, what was not checked)."""
    port = site_checks.free_port()
    base_url = f"http://127.0.0.1:{port}"
    built, output, report = production_build(folder, siteurl=base_url)
    with site_checks.served(output, port):
        return run_checks(output, report, built, base_url if built else None, tools_required)


def with_source(problem, sources):
    """'blog/x/index.html:1: …' → '… (in the page made from content/blog/x.md)'."""
    page = problem.split(":", 1)[0]
    return f"{problem} (in the page made from {sources[page]})" if page in sources else problem


def production_build(folder, siteurl=None, staging=False):
    """Build with production settings into folder/output; (built, output, report)."""
    output, report = Path(folder) / "output", Path(folder) / "checks.json"
    env = {"SITEURL": siteurl} if siteurl else {}
    if staging:
        env["THERAPY_TIES_STAGING"] = "1"  # publishconf.py: STAGING
    built = pelican(PRODUCTION_SETTINGS, output, "--fatal", "errors",
                    "-e", f"CHECKS_REPORT={json.dumps(str(report))}", env=env)
    return built, output, report


def launch_report(settings=None):
    """(the launch check's list, whether a launch can go ahead) for the
    production settings as `invoke publish` would use them."""
    settings = settings or load_settings(PRODUCTION_SETTINGS)
    return launch_check.report(launch_check.missing(settings, ROOT / "content"))


@task(name="launch-check")
def launch_check_task(c):
    """List what a real launch needs that only the practice can give."""
    text, ready = launch_report()
    print(text)
    if not ready:
        raise Exit(code=1)


@task
def check(c):
    """Build with production settings into a temporary folder, run every check, and list what a launch still needs."""
    with tempfile.TemporaryDirectory(prefix="therapy-ties-check-") as scratch:
        errors, _unchecked = checked_site(scratch)
    print("\n" + launch_report()[0])
    if errors:
        raise Exit(code=1)


# -- publishing ---------------------------------------------------------------
@task(help={"to": "a folder, user@host:path (rsync), gh-pages, or s3://bucket/prefix; "
                  "default: PUBLISH_TARGET in publishconf.py",
            "staging": "a rehearsal: publish even though the launch check lists missing items; every "
                       "page says it is a preview and asks search engines not to index it",
            "skip-browser-checks": "publish without the Nu HTML Checker and axe-core when they are "
                                   "not installed (said in the summary)"})
def publish(c, to=None, staging=False, skip_browser_checks=False):
    """Run every check of `invoke check`, build with production settings, and deploy only if there is no error."""
    settings = load_settings(PRODUCTION_SETTINGS)
    target = to or settings.get("PUBLISH_TARGET", "")
    if not target:
        raise Exit("Nowhere to publish: pass --to PATH, or set PUBLISH_TARGET in publishconf.py.", 1)
    if not staging:
        text, ready = launch_report(settings)
        if not ready:
            print(text)
            raise Exit("Nothing was published: the site is not ready to launch (the list above). "
                       "Fill those settings, or rehearse with `invoke publish --staging --to TARGET`.", 1)
    with tempfile.TemporaryDirectory(prefix="therapy-ties-publish-") as scratch:
        # The checks of `invoke check`, on the site built for a local address ...
        errors, unchecked = checked_site(Path(scratch) / "checked", tools_required=not skip_browser_checks)
        if errors:
            raise Exit("Nothing was published: fix the errors above, then publish again.", 1)
        # ... then the site for its real address, which is what is published.
        # Its findings are those listed above (the same content); with --fatal
        # errors an error among them fails this build, so they are not listed twice.
        built, output, _report = production_build(Path(scratch) / "published", staging=staging)
        if not built:
            raise Exit("Nothing was published: fix the errors above, then publish again.", 1)
        print(deploy.deploy(output, target, ROOT, settings))
        if staging:
            print("This was a staging publish: every page is marked as a preview and not for search engines.")
        if unchecked:
            print(f"Published without checking {' and '.join(unchecked)} (--skip-browser-checks).")


@task
def test(c):
    """Install the quality gates' tools when missing, then run the whole test suite."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "install_test_tools.py")], check=True)
    result = subprocess.run([sys.executable, "-m", "pytest"], cwd=ROOT)
    if result.returncode:
        raise Exit(code=result.returncode)
