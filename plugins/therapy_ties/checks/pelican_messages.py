"""Pelican's own messages about the author's files, said as our findings.

Pelican logs what it meets in a content file with the file's full path, no
line and no fix ("Unknown status 'ready' for file /home/…/content/blog/x.md,
skipping it. (Not in ('published', 'hidden', 'draft', 'skip'))"), and under
`--fatal` it then stops at once: "CRITICAL RuntimeError: Warning or error
encountered", the rest of the files unread.

A filter on Pelican's content loggers turns each message below into a
finding (the file as a relative path, the line, what to write instead), said
once even where one of our checks saw it first, and drops Pelican's record:
a dropped record is not fatal, so the build goes on to the summary, which
stops it in one line. The messages are Pelican 4.12's, named here and only
here; a message not listed (a newer Pelican's, or one not about a content
file) passes through as Pelican wrote it.
"""

import logging
import os
import sys
from typing import NamedTuple

from .. import build
from . import source_lines
from .findings import ERROR, WARNING

LOGGERS = ("pelican.contents", "pelican.readers", "pelican.generators", "pelican.urlwrappers")
COVERED = "covered"  # said already by a check of ours: Pelican's record is dropped
STATUS_FIX = ("write `Status: published` (on the site), `Status: draft` (kept on this computer, "
              "not published) or `Status: hidden` (on the site, not listed)")
LINK_FIX = ("write {filename}/blog/name.md to link to an article or page, {static}/images/name.jpg "
            "to link to an image or file")


class Translation(NamedTuple):
    rule: str
    severity: str
    path: str
    line: int | None
    message: str
    fix: str


def _path(value, settings):
    """A content file's absolute path from what Pelican logged: an article or
    page (its source_path), or a path relative to the content folder."""
    path = getattr(value, "source_path", value)
    if not isinstance(path, str) or not path:
        return None
    return path if os.path.isabs(path) else os.path.join(settings["PATH"], path)


def _file_being_read():
    """The article or page whose text Pelican is working on when a message
    names no file: the innermost frame's `self` with a source_path."""
    frame = sys._getframe(1)
    while frame is not None:
        path = getattr(frame.f_locals.get("self"), "source_path", None)
        if isinstance(path, str):
            return path
        frame = frame.f_back
    return None


def _missing(record, settings):
    content, prop = record.args
    key = prop.capitalize()
    example = ", with the day it was first published, year first (Date: 2026-01-31)" if prop == "date" else ""
    return Translation("missing-title" if prop == "title" else "missing-metadata", ERROR, _path(content, settings), 1,
                       f"the file has no `{key}:` line, so Pelican left it out of the site",
                       f"add `{key}: …` to the lines at the top, before the first blank line{example}")


def _outside(record, settings):
    content, save_as = record.args
    path = _path(content, settings)
    line = source_lines.metadata_line(path, "save_as") or source_lines.metadata_line(path, "url")
    return Translation("save-as-outside", ERROR, path, line,
                       f"its address {save_as!r} would put the page outside the site, so Pelican left it out",
                       "delete the `Save_as:` line: the site gives every article and page its own address")


def _unknown_status(record, settings):
    status, content, _allowed = record.args
    path = _path(content, settings)
    return Translation("unknown-status", ERROR, path, source_lines.metadata_line(path, "status"),
                       f"`Status: {status}` is not a status the site knows, so Pelican left the file out",
                       STATUS_FIX)


def _filename_for_static(record, settings):
    target, relative_source = record.args
    path = _path(relative_source, settings)
    line = source_lines.line_of(path, "{filename}" + target) or source_lines.line_of(path, target)
    return Translation("filename-for-static", WARNING, path, line,
                       f"{{filename}} links to {target}, which is an image or file, not an article or page",
                       f"write {{static}}{target if target.startswith('/') else '/' + target}")


def _not_found(record, settings):
    (address,) = record.args
    path = _file_being_read()
    return Translation("link-target-missing", ERROR, path, source_lines.line_of(path, address),
                       f"the link {address} points to no file in the content folder, so it was left as written",
                       "check the file's name and folder under content/ (capitals count)")


def _unknown_indicator(record, settings):
    what, origin = record.args
    path = _file_being_read()
    line = source_lines.line_of(path, "{" + what + "}") or source_lines.line_of(path, "|" + what + "|")
    return Translation("unknown-link-kind", WARNING, path, line,
                       f"{{{what}}} in the link {origin!r} is not a kind of link the site knows, "
                       "so the link was published as written and leads nowhere", LINK_FIX)


