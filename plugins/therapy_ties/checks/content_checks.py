"""Checks of the author's Markdown files, read as text before Pelican does.

Pelican says little when a file is broken ("Could not process blog/x.md") and
crashes with a traceback on a duplicate slug. These checks name the file, the
line and the fix instead: text that is not UTF-8, a metadata line that is not
`Key: value` or appears twice, a missing title, a date that is not a date or
can be read two ways, a Modified before the Date, invisible control characters
(a word processor's line break), an empty article, an address (slug) that is
empty, too long for a file name, taken by another file or by a page the site
makes itself, scripts pasted into the text, links by a scheme no reader can
follow here (javascript:, data:, file:), text in angle brackets that would
become a tag no browser knows, private notes (HTML comments), Python-Markdown's
syntax that CommonMark does not have ({: .class}, *[ABBR]:, markdown="1"), and
links to pages or files that do not exist (or {filename} to an image, {foo}
Pelican does not know).

Some of these would crash Pelican, or overwrite a page, if the build went on:
`check_all` says which (BLOCKING), and the build stops before Pelican writes
anything. A build that keeps Pelican's content cache keeps these results too
(kept_results.py).
"""

import html
import os
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from pelican.utils import get_date, slugify

from ..features import dates as dates_module
from .findings import ERROR, NOTE, WARNING
from .source_lines import editor_lines

METADATA_LINE = re.compile(r"^(?P<key>[A-Za-z0-9_-]+)\s*:\s?(?P<value>.*)$")
CONTINUATION = re.compile(r"^( {4,}|\t)\S")
IMAGE_REFERENCE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>", re.IGNORECASE)
# Characters XML and HTML do not allow in text (tab, line feed and carriage
# return aside): a word processor's manual line break (U+000B) is the usual one;
# C1 controls come from text decoded with the wrong code page; and Unicode's
# noncharacters (U+FFFE, U+FFFF ...).
CONTROL_RANGES = ([(0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F), (0xFDD0, 0xFDEF)]
                  + [(plane * 0x10000 + 0xFFFE, plane * 0x10000 + 0xFFFF) for plane in range(17)])
CONTROL = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in CONTROL_RANGES) + "]")
CONTROL_CHARACTERS = frozenset(chr(c) for low, high in CONTROL_RANGES for c in range(low, high + 1))
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")
TWO_WAY_DATE = re.compile(r"^(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-]\d{2,4}\b")
FENCE = re.compile(r"^\s*(```|~~~)")
COMMENT_END = re.compile(r"--!?>")
INDENTED_CODE = ("    ", "\t")
CODE_SPAN = re.compile(r"`+[^`]*`+")
SCRIPT_TAG = re.compile(r"<\s*(script|iframe|object|embed)\b", re.IGNORECASE)
EVENT_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
# A tag as Python-Markdown passes it through as HTML: <name>, <name ...>, </name>, <name/>
# (an address in <...> has a : or @ after its first letters, and is a link).
TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
# Every element an HTML browser knows (the living standard's, the obsolete ones
# they still show, svg and math): text written as <anything else> vanishes.
HTML_ELEMENTS = frozenset("""
a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body br button
canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt
em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header
hgroup hr html i iframe img input ins kbd label legend li link main map mark marquee math menu meta
meter nav nobr noembed noframes noscript object ol optgroup option output p param picture plaintext
pre progress q rb rp rt rtc ruby s samp script search section select slot small source span strike
strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr
track tt u ul var video wbr xmp
""".split())
PLAIN_HTTP_LINK = re.compile(r"""(?:\]\(|<|href\s*=\s*["']?)(http://[^\s)"'>]+)""", re.IGNORECASE)
# Longest address part (slug) in bytes: file systems take 255, some (encrypted
# home folders) 143; an address that long is no use to a reader anyway.
MAX_SLUG_BYTES = 120
# Rules whose findings stop the build before Pelican reads (it would crash or
# write one page over another).
BLOCKING = {"repeated-metadata", "control-character", "empty-slug", "slug-too-long", "duplicate-slug",
            "address-taken"}
