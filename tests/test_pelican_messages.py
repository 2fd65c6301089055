"""Pelican's own messages about content files reach the author as our
findings do: the file as a relative path, the line, what to write instead;
and a build they stop ends in one line, its reading workers closed."""

import ast
import inspect
import logging

import pytest
from pelican import contents, generators, readers, urlwrappers

from conftest import build_scratch, line_with
from therapy_ties import build
from therapy_ties.checks import pelican_messages
from therapy_ties.checks.findings import ERROR

HEAD = "Date: 2026-11-02\nAuthor: Liron\nCategory: Blog\nSummary: S.\n"
FILES = {
    "blog/ready.md": "Title: Ready\n" + HEAD + "Status: ready\n\nWords.\n",
    "blog/outside.md": "Title: Outside\n" + HEAD + "Save_as: ../../outside.html\n\nWords.\n",
    "blog/undated.md": "Title: Undated\nAuthor: Liron\nCategory: Blog\nSummary: S.\n\nWords.\n",
    "blog/links.md": "Title: Links\n" + HEAD + "\nA [photo]({filename}/images/two-men-embracing.jpg).\n\n"
                     "A [kind]({sitemap}/x) nobody knows.\n",
}
EXPECTED = [  # (file, rule, severity, the line's text or None)
    ("blog/ready.md", "unknown-status", "error", "Status: ready"),
    ("blog/outside.md", "save-as-outside", "error", "Save_as:"),
    ("blog/undated.md", "missing-metadata", "error", "Title: Undated"),
    ("blog/links.md", "filename-for-static", "warning", "[photo]"),
    ("blog/links.md", "unknown-link-kind", "warning", "[kind]"),
]


def test_pelicans_messages_about_files_are_findings_and_the_build_ends_in_one_line(tmp_path):
    built = build_scratch(tmp_path, FILES, fatal="errors")
    found = [(f["source"], f["rule"], f["severity"], f["line"]) for f in built.report["findings"]
             if f["rule"] not in ("missing-summary",)]
    expected = [("content/" + name, rule, severity, line_with(FILES[name], needle))
                for name, rule, severity, needle in EXPECTED]
    assert sorted(found) == sorted(expected), built.log
    assert built.returncode != 0
    for raw in ("Unknown status", "outside output path", "could not find information", "Use {static}",
                "Replacement Indicator", str(tmp_path / "content"), "CRITICAL", "RuntimeError",
                "Traceback", "Exception ignored", "Pool.__del__"):
        assert raw not in built.log, (raw, built.log)
    last = [line for line in built.log.splitlines() if line.strip()][-1]
    assert last.startswith("Build stopped by --fatal: therapy_ties checks: 3 error(s)"), built.log


def test_a_build_stopped_before_reading_leaves_no_worker_behind(tmp_path):
    built = build_scratch(tmp_path, {"blog/twice.md": "Title: A\nTitle: B\n" + HEAD + "\nWords.\n"},
                          fatal="errors", extra=["-e", "WORKERS=4"])
    assert built.returncode != 0
    assert "Exception ignored" not in built.log and "Traceback" not in built.log, built.log
    assert built.log.strip().splitlines()[-1].startswith("Build stopped: content that Pelican cannot build")


@pytest.fixture
def current_build(tmp_path):
    (tmp_path / "content" / "blog").mkdir(parents=True)
    run = build.begin({"PATH": str(tmp_path / "content")})
    pelican_messages.install()
    yield run
    build.current = None


def test_a_file_pelican_could_not_read_is_named_with_what_went_wrong(current_build, tmp_path):
    log = logging.getLogger("pelican.generators")
    try:
        raise ValueError("day is out of range for month")
    except ValueError:
        log.exception("Could not process %s", "blog/odd.md", exc_info=False)
    [finding] = current_build.findings.items
    assert (finding.rule, finding.severity, finding.source) == ("unreadable-file", ERROR, "content/blog/odd.md")
    assert "ValueError: day is out of range for month" in finding.message


def test_a_file_our_checks_named_already_is_not_named_again(current_build):
    current_build.findings.add("not-utf-8", ERROR, "content/blog/odd.md", 1, "m", "f")
    logging.getLogger("pelican.generators").error("Could not process %s", "blog/odd.md")
    assert [f.rule for f in current_build.findings.items] == ["not-utf-8"]


def test_messages_about_nothing_we_know_pass_through(current_build, caplog):
    with caplog.at_level(logging.WARNING):
        logging.getLogger("pelican.contents").warning("Something new about %s", "blog/a.md")
        logging.getLogger("pelican.contents").error("Unknown status '%s' for file %s, skipping it. (Not in %s)",
                                                    "ready", None, ())  # no file to name
    assert len(caplog.records) == 2 and not current_build.findings.items


@pytest.mark.parametrize("message", sorted(pelican_messages.MESSAGES))
def test_each_message_we_translate_is_one_pelican_logs(message):
    """Named here, a message Pelican no longer logs would be a silent gap:
    its newer wording would reach the author raw."""
    strings = {node.value for module in (contents, generators, readers, urlwrappers)
               for node in ast.walk(ast.parse(inspect.getsource(module)))
               if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert message in strings