def _attach(record, settings):
    relative_source, linked, reason = record.args
    path = _path(relative_source, settings)
    return Translation("attach-link", WARNING, path, source_lines.line_of(path, "{attach}"),
                       f"{{attach}} cannot move {linked} beside this page ({reason}); it stays where it is",
                       f"write {{static}}/{linked} when a file is used by more than one page")


def _not_read(record, settings):
    (relative,) = record.args
    error = sys.exc_info()[1]
    said = f" ({error.__class__.__name__}: {error})" if error is not None else ""
    return Translation("unreadable-file", ERROR, _path(relative, settings), None,
                       f"Pelican could not read this file{said}, so it was left out of the site",
                       "compare the lines at the top with another article's; until it is found, "
                       "`Status: draft` in this file lets the rest of the site build")


def _rst_title(record, settings):
    return Translation("rst-title", WARNING, _path(record.args[0], settings), 1,
                       "a reStructuredText file needs exactly one top-level title",
                       "write the article in Markdown (a .md file, `Title:` on its first line)")


def _html_meta(record, settings):
    return Translation("html-meta", WARNING, _path(record.args[0], settings), None,
                       "a <meta> tag in this HTML file is not `<meta name=\"…\" content=\"…\">`, so it was skipped",
                       "write each as <meta name=\"tags\" content=\"…\">, or write the article in Markdown")


def _empty_slug(record, settings):
    kind, name = record.args
    path = _file_being_read()
    return Translation("empty-slug", WARNING, path, source_lines.line_of(path, name),
                       f"the {kind.lower()} {name!r} has no letters or digits to make its address from",
                       f"write the {kind.lower()} in words")


def _covered(record, settings):
    return COVERED


# Pelican 4.12's messages about content files, by their format string.
MESSAGES = {
    "Skipping %s: could not find information about '%s'": _missing,
    "Skipping %s: file %r would be written outside output path": _outside,
    "Unknown status '%s' for file %s, skipping it. (Not in %s)": _unknown_status,
    "{filename} used for linking to static content %s in %s. Use {static} instead": _filename_for_static,
    "Unable to find '%s', skipping url replacement.": _not_found,
    "Replacement Indicator %r not recognized in %r, skipping replacement": _unknown_indicator,
    "The {attach} link in %s cannot relocate %s because %s. Falling back to {filename} link behavior instead.":
        _attach,
    "Could not process %s": _not_read,
    "Document title missing in file %s: Ensure exactly one top level section": _rst_title,
    "Meta tag in file %s does not have a 'name' attribute, skipping. Attributes: %s": _html_meta,
    "Meta tag attribute 'contents' used in file %s, should be changed to 'content'": _html_meta,
    'Unable to generate valid slug for %s "%s".': _empty_slug,
    # Our alt-text checks say it (and alt="" is right on a decorative image).
    "Empty alt attribute for image %s in %s": _covered,
    # repeated-metadata stops the build before Pelican reads (and a reading
    # worker, forked before that check, may log it first).
    "Duplicate definition of `%s` for %s. Using first one.": _covered,
}
# Translated messages that a check of ours may have said first, under another rule.
SAID_BY_ANY_ERROR = {"unreadable-file"}


class PelicanMessages(logging.Filter):
    """Turns Pelican's messages about content files into findings of the build under way."""

    def filter(self, record):
        translate = MESSAGES.get(record.msg) if isinstance(record.msg, str) else None
        run = build.current
        if translate is None or run is None or not isinstance(record.args, tuple):
            return True
        try:
            said = translate(record, run.settings)
        except (TypeError, ValueError):  # the arguments are not what Pelican 4.12 passes
            return True
        if said is COVERED:
            return False
        if said.path is None:
            return True
        if run.held_messages is not None:
            run.held_messages.append(said)
        else:
            _say(run.findings, said)
        return False


def _say(findings, said):
    """A finding, unless one of our checks said it already."""
    source = findings.relative(said.path)
    if said.rule in SAID_BY_ANY_ERROR:
        already = findings.has(source, severity=ERROR)
    else:
        already = findings.has(source, rule=said.rule)
    if not already:
        findings.add(said.rule, said.severity, said.path, said.line, said.message, said.fix)


def hold(run):
    """Keep Pelican's messages about files until release(): the content
    checks, at work meanwhile in another process, say theirs first."""
    run.held_messages = []


def release(run, say=True):
    """Say the held messages (not when the build stops over the checks' findings)."""
    held, run.held_messages = run.held_messages or [], None
    for said in held if say else ():
        _say(run.findings, said)


FILTER = PelicanMessages()


def install():
    """Once per process, before any worker forks (so they have it too)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, PelicanMessages) for f in logger.filters):
            logger.addFilter(FILTER)