# Where a link's or an image's address is written: [text](address), a
# reference [label]: address, an autolink <address>, and an HTML attribute.
LINK_TARGETS = (
    re.compile(r"\]\(\s*<?\s*(?P<target>[^)\s>]+)"),
    re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<target>[^\s>]+)"),
    re.compile(r"<(?P<target>[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>"),
    re.compile(r"""<[A-Za-z][^>]*?\s(?:href|src|srcset|action|formaction|poster|data|cite)\s*=\s*"""
               r"""(?:"(?P<target>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s>]+))""", re.IGNORECASE),
)
# A scheme, as a browser reads one: it ignores tabs, line breaks and leading
# spaces, and decodes &#106; in an attribute (javascript: written to get past a filter).
SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
SCHEMES_READERS_CAN_FOLLOW = {"http", "https", "mailto", "tel"}
CONTROL_AND_SPACE = "".join(map(chr, range(0x21)))
# Python-Markdown syntax CommonMark does not have: shown as typed on the page.
ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*[.#][^{}\n]*\}[ \t]*$")
DECORATIVE_IMAGE = re.compile(r"\)\{:?[ \t]*\.decorative[ \t]*\}[ \t]*$")
ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[[^\]]+\]:")
MARKDOWN_IN_HTML = re.compile(r"<[A-Za-z][^>]*\smarkdown\s*=\s*[\"']?(?:1|block|span)\b", re.IGNORECASE)
# ](address rest) with a space in the address (a title would start with a quote).
ADDRESS_WITH_SPACE = re.compile(r"\]\((?!\s*<)\s*(?P<address>[^\s)]+)[ \t]+(?P<rest>[^\s)\"'(][^)]*)\)")
PYTHON_MARKDOWN_ONLY = (
    (ATTRIBUTE_LIST, "an attribute list ({…} at the end of a line) is Python-Markdown's, not CommonMark's: "
                     "the page would show it as typed",
     "take it out (the site's theme styles the text), or write that element in HTML: "
     "<p class=\"note\">…</p>; after an image only {.decorative} is understood"),
    (ABBREVIATION, "an abbreviation line (*[WCAG]: …) is Python-Markdown's, not CommonMark's: "
                   "the page would show it as typed",
     "write the words in full the first time, or <abbr title=\"Web Content Accessibility Guidelines\">WCAG</abbr>"),
    (MARKDOWN_IN_HTML, "markdown=\"1\" is Python-Markdown's: CommonMark shows the text inside that HTML "
                       "without reading its Markdown",
     "take markdown=\"1\" out and leave a blank line after the opening tag and one before the closing tag: "
     "CommonMark then reads the Markdown between them"),
)
# Pelican's kinds of site link ({filename}…), and where one is written.
LINK_KINDS = {"filename", "static", "attach", "index", "tag", "category", "author"}
LINK_KIND = re.compile(r"""(?:\]\(|\b(?:href|src)\s*=\s*["']?)\s*(?P<written>\{(?P<kind>[^{}\s/]*)\})""")
PAGE_SOURCES = (".md", ".markdown", ".mkd", ".mdown", ".html", ".htm", ".rst")
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


def _decoded(path, findings, raw=None):
    if raw is None:
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


def read_metadata(path, lines, findings):
    """{key: (value, line)} of the metadata block, reporting broken lines."""
    metadata = {}
    last = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            break
        match = METADATA_LINE.match(line)
        if match:
            last = match.group("key").lower()
            if last in metadata:
                findings.add(
                    "repeated-metadata", ERROR, path, number,
                    f"`{match.group('key')}:` appears twice (lines {metadata[last][1]} and {number})",
                    f"keep one `{match.group('key')}:` line and delete the other "
                    "(tags go on one line, separated by commas)",
                )
                continue
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


