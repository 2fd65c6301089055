"""Checks of the author's Markdown files, read as text before Pelican does.

Pelican says little when a file is broken ("Could not process blog/x.md") and
crashes with a traceback on a duplicate slug. These checks name the file, the
line and the fix instead: text that is not UTF-8, a metadata line that is not
`Key: value`, a missing title, a date that is not a date, two pages with one
address, and links to pages or files that do not exist.
"""

import os
import re
from collections import defaultdict

from pelican.utils import get_date, slugify

from .findings import ERROR, WARNING

METADATA_LINE = re.compile(r"^(?P<key>[A-Za-z0-9_-]+)\s*:\s?(?P<value>.*)$")
CONTINUATION = re.compile(r"^( {4,}|\t)\S")
IMAGE_REFERENCE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>", re.IGNORECASE)
INTERNAL_LINK = re.compile(r"""[(<"'=]\s*(?:\{|\|)(?P<kind>filename|static|attach)(?:\}|\|)(?P<target>[^)\s"'>#?]+)""")


def markdown_files(settings):
    """(kind, path) of every Markdown file Pelican will read."""
    content = settings["PATH"]
    for kind, key in (("article", "ARTICLE_PATHS"), ("page", "PAGE_PATHS")):
        for folder in settings.get(key, []):
            for root, _dirs, files in os.walk(os.path.join(content, folder)):
                for name in sorted(files):
                    if name.endswith((".md", ".markdown", ".mkd", ".mdown")):
                        yield kind, os.path.join(root, name)


def _decoded(path, findings):
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        findings.add(
            "not-utf-8", ERROR, path, line,
            f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x} at line {line})",
            "save the file with UTF-8 encoding (in your editor: Save As… → Encoding: UTF-8)",
        )
        return None


def read_metadata(path, text, findings):
    """{key: (value, line)} of the metadata block, reporting broken lines."""
    metadata = {}
    last = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        match = METADATA_LINE.match(line)
        if match:
            last = match.group("key").lower()
            metadata[last] = (match.group("value").strip(), number)
        elif last and CONTINUATION.match(line):
            continue
        elif number == 1:
            break  # no metadata block at all: reported as a missing title
        else:
            findings.add(
                "broken-metadata", ERROR, path, number,
                f"this metadata line is not `Key: value`: {line.strip()!r}",
                "write it as `Key: value` (a colon after the key), or leave a blank line "
                "before the text begins",
            )
    return metadata


def check_file(kind, path, settings, findings):
    """Check one file; returns (slug, line) for the duplicate check, or None."""
    text = _decoded(path, findings)
    if text is None:
        return None
    metadata = read_metadata(path, text, findings)
    if "title" not in metadata or not metadata["title"][0]:
        first = text.splitlines()[0].strip() if text.strip() else ""
        seen = f" (line 1 reads {first!r}, which is not `Key: value`)" if first and not metadata else ""
        findings.add(
            "missing-title", ERROR, path, 1, f"the file has no title, so Pelican skips it{seen}",
            "start the file with `Title: Your title` (a colon after Title), then the other metadata",
        )
        return None
    if kind == "article" and "date" in metadata:
        value, line = metadata["date"]
        try:
            get_date(value)
        except ValueError:
            findings.add(
                "invalid-date", ERROR, path, line, f"{value!r} is not a date",
                "write the date as `Date: 2026-11-22` or `Date: 2026-11-22 09:00`",
            )
    check_links(path, text, settings, findings)
    if metadata.get("status", ("",))[0].lower() in ("draft", "hidden", "skip"):
        return None
    if kind == "article" and not metadata.get("summary", ("",))[0]:
        findings.add(
            "missing-summary", WARNING, path, metadata.get("summary", (None, 1))[1],
            "the article has no summary; search engines and the blog list will show none",
            "write `Summary: ` with one or two sentences of the article's own words",
        )
    if "slug" in metadata:
        return metadata["slug"]  # (slug, line)
    title, line = metadata["title"]
    return slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", [])), line


def target_in_content(target, content_path, source_path):
    """Where Pelican looks for a link target: from the content folder when it
    starts with /, else beside the file that links to it."""
    if target.startswith("/"):
        return os.path.join(content_path, target.lstrip("/"))
    return os.path.join(os.path.dirname(source_path), target)


def check_links(path, text, settings, findings):
    """Links to pages and files; missing images are the alt-text check's to report."""
    content = settings["PATH"]
    for number, line in enumerate(text.splitlines(), start=1):
        images = [m.span() for m in IMAGE_REFERENCE.finditer(line)]
        for match in INTERNAL_LINK.finditer(line):
            if any(start <= match.start() < end for start, end in images):
                continue
            target = match.group("target")
            if not os.path.exists(target_in_content(target, content, path)):
                findings.add(
                    "link-target-missing", ERROR, path, number,
                    f"the link points at {target}, which does not exist",
                    "check the file name under content/ (links look like {filename}/blog/<file>.md "
                    "or {static}/images/<file>), or remove the link",
                )


def check_all(settings, findings):
    """Check every Markdown file; returns True when the build can go on."""
    slugs = defaultdict(list)
    for kind, path in markdown_files(settings):
        found = check_file(kind, path, settings, findings)
        if found:
            slug, line = found
            slugs[(kind, slug)].append((path, line))
    clashes = {key: places for key, places in slugs.items() if len(places) > 1}
    for (kind, slug), places in clashes.items():
        names = ", ".join(findings.relative(path) for path, _line in places)
        for path, line in places:
            findings.add(
                "duplicate-slug", ERROR, path, line,
                f"two {kind}s would be published at the same address ('{slug}'): {names}",
                "give one of them its own `Slug: ...` (or a different title)",
            )
    return not clashes
