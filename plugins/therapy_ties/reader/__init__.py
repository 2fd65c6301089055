"""The site's Markdown reader: CommonMark, by a compiled parser.

pyromark (pulldown-cmark, the parser of Zola, mdBook and rustdoc) renders the
text, with tables, footnotes and smart punctuation; what the site adds sits
around it (html.py), and Pelican's `Key: value` header is read as Pelican reads
it (metadata.py). Registered for .md and the other Markdown suffixes through
Pelican's readers_init signal, so an author's text renders as every CommonMark
editor previews it (the browser editor's CodeMirror, VS Code, Obsidian, GitHub).

Why pyromark over cmarkgfm (GitHub's cmark-gfm): on CommonMark 0.31.2's 652
examples pyromark's HTML differs only in how it writes `"` (the same document),
cmarkgfm's in 11 real cases (it follows 0.29); and it renders a 1,500-word
article in 0.03 ms against cmarkgfm's 0.3 (Python-Markdown, before: 10 ms).
"""

import hashlib
import logging
import os
from pathlib import Path

import pyromark
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, BaseReader

from . import html, metadata

OPTIONS = (pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_FOOTNOTES
           | pyromark.Options.ENABLE_SMART_PUNCTUATION)
SUFFIXES = ["md", "markdown", "mkd", "mdown"]
# Pelican's reader logger: checks/pelican_messages.py turns its messages into findings.
logger = logging.getLogger("pelican.readers")


def render(text):
    """CommonMark text as the site's HTML."""
    return html.finish(pyromark.html(text, options=OPTIONS))


class CommonMarkReader(BaseReader):
    enabled = True
    file_extensions = SUFFIXES

    def read(self, source_path):
        self.source_path = source_path
        with open(source_path, encoding="utf-8-sig") as handle:
            text = handle.read().replace("\r\n", "\n").replace("\r", "\n")
        header, body = metadata.split(text)
        return render(body), self.parse_metadata(header)

    def parse_metadata(self, header):
        """As Pelican's Markdown reader: formatted fields (the summary) as
        HTML, a key written once as text, twice or more as a list."""
        formatted = self.settings["FORMATTED_FIELDS"]
        found = {}
        for name, values in header.items():
            if name in formatted:
                found[name] = self.process_metadata(name, render("\n".join(values)))
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True):
                if len(values) > 1:  # Pelican's words (our repeated-metadata check stops the build first)
                    logger.warning("Duplicate definition of `%s` for %s. Using first one.", name, self.source_path)
                found[name] = self.process_metadata(name, values[0])
            elif len(values) > 1:
                found[name] = self.process_metadata(name, values)
            else:
                found[name] = self.process_metadata(name, values[0])
        return found


def fingerprint():
    """What the HTML of a Markdown file depends on besides the file: this
    reader's code and the parser's version."""
    code = b"".join(path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py")))
    return hashlib.sha256(code + pyromark.__version__.encode()).hexdigest()


def keep_content_cache_current(settings):
    """Pelican's content cache keeps each file's HTML by the file's time alone:
    HTML made by another reader (Python-Markdown before, or this one's older
    code) would be served again. When the reader changed since the cache was
    written, this build loads none of it (LOAD_CONTENT_CACHE, Pelican's own
    setting) and writes it anew. True when the cache may be loaded."""
    folder = settings["CACHE_PATH"]
    stamp = os.path.join(folder, "therapy-ties-reader")
    current = fingerprint()
    try:
        with open(stamp, encoding="ascii") as handle:
            written = handle.read()
    except OSError:
        written = None
    if written == current:
        return True
    # Nothing cached yet (a first build): nothing to keep out. Anything cached
    # without a stamp, or with another, may hold another reader's HTML.
    fresh = written is None and not (os.path.isdir(folder) and os.listdir(folder))
    if not fresh:
        settings["LOAD_CONTENT_CACHE"] = False
    if settings.get("CACHE_CONTENT"):
        os.makedirs(folder, exist_ok=True)
        with open(stamp, "w", encoding="ascii") as handle:
            handle.write(current)
    return fresh


def use_commonmark(readers):
    """readers_init: ours for every Markdown suffix."""
    for suffix in SUFFIXES:
        readers.reader_classes[suffix] = CommonMarkReader