# Pelican's statuses of a file it does not publish (hidden: written, but listed nowhere).
NOT_PUBLISHED = ("draft", "hidden", "skip")


def is_published(metadata):
    """Whether Pelican publishes a file with this metadata ({key: (value, line)})."""
    return metadata.get("status", ("",))[0].strip().lower() not in NOT_PUBLISHED


def check_file(kind, path, settings, findings, raw=None, exists=os.path.exists):
    """Check one file (its bytes, when read already); returns (slug, line,
    published) for the address checks, or None when Pelican will skip it.
    `exists` is asked whether each file a link points at is there."""
    text = _decoded(path, findings, raw)
    if text is None:
        return None
    check_characters(path, text, findings)
    lines = editor_lines(text)  # once: every check below reads them
    metadata = read_metadata(path, lines, findings)
    if "title" not in metadata or not metadata["title"][0]:
        first = lines[0].strip() if text.strip() else ""
        seen = f" (line 1 reads {first!r}, which is not `Key: value`)" if first and not metadata else ""
        findings.add(
            "missing-title", ERROR, path, 1, f"the file has no title, so Pelican skips it{seen}",
            "start the file with `Title: Your title` (a colon after Title), then the other metadata",
        )
        return None
    if kind == "article":
        check_dates(path, metadata, findings)
        check_body(path, lines, metadata, findings)
    check_links(path, lines, settings, findings, exists)
    check_html(path, text, lines, findings)
    check_link_schemes(path, text, lines, findings)
    check_tag_names(path, text, lines, findings)
    check_private_notes(path, text, lines, findings)
    check_python_markdown_syntax(path, text, lines, findings)
    published = is_published(metadata)
    if published and kind == "article" and not metadata.get("summary", ("",))[0]:
        findings.add(
            "missing-summary", WARNING, path, metadata.get("summary", (None, 1))[1],
            "the article has no summary; search engines and the blog list will show none",
            "write `Summary: ` with one or two sentences of the article's own words",
        )
    check_taxonomy_names(path, metadata, settings, findings)
    if "slug" in metadata:
        slug, line = metadata["slug"]
    else:
        title, line = metadata["title"]
        slug = slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    return unicodedata.normalize("NFC", slug), line, published


@lru_cache(maxsize=4096)
def _slug(name, substitutions):
    """Pelican's slug of a name; tags and authors repeat from file to file."""
    return slugify(name, regex_subs=substitutions)


def _substitutions(settings):
    return tuple(map(tuple, settings.get("SLUG_REGEX_SUBSTITUTIONS", [])))


def check_taxonomy_names(path, metadata, settings, findings):
    """Tags, topics and authors get pages of their own: each name must give an address."""
    substitutions = _substitutions(settings)
    for key, what in (("tags", "tag"), ("category", "topic"), ("author", "author"), ("authors", "author")):
        if key not in metadata:
            continue
        value, line = metadata[key]
        names = [name.strip() for name in value.split(",")] if key in ("tags", "authors") else [value]
        for name in names:
            if name and not _slug(name, substitutions):
                findings.add(
                    "empty-slug", ERROR, path, line,
                    f"the {what} {name!r} gives no web address for its page: it has no letters or "
                    "digits that an address can spell",
                    f"add a word in Latin letters to the {what}, or leave it out",
                )


def check_characters(path, text, findings):
    """Invisible control characters: XML feeds cannot hold them at all."""
    if CONTROL_CHARACTERS.isdisjoint(text):  # nearly every file: a set lookup, 6 times faster than the regex
        return
    for number, line in enumerate(editor_lines(text), start=1):
        match = CONTROL.search(line)
        if match:
            code = f"U+{ord(match.group()):04X}"
            what = " (a word processor's line break)" if match.group() == "\x0b" else ""
            findings.add(
                "control-character", ERROR, path, number,
                f"the line holds an invisible control character {code}{what}, "
                f"at column {match.start() + 1}",
                "delete it, or replace it with a line break (Enter) or a space; it often comes "
                "with text pasted from a word processor",
            )


