"""The author's workflow in a scratch copy of the project: new posts, drafts,
check, publish to a folder and to a git remote, the nginx sample, and clear
errors (exit code, untouched output and sources) for every kind of bad input."""

import datetime
import hashlib
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import pelicanconf
from conftest import nginx_serving, site_checks

# What the practice must give before a launch, filled in with test values.
LAUNCH_SETTINGS = {
    '"full_name": "",': '"full_name": "Liron Testperson",',
    '"license_number": "",': '"license_number": "000000",',
    '"booking_url": "",': '"booking_url": "https://booking.example/therapy-ties",',
}


def make_launch_ready(project):
    """Fill the launch settings in the copy's pelicanconf.py, put photographs
    (the stand-ins, saved again: other bytes) in place of the stand-ins, and
    confirm the articles' dates (as the practice would, once it has said them)."""
    from PIL import Image

    settings = project / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    for empty, filled in LAUNCH_SETTINGS.items():
        assert empty in text, empty
        text = text.replace(empty, filled, 1)
    settings.write_text(text, encoding="utf-8")
    for photo in (project / "content/images").glob("*.jpg"):
        with Image.open(photo) as image:
            image.load()
        image.save(photo, "JPEG", quality=75)
    for article in (project / "content/blog").glob("*.md"):
        text = article.read_text(encoding="utf-8")
        assert "Date_confirmed: no\n" in text, article
        article.write_text(text.replace("Date_confirmed: no\n", ""), encoding="utf-8")
    return project


@pytest.fixture
def launchable(project):
    """A copy of the project with everything a launch needs."""
    return make_launch_ready(project)


def invoke(project, *args, siteurl="https://therapyties.test"):
    env = dict(os.environ, SITEURL=siteurl, COLUMNS="300")
    result = subprocess.run([sys.executable, "-m", "invoke", *args], cwd=project, env=env,
                            capture_output=True, text=True)
    result.log = result.stdout + result.stderr
    return result


def tree_hash(folder):
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


POST = "Title: {title}\nDate: {date}\nAuthor: Liron\nCategory: Tests\nSummary: A test post.\n{extra}\nBody words.\n"


def test_new_post_writes_a_draft_and_never_overwrites(project):
    result = invoke(project, "new-post", "Finding Calm Together")
    assert result.returncode == 0, result.log
    path = project / "content/blog/finding-calm-together.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("Title: Finding Calm Together\n")
    written = datetime.datetime.strptime(re.search(r"^Date: (.+)$", text, re.MULTILINE)[1], "%Y-%m-%d %H:%M")
    site_now = datetime.datetime.now(ZoneInfo(pelicanconf.TIMEZONE)).replace(tzinfo=None)
    assert abs(written - site_now) < datetime.timedelta(minutes=2)  # the site's clock, not the machine's
    assert f"Author: {pelicanconf.AUTHOR}" in text and "Status: draft" in text
    assert re.search(r"^Summary: $", text, re.MULTILINE)
    path.write_text(text + "\nThe author's own words.\n", encoding="utf-8")
    before = path.read_bytes()
    again = invoke(project, "new-post", "Finding Calm Together")
    assert again.returncode != 0 and "already exists" in again.log
    assert path.read_bytes() == before


def test_new_post_refuses_a_title_that_makes_no_file_name(project):
    result = invoke(project, "new-post", "???")
    assert result.returncode != 0 and "gives no file name" in result.log
    assert "Traceback" not in result.log
    assert not list((project / "content/blog").glob(".md"))


