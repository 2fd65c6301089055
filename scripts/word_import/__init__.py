"""A Word document (or Google Docs' .docx) becomes a draft article:
content/blog/<slug>.md with `Status: draft`, its pictures in content/images/.

`invoke import FILE.docx` runs it; the author's editor will call the same
function. Nothing existing is ever written over: a draft or picture whose name
is taken stops the import (for the draft) or gets the next free name (for a
picture). What the author must still do is listed with its line in the draft.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import document, markdown

PICTURE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp",
                 "image/tiff": ".tif", "image/heic": ".heic", "image/heif": ".heif", "image/bmp": ".bmp",
                 "image/x-emf": ".emf", "image/x-wmf": ".wmf", "image/svg+xml": ".svg"}

SHOWN_BY_BROWSERS = {".jpg", ".png", ".gif", ".webp", ".svg"}


class ImportRefused(Exception):
    """Why nothing was written, in the author's words."""


@dataclass
class Imported:
    draft: Path
    pictures: list = field(default_factory=list)  # the files written into content/images/
    todo: list = field(default_factory=list)  # (line in the draft, what to do)


def not_a_docx(name):
    return (f"{name} is not a .docx file. In Word: File → Save As → Word Document (.docx); "
            "in Google Docs: File → Download → Microsoft Word (.docx).")


def picture_stem(slug):
    """Pictures are named after the draft, the slug's first words (a name need not hold the whole title)."""
    return slug if len(slug) <= 40 else slug[:40].rsplit("-", 1)[0]


def free_name(folder, stem, suffix, taken):
    """stem-1.jpg, stem-2.jpg …: the first name no file has (nor one of this import)."""
    number = 1
    while (folder / f"{stem}-{number}{suffix}").exists() or f"{stem}-{number}{suffix}" in taken:
        number += 1
    return f"{stem}-{number}{suffix}"


def header(title, subtitle, author, now, slug):
    lines = [f"Title: {title}"]
    if subtitle:
        lines.append(f"Subtitle: {subtitle}")
    lines += [f"Date: {now}", f"Author: {author}", "Category: Relationship Therapy", "Tags: ",
              f"Slug: {slug}", "Status: draft", "Summary: "]
    return lines


def one_line(text):
    return " ".join(markdown.plain(text).split())


def import_document(docx, content, author, now, slug_of):
    """Write the draft of `docx` under `content` (a Path); an Imported, or
    ImportRefused with the reason when nothing could be written."""
    docx, content = Path(docx), Path(content)
    if docx.suffix.lower() != ".docx" or not docx.is_file():
        raise ImportRefused(not_a_docx(docx))
    try:
        read = document.read(docx)
    except document.NotAWordFile:
        raise ImportRefused(f"{docx.name} could not be read as a Word document (.docx). Open it in Word "
                            "or Google Docs and save or download it as .docx again.") from None

    images = content / "images"
    # Pictures are named after the slug, which the title gives: a token now, a name below.
    article = markdown.article_of(read.html, lambda index: f"\0picture:{index}\0")
    title = one_line(article.title or read.title_property)
    if not title:  # no Title, Heading 1 or title property: the first line
        first = next((block for block in article.blocks if block.words), None)
        if first is not None:
            title = one_line(first.words)
            article.blocks.remove(first)
    if not title:
        raise ImportRefused(f"{docx.name} has no text to make a title from: nothing was written.")
    slug = slug_of(title)
    if not slug:
        raise ImportRefused(f"The title {title!r} gives no file name (no letters or digits a web address "
                            "can spell): give the document a title with some Latin letters.")
    draft = content / "blog" / f"{slug}.md"
    if draft.exists():
        raise ImportRefused(f"{os.path.relpath(draft, content.parent)} exists already (an earlier import?); "
                            "it was left as it is and nothing was written. Rename or delete it to import again.")
    names = {}
    stem = picture_stem(slug)
    for block in article.blocks:
        for index in map(int, re.findall(r"\0picture:(\d+)\0", block.text)):
            suffix = PICTURE_TYPES.get(read.pictures[index].content_type.lower(), ".bin")
            names[index] = free_name(images, stem, suffix, set(names.values()))
            block.text = block.text.replace(f"\0picture:{index}\0", "{static}/images/" + names[index])
            if suffix not in SHOWN_BY_BROWSERS:
                block.notes.append(f"the picture {names[index]} is in a format browsers do not all show: "
                                   "save it as JPEG or PNG in content/images/ and write that name here")

    lines = header(title, one_line(article.subtitle), author, now, slug)
    todo = [(len(lines), "Summary: write one or two sentences of the article's own words")]
    lines.append("")
    for block in article.blocks:
        start = len(lines) + 1
        lines += block.text.split("\n")
        lines.append("")
        todo += [(start, note) for note in block.notes]
    text = "\n".join(lines).rstrip("\n") + "\n"

    draft.parent.mkdir(parents=True, exist_ok=True)
    images.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        for index, name in names.items():
            with open(images / name, "xb") as handle:  # "x": never over a file
                handle.write(read.pictures[index].data)
            written.append(images / name)
        with open(draft, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    todo += [(None, f"Word says: {message}") for message in read.messages if not re.search(r"style", message)]
    return Imported(draft, written, todo)