def _parsed_date(value):
    try:
        return get_date(value)
    except (ValueError, OverflowError):
        return None


def check_dates(path, metadata, findings):
    """Dates written as 2026-11-22: anything else may be read otherwise than meant."""
    dates = {}
    for key in ("date", "modified"):
        if key not in metadata:
            continue
        value, line = metadata[key]
        parsed = _parsed_date(value)
        label = key.capitalize()
        if parsed is None:
            findings.add(
                "invalid-date", ERROR, path, line, f"{value!r} is not a date",
                f"write the date as `{label}: 2026-11-22` or `{label}: 2026-11-22 09:00`",
            )
            continue
        dates[key] = (parsed, line)
        if ISO_DATE.match(value):
            continue
        iso = parsed.strftime("%Y-%m-%d")
        two_way = TWO_WAY_DATE.match(value)
        if two_way and int(two_way["a"]) <= 12 and int(two_way["b"]) <= 12 and two_way["a"] != two_way["b"]:
            findings.add(
                "ambiguous-date", ERROR, path, line,
                f"{value!r} can be read as two dates (month first or day first); it would be published as {iso}",
                f"write it year first: `{label}: {iso}` if that is the date you mean",
            )
        else:
            findings.add(
                "date-not-iso", WARNING, path, line, f"{value!r} is read as {iso}",
                f"write it year first to be sure: `{label}: {iso}`",
            )
    if dates_module.KEY in metadata:
        value, line = metadata[dates_module.KEY]
        if value.strip().lower() not in dates_module.VALUES:
            findings.add(
                "date-confirmed-value", ERROR, path, line,
                f"`Date_confirmed: {value}` is neither yes nor no",
                "once the Date above is the day the article first appeared, delete this line; "
                "until then write `Date_confirmed: no`",
            )
    if "date" in dates and "modified" in dates:
        (published, _), (modified, line) = dates["date"], dates["modified"]
        if (published.tzinfo is None) == (modified.tzinfo is None) and modified < published:
            findings.add(
                "modified-before-date", ERROR, path, line,
                f"Modified ({modified:%Y-%m-%d %H:%M}) is earlier than Date ({published:%Y-%m-%d %H:%M})",
                "Modified is when the article was last changed: make it the Date or later, or delete it",
            )


def check_body(path, lines, metadata, findings):
    last_metadata = max(line for _value, line in metadata.values())
    if not "".join(lines[last_metadata:]).strip():
        findings.add(
            "empty-article", ERROR, path, last_metadata,
            "the article has no text after its metadata",
            "write the article below the metadata, after one blank line (or add `Status: draft` until it is ready)",
        )


def unfenced_lines(lines):
    """(number, line) outside fenced code blocks, code spans taken out."""
    fenced = False
    for number, line in enumerate(lines, start=1):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            yield number, CODE_SPAN.sub("", line)


def prose_lines(lines):
    """(number, line) of the text outside code blocks and code spans, where
    HTML the author pasted would become HTML on the page."""
    return ((number, line) for number, line in unfenced_lines(lines) if not line.startswith(INDENTED_CODE))


def check_html(path, text, lines, findings):
    """Scripts and embeds pasted in (a booking widget, say): the site's security
    policy would block them in every browser, silently; and links by http://."""
    if "<" not in text and "://" not in text:  # what every pattern below needs; most files: no line to look at
        return
    for number, line in prose_lines(lines):
        found = SCRIPT_TAG.search(line) or EVENT_ATTRIBUTE.search(line)
        if found:
            findings.add(
                "script-in-content", ERROR, path, number,
                f"pasted code that would run in the reader's browser ({found.group().strip()!r}…): "
                "scripts, embeds and on…= attributes are not allowed on this site, and browsers would block them",
                "delete it; to send readers to a booking page or a video, write a link: "
                "[Book a consultation](https://…)",
            )
        for match in PLAIN_HTTP_LINK.finditer(line):
            findings.add(
                "insecure-link", WARNING, path, number,
                f"the link {match.group(1)} uses http://, which the reader's browser may warn about",
                "use https:// if that site supports it (most do)",
            )