def test_drafts_show_locally_and_never_in_production(launchable, tmp_path):
    project = launchable
    tomorrow = datetime.date.today() + datetime.timedelta(days=30)
    (project / "content/blog/draft.md").write_text(
        POST.format(title="A Draft Post", date="2026-01-01", extra="Status: draft\n"), encoding="utf-8")
    (project / "content/blog/future.md").write_text(
        POST.format(title="A Future Post", date=tomorrow.isoformat(), extra=""), encoding="utf-8")
    assert invoke(project, "build").returncode == 0
    local = project / "output"
    assert "Draft" in (local / "drafts/a-draft-post/index.html").read_text(encoding="utf-8")
    assert "a-draft-post" in (local / "blog/index.html").read_text(encoding="utf-8")
    target = tmp_path / "site"
    result = invoke(project, "publish", "--to", str(target))
    assert result.returncode == 0, result.log
    for path in target.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".txt", ".json"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for slug in ("a-draft-post", "a-future-post", "A Draft Post", "A Future Post"):
                assert slug not in text, f"{slug} in {path}"
    assert not (target / "drafts").exists() and not (target / "blog/a-future-post").exists()


def test_check_summarises_every_check(project):
    result = invoke(project, "check")
    assert result.returncode == 0, result.log
    assert "0 error(s), 0 warning(s)" in result.log
    assert "valid HTML: 0 problem(s)" in result.log
    assert "accessibility: 0 problem(s)" in result.log


def test_publish_runs_every_check_and_refuses_without_its_checkers(launchable, tmp_path):
    project = launchable
    target = tmp_path / "www"
    checked = invoke(project, "publish", "--to", str(target))
    assert checked.returncode == 0, checked.log
    assert "valid HTML: 0 problem(s)" in checked.log and "accessibility: 0 problem(s)" in checked.log
    (project / "node_modules").unlink()  # no Nu HTML Checker, no axe-core
    (project / "content/blog/rebuild-trust-after-emotional-distance.md").unlink()
    refused = invoke(project, "publish", "--to", str(target))
    assert refused.returncode != 0 and "is not installed, so the site was not checked" in refused.log
    assert (target / "blog/rebuild-trust-after-emotional-distance/index.html").exists()  # unchanged
    skipped = invoke(project, "publish", "--to", str(target), "--skip-browser-checks")
    assert skipped.returncode == 0, skipped.log
    assert "Published without checking valid HTML and accessibility (--skip-browser-checks)" in skipped.log
    assert not (target / "blog/rebuild-trust-after-emotional-distance").exists()


def test_html_checker_findings_name_the_markdown_file_too():
    import tasks

    sources = {"blog/x/index.html": "content/blog/x.md"}
    assert tasks.with_source("blog/x/index.html:1: Bad value.", sources) == \
        "blog/x/index.html:1: Bad value. (in the page made from content/blog/x.md)"
    assert tasks.with_source("feeds/all.atom.xml: odd", sources) == "feeds/all.atom.xml: odd"


def test_publish_to_a_folder_switches_whole_and_twice_changes_nothing(launchable, tmp_path):
    project = launchable
    target = tmp_path / "www" / "site"
    first = invoke(project, "publish", "--to", str(target))
    assert first.returncode == 0, first.log
    assert target.is_symlink() and (target / "index.html").is_file()
    release, stamp = target.resolve(), target.resolve().stat().st_mtime_ns
    again = invoke(project, "publish", "--to", str(target))
    assert again.returncode == 0 and "nothing changed" in again.log
    assert target.resolve() == release and release.stat().st_mtime_ns == stamp
    (project / "content/blog/rebuild-trust-after-emotional-distance.md").unlink()
    third = invoke(project, "publish", "--to", str(target))
    assert third.returncode == 0, third.log
    assert not (target / "blog/rebuild-trust-after-emotional-distance").exists()
    assert (target / "blog/when-connection-feels-hard/index.html").is_file()


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def test_publish_to_github_pages_pushes_a_branch(launchable, tmp_path):
    project = launchable
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--bare", "-q", str(remote))
    git(project, "init", "-q")
    git(project, "remote", "add", "origin", str(remote))
    for key, value in (("user.name", "Test"), ("user.email", "test@example.invalid")):
        git(project, "config", key, value)
    result = invoke(project, "publish", "--to", "gh-pages")
    assert result.returncode == 0, result.log
    files = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert "index.html" in files and ".nojekyll" in files and "blog/when-connection-feels-hard/index.html" in files
    head = git(remote, "rev-parse", "gh-pages")
    again = invoke(project, "publish", "--to", "gh-pages")
    assert again.returncode == 0 and "nothing changed" in again.log, again.log
    assert git(remote, "rev-parse", "gh-pages") == head

    # A custom domain set on GitHub (a CNAME file on the branch) survives a publish ...
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--branch", "gh-pages", str(remote), str(clone))
    (clone / "CNAME").write_text("www.practice.example\n", encoding="utf-8")
    for key, value in (("user.name", "GitHub"), ("user.email", "github@example.invalid")):
        git(clone, "config", key, value)
    git(clone, "add", "CNAME")
    git(clone, "commit", "-q", "-m", "Set the custom domain")
    git(clone, "push", "-q", "origin", "gh-pages")
    (project / "content/blog/rebuild-trust-after-emotional-distance.md").unlink()
    assert invoke(project, "publish", "--to", "gh-pages").returncode == 0
    assert git(remote, "show", "gh-pages:CNAME") == "www.practice.example"
    # ... and the setting writes it.
    settings = project / "publishconf.py"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'GITHUB_PAGES_CNAME = ""', 'GITHUB_PAGES_CNAME = "therapyties.example.org"'), encoding="utf-8")
    assert invoke(project, "publish", "--to", "gh-pages").returncode == 0
    assert git(remote, "show", "gh-pages:CNAME") == "therapyties.example.org"


