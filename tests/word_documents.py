"""Word documents for the import's tests, written the way an author would
have written the launch articles: with python-docx (Word's own styles: Title,
Subtitle, Heading 1-3, List Bullet and List Number, Quote, Caption, pictures
with a description), and through LibreOffice (`soffice --convert-to docx`) as
a second writer whose documents are shaped otherwise (no Title style: the title
is the first Heading 1; its own list and quotation styles)."""

import base64
from copy import deepcopy
import re
import shutil
import subprocess
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.shared import Inches

from conftest import ROOT

IMAGE = re.compile(r'^!\[(?P<alt>[^\]]*)\]\(\{static\}/(?P<path>[^ )]+)(?: "(?P<caption>[^"]*)")?\)')
INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|\*(?P<italic>.+?)\*|\[(?P<text>[^\]]+)\]\((?P<href>[^)]+)\)")


def article_parts(path):
    """(metadata, blocks) of a launch article: blocks are (kind, text) with kind
    heading2/heading3/paragraph/bullet/number/quote/image."""
    text = Path(path).read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    metadata = {}
    for line in head.splitlines():
        if ":" in line and not line.startswith(" "):
            key, _, value = line.partition(":")
            metadata[key.strip().lower()] = value.strip()
    blocks, paragraph = [], []

    def flush():
        if paragraph:
            blocks.append(("paragraph", " ".join(paragraph)))
            paragraph.clear()

    for line in body.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("### "):
            flush()
            blocks.append(("heading3", stripped[4:]))
        elif stripped.startswith("## "):
            flush()
            blocks.append(("heading2", stripped[3:]))
        elif stripped.startswith("- "):
            flush()
            blocks.append(("bullet", stripped[2:]))
        elif re.match(r"\d+\. ", stripped):
            flush()
            blocks.append(("number", stripped.split(" ", 1)[1]))
        elif stripped.startswith("> "):
            flush()
            blocks.append(("quote", stripped[2:]))
        elif IMAGE.match(stripped):
            flush()
            blocks.append(("image", stripped))
        else:
            paragraph.append(stripped)
    flush()
    return metadata, blocks


def add_hyperlink(paragraph, text, href):
    """python-docx has no call for a link: the XML Word writes for one."""
    relation = paragraph.part.relate_to(href, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                                              "hyperlink", is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = text
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def add_runs(paragraph, text):
    """**bold**, *italic* and [links](href) as Word runs; the rest as typed."""
    position = 0
    for match in INLINE.finditer(text):
        paragraph.add_run(text[position:match.start()])
        if match["bold"]:
            paragraph.add_run(match["bold"]).bold = True
        elif match["italic"]:
            paragraph.add_run(match["italic"]).italic = True
        else:
            add_hyperlink(paragraph, match["text"], match["href"])
        position = match.end()
    paragraph.add_run(text[position:])


def nest(paragraph, level):
    """Put a list paragraph at a deeper level of its list (Word's ilvl), the
    list's numbering given that level as Word's multilevel lists have it
    (python-docx's template has one level only)."""
    number_id = paragraph.style.element.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    numbering = paragraph.part.numbering_part.element
    abstract_id = numbering.xpath(f'w:num[@w:numId="{number_id}"]/w:abstractNumId/@w:val')[0]
    abstract = numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0]
    if not abstract.xpath(f'w:lvl[@w:ilvl="{level}"]', namespaces=nsmap):
        deeper = deepcopy(abstract.xpath('w:lvl[@w:ilvl="0"]', namespaces=nsmap)[0])
        deeper.set(qn("w:ilvl"), str(level))
        for linked_style in deeper.findall(qn("w:pStyle")):  # the style stays the top level's
            deeper.remove(linked_style)
        abstract.append(deeper)
        kind = abstract.find(qn("w:multiLevelType"))
        if kind is not None:
            kind.set(qn("w:val"), "multilevel")
    properties = paragraph._p.get_or_add_pPr()
    numbered = OxmlElement("w:numPr")
    for name, value in (("w:ilvl", str(level)), ("w:numId", number_id)):
        element = OxmlElement(name)
        element.set(qn("w:val"), value)
        numbered.append(element)
    properties.append(numbered)


def add_picture(document, block, content, alt=None):
    match = IMAGE.match(block)
    document.add_picture(str(content / match["path"]), width=Inches(3))
    described = match["alt"] if alt is None else alt
    document.inline_shapes[-1]._inline.docPr.set("descr", described)
    if match["caption"]:
        document.add_paragraph(match["caption"], style="Caption")


def word_document(article, target, content=ROOT / "content", extra=None):
    """Write the launch article `article` (a .md path) as a Word document at `target`.
    extra(document) may add more before it is saved."""
    metadata, blocks = article_parts(article)
    document = docx.Document()
    document.add_paragraph(metadata["title"], style="Title")
    if metadata.get("subtitle"):
        document.add_paragraph(metadata["subtitle"], style="Subtitle")
    styles = {"heading2": "Heading 1", "heading3": "Heading 2", "paragraph": None, "bullet": "List Bullet",
              "number": "List Number", "quote": "Quote"}
    for kind, text in blocks:
        if kind == "image":
            add_picture(document, text, content)
            continue
        paragraph = document.add_paragraph(style=styles[kind])
        add_runs(paragraph, text)
    if extra:
        extra(document)
    document.save(target)
    return target


def soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_document(article, folder, content=ROOT / "content"):
    """The same article written as HTML and converted to .docx by LibreOffice:
    headings from <h1>, lists from <ul>, pictures from <img alt>."""
    from html import escape

    metadata, blocks = article_parts(article)
    parts = [f"<h1>{escape(metadata['title'])}</h1>"]
    open_list = None
    for kind, text in blocks:
        tag = {"bullet": "ul", "number": "ol"}.get(kind)
        if open_list and tag != open_list:
            parts.append(f"</{open_list}>")
            open_list = None
        if tag and not open_list:
            parts.append(f"<{tag}>")
            open_list = tag
        words = escape(text).replace("**", "")
        if kind == "image":
            match = IMAGE.match(text)
            data = base64.b64encode((content / match["path"]).read_bytes()).decode("ascii")
            # A data: address, so that LibreOffice embeds the picture (a file's it would only link)
            parts.append(f'<p><img src="data:image/jpeg;base64,{data}" alt="{escape(match["alt"])}" '
                         f'width="300"></p>')
            if match["caption"]:
                parts.append(f"<p>{escape(match['caption'])}</p>")
        elif tag:
            parts.append(f"<li>{words}</li>")
        elif kind.startswith("heading"):
            parts.append(f"<h{kind[-1]}>{words}</h{kind[-1]}>")
        elif kind == "quote":
            parts.append(f"<blockquote><p>{words}</p></blockquote>")
        else:
            parts.append(f"<p>{words}</p>")
    if open_list:
        parts.append(f"</{open_list}>")
    return converted_by_libreoffice("\n".join(parts), folder, Path(article).stem)


def converted_by_libreoffice(body, folder, name):
    """An HTML body written to `folder` and converted there to name.docx by LibreOffice."""
    source = Path(folder) / f"{name}.html"
    source.write_text("<!doctype html><html><head><meta charset=utf-8></head><body>" + body + "</body></html>",
                      encoding="utf-8")
    subprocess.run([soffice(), "--headless", "--norestore", f"-env:UserInstallation={Path(folder).as_uri()}/lo",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return source.with_suffix(".docx")