def link_scheme(target):
    """The scheme of a link's address as a browser reads it ("javascript"), or
    None for a relative address, #part, {filename}… or |filename|…."""
    address = re.sub(r"[\t\n\r]", "", html.unescape(target)).lstrip(CONTROL_AND_SPACE)
    found = SCHEME.match(address)
    return found.group("scheme").lower() if found else None


def check_python_markdown_syntax(path, text, lines, findings):
    """Syntax the site's old reader (Python-Markdown) understood and CommonMark does not."""
    if "{" not in text and "*[" not in text and "markdown" not in text and "](" not in text:
        return
    header = header_length(lines)
    for number, line in prose_lines(lines):
        if number <= header:
            continue
        for pattern, message, fix in PYTHON_MARKDOWN_ONLY:
            if pattern.search(line) and not (pattern is ATTRIBUTE_LIST and DECORATIVE_IMAGE.search(line)):
                findings.add("python-markdown-syntax", ERROR, path, number, message, fix)
        for found in ADDRESS_WITH_SPACE.finditer(line):
            address = f"{found['address']} {found['rest'].strip()}"
            findings.add(
                "address-with-space", ERROR, path, number,
                f"the address ({address}) has a space in it: CommonMark then shows the link or image as typed",
                f"write the address in angle brackets, ](<{address}>), or rename the file without spaces",
            )


def check_link_schemes(path, text, lines, findings):
    """A link readers cannot follow: javascript: (what a pasted booking button
    leaves), data:, file:, ftp:… The site's security policy makes them do
    nothing, so the reader presses a link that never works."""
    if ":" not in text:
        return
    metadata_lines = header_length(lines)
    for number, line in prose_lines(lines):
        if number <= metadata_lines and not line.lower().startswith("summary:"):
            continue
        if "(" not in line and "<" not in line and "]" not in line:
            continue  # every address LINK_TARGETS finds has one of these before it
        targets = {next(value for value in match.groupdict().values() if value is not None): None
                   for pattern in LINK_TARGETS for match in pattern.finditer(line)}  # <x:y> in [t](<x:y>) once
        for target in targets:
            scheme = link_scheme(target)
            if scheme and scheme not in SCHEMES_READERS_CAN_FOLLOW:
                findings.add(
                    "link-scheme", ERROR, path, number,
                    f"the link or image address {target[:60]!r} starts with {scheme}:, which no reader's "
                    "browser will open on this site: pressing it would do nothing",
                    SCHEME_FIXES.get(scheme, SCHEME_FIX),
                )


SCHEME_FIX = ("link to a web page (https://…), an email address (mailto:…), a phone number (tel:…) or a page "
              "of this site ({filename}/blog/….md)")
SCHEME_FIXES = {
    "javascript": "a pasted booking or payment button leaves this: ask the service for its page's own address "
                  "and link to it, [Book a consultation](https://…)",
    "data": "save the image or file into content/images/ and write its address, {static}/images/name.jpg",
    "file": "a file on this computer: copy it into content/images/ and write {static}/images/name.jpg",
}


def check_tag_names(path, text, lines, findings):
    """Text in angle brackets (<<quote>>, <maybe>) that Markdown would pass on
    as a tag no browser knows: the words in it would not show, and the page's
    markup would be left open. Checked in the text and the summary (titles and
    tags are shown as written)."""
    if "<" not in text:
        return
    metadata_lines = header_length(lines)
    for number, line in prose_lines(lines):
        if number <= metadata_lines and not line.lower().startswith("summary:"):
            continue
        for match in TAG.finditer(line):
            name = match.group(1)
            if "-" not in name and name.lower() not in HTML_ELEMENTS:  # a-b: a custom element, shown
                findings.add(
                    "unknown-tag", ERROR, path, number,
                    f"{match.group()} would be read as an HTML tag no browser knows: "
                    f"the words in it would not show",
                    "to show angle brackets, put a space after < (or write “quotes” or «guillemets»); "
                    "for HTML, check the tag's name",
                )