def test_publish_to_github_pages_outside_a_repository_or_unreachable_says_what_to_do(launchable, tmp_path):
    project = launchable
    result = invoke(project, "publish", "--to", "gh-pages")
    assert result.returncode != 0 and "is not a git repository" in result.log and "git init" in result.log
    assert "Traceback" not in result.log and "usage" not in result.log.lower()
    git(project, "init", "-q")
    git(project, "remote", "add", "origin", str(tmp_path / "no-such-remote.git"))  # the server is down
    for key, value in (("user.name", "Test"), ("user.email", "test@example.invalid")):
        git(project, "config", key, value)
    down = invoke(project, "publish", "--to", "gh-pages")
    assert down.returncode != 0 and "git push origin gh-pages:gh-pages failed" in down.log
    assert "Traceback" not in down.log


def test_nginx_sample_serves_the_site_with_its_headers(site, tmp_path):
    with nginx_serving(site.output, tmp_path) as base:
        for path in site_checks.url_paths(site.output):
            with urllib.request.urlopen(base + path, timeout=5) as response:
                assert response.status == 200, path
                for name, value in pelicanconf.SECURITY_HEADERS.items():
                    assert response.headers[name] == value, (path, name)
        request = urllib.request.Request(base + "/blog/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.headers["Content-Encoding"] == "gzip"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/no/such/page/", timeout=5)
        assert missing.value.code == 404
        assert "Page not found" in missing.value.read().decode("utf-8")
        assert missing.value.headers["Content-Security-Policy"]


def logged_requests(folder):
    """Every line any log in nginx's folder holds about a request."""
    return [line for path in folder.rglob("*.log") for line in path.read_text(encoding="utf-8").splitlines()
            if "GET /" in line]


def test_nginx_sample_keeps_no_record_of_readers_or_only_shortened_addresses(site, tmp_path):
    """docs/nginx.conf as written logs no request; its documented alternative logs
    them with the address's last part zeroed."""
    for short_log in (False, True):
        folder = tmp_path / ("short" if short_log else "none")
        folder.mkdir()
        with nginx_serving(site.output, folder, short_log=short_log) as base:
            for path in ("/", "/blog/", "/no/such/page/"):
                try:
                    urllib.request.urlopen(base + path, timeout=5).close()
                except urllib.error.HTTPError:
                    pass
        lines = logged_requests(folder)
        if not short_log:
            assert lines == [], "the sample logs no request, not even a missing page"
        else:
            assert len(lines) >= 3 and all(line.startswith("127.0.0.0 ") for line in lines), lines
            assert not any("127.0.0.1" in line for line in lines)