def header_length(lines):
    """How many lines the metadata header has (it ends at the first blank line)."""
    return next((index for index, line in enumerate(lines) if not line.strip()), len(lines))


def header_keys(lines):
    """{line number: metadata key} of the header (continuation lines carry their key)."""
    keys, key = {}, None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            break
        match = METADATA_LINE.match(line)
        key = match.group("key").lower() if match else key
        keys[number] = key
    return keys


def comment_openings(numbered_lines):
    """The line of each HTML comment's <!-- among (number, line); a comment
    ends as a browser ends it (features/private_notes.py)."""
    inside = False
    for number, line in numbered_lines:
        if not inside and line.startswith(INDENTED_CODE):
            continue  # code; a comment's own lines may be indented, though
        at = 0
        while True:
            if inside:
                end = COMMENT_END.search(line, at)
                if not end:
                    break
                at, inside = end.end(), False
                continue
            at = line.find("<!--", at)
            if at < 0:
                break
            yield number
            rest = line[at + 4:]
            at += 5 if rest.startswith(">") else 6 if rest.startswith("->") else 4
            inside = not rest.startswith((">", "->"))


def check_private_notes(path, text, lines, findings):
    """HTML comments are the author's private notes: the build leaves them out
    of every published file, and says so. In a metadata line other than the
    summary a comment is not HTML at all: it would be shown as written."""
    if "<!--" not in text:
        return
    keys = header_keys(lines)
    header = [(number, lines[number - 1]) for number in keys]
    body = [(number, line) for number, line in unfenced_lines(lines) if number not in keys]
    for number in [*comment_openings(header), *comment_openings(body)]:
        key = keys.get(number)
        if key and key != "summary":
            findings.add(
                "note-in-metadata", ERROR, path, number,
                f"the `{key.capitalize()}:` line holds an HTML comment (<!-- -->), which readers "
                "would see as written",
                "move the note into the text below the metadata, where it stays private, or delete it",
            )
        else:
            findings.add(
                "private-note", NOTE, path, number,
                "an HTML comment (<!-- … -->) begins here: a private note, left out of every page, "
                "feed and search index",
                "nothing to do; to show these words to readers, write them outside <!-- and -->",
            )


def _known_output(settings, slug, kind, url_prefix):
    """The file a content with this slug is written to, or None when its
    SAVE_AS needs more than a slug to be known."""
    pattern = settings.get("ARTICLE_SAVE_AS" if kind == "article" else "PAGE_SAVE_AS", "")
    try:
        return os.path.normpath(pattern.format(slug=slug, url_prefix=url_prefix))
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def generated_outputs(settings):
    """{file: what writes it} for the pages and files the site makes itself."""
    outputs = {}
    names = {"INDEX_SAVE_AS": "the blog's list of articles", "ARCHIVES_SAVE_AS": "the archives",
             "CATEGORIES_SAVE_AS": "the list of topics", "TAGS_SAVE_AS": "the list of tags",
             "AUTHORS_SAVE_AS": "the list of authors"}
    for setting, what in names.items():
        if settings.get(setting):
            outputs[os.path.normpath(settings[setting])] = what
    for target in (settings.get("TEMPLATE_PAGES") or {}).values():
        outputs[os.path.normpath(target)] = f"the site's {target}"
    for setting in ("FEED_ALL_ATOM", "FEED_ALL_RSS"):
        if settings.get(setting):
            outputs[os.path.normpath(settings[setting])] = "a feed"
    return outputs