def test_headers_file_for_netlify_and_cloudflare(site):
    headers = (site.output / "_headers").read_text(encoding="utf-8")
    assert "/*\n" in headers
    for name, value in pelicanconf.SECURITY_HEADERS.items():
        assert f"  {name}: {value}\n" in headers
    assert "unsafe-inline" not in headers
    meta = site.html("index.html").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta["content"] == pelicanconf.CONTENT_SECURITY_POLICY


# Each bad input: the file to write (relative to the project), its text or
# bytes, and what the message must say ({line} is the needle's line).
BAD_INPUT = {
    "broken metadata": ("content/blog/bad.md", "Title: Bad\nDate: 2026-11-01\nCategory Tests\nSummary: s\n\nText.\n",
                        "Category Tests", "[broken-metadata]"),
    "invalid date": ("content/blog/bad.md", "Title: Bad\nDate: 2026-13-45\nSummary: s\n\nText.\n",
                     "Date:", "[invalid-date]"),
    "missing title": ("content/blog/bad.md", "Date: 2026-11-01\nSummary: s\n\nText.\n", "Date:", "[missing-title]"),
    "not UTF-8": ("content/blog/bad.md", "Title: Bad\nDate: 2026-11-01\nSummary: caf\xe9\n\nText.\n".encode("latin-1"),
                  "Summary", "[not-utf-8]"),
    "duplicate slug": ("content/blog/bad.md",
                       "Title: Bad\nSlug: when-connection-feels-hard\nDate: 2026-11-01\nSummary: s\n\nText.\n",
                       "Slug:", "[duplicate-slug]"),
    "link to a missing page": ("content/blog/bad.md",
                               "Title: Bad\nDate: 2026-11-01\nSummary: s\n\nSee [this]({filename}/blog/nowhere.md).\n",
                               "nowhere", "[link-target-missing]"),
    "missing image": ("content/blog/bad.md",
                      "Title: Bad\nDate: 2026-11-01\nSummary: s\n\n![A room.]({static}/images/nowhere.jpg)\n",
                      "nowhere", "[image-missing-file]"),
    "a repeated title": ("content/blog/bad.md", "Title: Bad\nDate: 2026-11-01\nTitle: Worse\nSummary: s\n\nText.\n",
                         "Worse", "[repeated-metadata]"),
    "a pasted script": ("content/blog/bad.md",
                        "Title: Bad\nDate: 2026-11-01\nSummary: s\n\n<script src=\"https://w.example/b.js\"></script>\n",
                        "<script", "[script-in-content]"),
    "template error": ("theme/templates/page.html", "{% extends 'base.html' %}\n{% block content %}\n{{ page.title }\n{% endblock %}\n",
                       "page.title", "[template-error]"),
    "settings that do not load": ("pelicanconf.py", None, None, "pelicanconf.py:"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_names_file_and_line_and_changes_nothing(launchable, tmp_path, case):
    project = launchable  # so that only the bad input can stop the publish
    relative, text, needle, expected = BAD_INPUT[case]
    assert invoke(project, "preview").returncode == 0
    path = project / relative
    if text is None:  # break the settings file with a typo on one line
        text = path.read_text(encoding="utf-8").replace('SITENAME = "Therapy Ties"', 'SITENAME = "Therapy Ties')
        needle = "SITENAME ="
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    source_before, output_before = tree_hash(project / "content"), tree_hash(project / "output")
    lines = (text.decode("latin-1") if isinstance(text, bytes) else text).splitlines()
    line = next(n for n, l in enumerate(lines, start=1) if needle in l)

    check = invoke(project, "check")
    assert check.returncode != 0
    assert f"{relative}:{line}" in check.log, check.log
    assert expected in check.log
    assert "Traceback" not in check.log
    preview = invoke(project, "preview")
    assert preview.returncode != 0 and "Traceback" not in preview.log
    target = tmp_path / "published"
    publish = invoke(project, "publish", "--to", str(target))
    assert publish.returncode != 0 and not target.exists()
    assert tree_hash(project / "content") == source_before
    assert tree_hash(project / "output") == output_before