def _url_prefix(settings, path):
    folder = os.path.relpath(os.path.dirname(path), settings["PATH"]).replace(os.sep, "/")
    extra = (settings.get("EXTRA_PATH_METADATA") or {}).get(folder, {})
    return extra.get("url_prefix", (settings.get("DEFAULT_METADATA") or {}).get("url_prefix", ""))


def check_address(kind, path, slug, line, settings, findings, published, generated):
    """A slug must make a file name that exists, fits and (when published) is
    free of the site's own pages (`generated`: generated_outputs); returns the
    file, or None."""
    fix = "add a line `Slug: a-few-words` (Latin letters, digits and hyphens) under the title"
    if not slug:
        findings.add(
            "empty-slug", ERROR, path, line,
            "the title gives no web address: it has no letters or digits that an address can spell",
            fix,
        )
        return None
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        findings.add(
            "slug-too-long", ERROR, path, line,
            f"the web address made from the title is {len(slug)} characters long, too long for a file name",
            fix.replace("a-few-words", "a-few-words-from-the-title") + f" (at most {MAX_SLUG_BYTES})",
        )
        return None
    output = _known_output(settings, slug, kind, _url_prefix(settings, path)) or slug
    taken_by = generated.get(output)
    if taken_by and published:
        findings.add(
            "address-taken", ERROR, path, line,
            f"this {kind} would be written to {output}, where the site writes {taken_by}",
            fix.replace("a-few-words", "another-name"),
        )
    return output


def check_all(settings, findings, kept=None):
    """Check every Markdown file; returns the reasons the build cannot go on
    (none when it can). `kept` (KeptResults) reuses an earlier build's results
    of a file that did not change."""
    slugs = defaultdict(list)
    before = len(findings.items)
    generated = generated_outputs(settings)
    check = kept.check_file if kept else check_file
    for kind, path in markdown_files(settings):
        found = check(kind, path, settings, findings)
        if found:
            slug, line, published = found
            if check_address(kind, path, slug, line, settings, findings, published, generated) and published:
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
    return sorted({f.rule for f in findings.items[before:] if f.rule in BLOCKING and f.severity == ERROR})


def target_in_content(target, content_path, source_path):
    """Where Pelican looks for a link target: from the content folder when it
    starts with /, else beside the file that links to it."""
    if target.startswith("/"):
        return os.path.join(content_path, target.lstrip("/"))
    return os.path.join(os.path.dirname(source_path), target)


def check_links(path, lines, settings, findings, exists=os.path.exists):
    """Links to pages and files; missing images are the alt-text check's to report."""
    content = settings["PATH"]
    for number, line in enumerate(lines, start=1):
        if "{" not in line and "|" not in line:  # INTERNAL_LINK needs one
            continue
        images = [m.span() for m in IMAGE_REFERENCE.finditer(line)]
        for match in INTERNAL_LINK.finditer(line):
            if any(start <= match.start() < end for start, end in images):
                continue
            target = match.group("target")
            if not exists(target_in_content(target, content, path)):
                findings.add(
                    "link-target-missing", ERROR, path, number,
                    f"the link points at {target}, which does not exist",
                    "check the file name under content/ (links look like {filename}/blog/<file>.md "
                    "or {static}/images/<file>), or remove the link",
                )
            elif match.group("kind") == "filename" and not target.lower().endswith(PAGE_SOURCES):
                findings.add(
                    "filename-for-static", WARNING, path, number,
                    f"{{filename}} links to {target}, which is an image or file, not an article or page",
                    f"write {{static}}{target if target.startswith('/') else '/' + target}",
                )
        for match in LINK_KIND.finditer(line):
            if match.group("kind") not in LINK_KINDS:
                findings.add(
                    "unknown-link-kind", WARNING, path, number,
                    f"{match.group('written')} in a link is not a kind of link the site knows, so the link "
                    "would be published as written and lead nowhere",
                    "write {filename}/blog/name.md to link to an article or page, "
                    "{static}/images/name.jpg to link to an image or file",
                )


