"""mammoth's HTML of a Word document, written as the Markdown of an article.

Our own small writer over lxml: the author's words are kept exactly as typed
(curly quotes, dashes, no-break spaces), and only what Markdown would read as
markup is escaped, so the page shows what the document said. Word's habits
become structure: a paragraph typed as "• text", "– text", "✔ text" or
"1. text" is a list item; a Caption paragraph under a picture is its caption.
What cannot be carried is said, block by block, for the import's report.
"""

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html

FOLLOWABLE = ("http:", "https:", "mailto:", "tel:")
# Characters Word leaves that a reader never sees and the checks refuse: soft
# hyphens, zero-width spaces, byte-order marks and control characters.
INVISIBLE = re.compile("[\u00ad\u200b\ufeff\u0000-\u0008\u000b-\u001f\u007f-\u009f]")
INLINE_MARKUP = re.compile(r"([\\`*_\[\]])")
TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
# A line starting "#", ">", "+", "-" or "12." / "12)" would start a heading, quote or list.
LINE_START_MARKUP = re.compile(r"^(\s*(?:\d{1,9})?)([#>+.)-])")
SETEXT_EQUALS = re.compile(r"^(\s*)=(?==*\s*$)")  # "===" under a line would make it a heading
TYPED_BULLET = re.compile(r"^\s*(?:[•◦▪●·–—✔✓✅☐☑]|-|\\\*)\s+")
TYPED_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+")
MACHINE_ALT = re.compile(r"description automatically generated|a picture containing|"
                         r"generated with (?:very high|high|medium|low) confidence", re.IGNORECASE)
FOOTNOTE_LINK = re.compile(r"^#(footnote|endnote)-(\d+)$")


@dataclass
class Block:
    text: str
    notes: list = field(default_factory=list)  # what the author must look at, for the report
    kind: str = "paragraph"
    words: str = ""  # a paragraph's plain text (the title, when the document names none)


@dataclass
class Article:
    title: str = ""
    subtitle: str = ""
    blocks: list = field(default_factory=list)


def plain(text):
    """Text as typed, less the invisible characters; tabs and line ends become spaces."""
    return INVISIBLE.sub("", text.replace("\t", " ").replace("\n", " ").replace("\r", " "))


def escaped(text):
    """Text that Markdown shows as it is: its markup characters escaped, and
    what looks like a tag or an entity written so that it stays text."""
    text = ENTITY_LIKE.sub("&amp;", INLINE_MARKUP.sub(r"\\\1", plain(text)))
    return TAG_LIKE.sub("&lt;", text)


def line_safe(text):
    """A line that does not start a heading, quote, list or rule by accident."""
    return "\n".join(SETEXT_EQUALS.sub(r"\1&#61;", LINE_START_MARKUP.sub(r"\1\\\2", line, count=1))
                     for line in text.split("\n"))


def footnote_label(kind, number):
    """[^3] for Word's footnote 3, [^e3] for its endnote 3."""
    return f"[^{'' if kind == 'footnote' else 'e'}{number}]"


class Writer:
    def __init__(self, picture_address):
        self.picture_address = picture_address  # picture index -> its {static} address
        self.article = Article()
        self.notes = []  # gathered while writing one block

    # -- inline ---------------------------------------------------------------
    def inline(self, node):
        parts = [escaped(node.text or "")]
        for child in node:
            parts.append(self.element(child))
            parts.append(escaped(child.tail or ""))
        return "".join(parts)

    def element(self, child):
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("strong", "b", "em", "i"):
            return self.emphasis(child, "**" if tag in ("strong", "b") else "*")
        if tag == "a":
            return self.link(child)
        if tag == "br":
            return "\n"
        if tag == "img":
            return self.picture(child)
        if tag == "sup" and len(child) == 1 and FOOTNOTE_LINK.match(child[0].get("href", "")):
            return footnote_label(*FOOTNOTE_LINK.match(child[0].get("href")).groups())
        return self.inline(child)  # sup, sub, u, s, span: the words, not the look

    def emphasis(self, child, mark):
        inner = self.inline(child)
        core = inner.strip()
        if not core:
            return inner
        lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
        return f"{lead}{mark}{core}{mark}{trail}"

    def link(self, child):
        text = self.inline(child)
        href = (child.get("href") or "").strip()
        if not href or href.startswith("#"):
            return text  # a bookmark, or a link within Word's own document
        if href.lower().startswith(FOLLOWABLE):
            return f"[{text}](<{href}>)" if re.search(r"[\s()<>]", href) else f"[{text}]({href})"
        self.notes.append(f"a link readers could not follow was left out, its words kept: {href[:60]}")
        return text

    def picture(self, child, caption=""):
        index = int(child.get("src", "picture:0").split(":", 1)[1])
        alt = plain(child.get("alt", "")).strip()
        if MACHINE_ALT.search(alt):
            self.notes.append(f"the picture's alt text was written by Word, not by a person ({alt[:50]}…): "
                              "describe what the photograph shows, or add {.decorative}")
            alt = ""
        elif not alt:
            self.notes.append("the picture has no alt text: describe what it shows between the [ ], "
                              "or add {.decorative} if it is only decoration")
        title = f' "{caption}"' if caption else ""
        alt = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        return f"![{alt}]({self.picture_address(index)}{title})"

    # -- blocks ---------------------------------------------------------------
    def add(self, text, kind="paragraph", words=""):
        if text.strip():
            self.article.blocks.append(Block(text, self.notes, kind, words))
        self.notes = []

    def write(self, html):
        root = lxml_html.fragment_fromstring(html or "<p></p>", create_parent="div")
        # With a Title paragraph, every Heading 1 is a heading; without, the first is the title.
        self.title_style = root.find(".//h1[@class='title']") is not None
        # The body's top heading level becomes ## (the title is the page's only h1),
        # whether the document's sections are Heading 1 (under a Title) or Heading 2.
        levels = [int(node.tag[1]) for node in root if isinstance(node.tag, str) and re.fullmatch(r"h[1-6]", node.tag)
                  and "title" not in (node.get("class") or "")]
        if not self.title_style and levels and levels[0] == 1:
            levels = levels[1:]  # the first Heading 1 is the title
        self.top_level = min(levels, default=1)
        children = list(root)
        position = 0
        while position < len(children):
            following = children[position + 1] if position + 1 < len(children) else None
            used_following = self.block(children[position], following)
            position += 2 if used_following else 1
        return self.article

    def block(self, node, following):
        """Write one block; True when it used the block after it too (a caption)."""
        tag = node.tag if isinstance(node.tag, str) else ""
        classes = (node.get("class") or "").split()
        if tag == "h1" and not self.article.title and ("title" in classes or not self.title_style):
            self.article.title = plain(node.text_content()).strip()
            return False
        if tag == "p" and "subtitle" in classes and not self.article.subtitle:
            self.article.subtitle = plain(node.text_content()).strip()
            return False
        if tag == "p":
            return self.paragraph(node, following)
        if re.fullmatch(r"h[1-6]", tag):
            level = min(6, int(tag[1]) - self.top_level + 2)
            self.add("#" * level + " " + self.inline(node).replace("\n", " ").strip(), "heading")
        elif tag in ("ul", "ol"):
            if node.find("li") is not None and (node.find("li").get("id") or "").startswith(("footnote-", "endnote-")):
                self.footnotes(node)
            else:
                self.add("\n".join(self.list_lines(node, 0)), "list")
        elif tag == "blockquote":
            paragraphs = [line_safe(self.inline(p).strip()) for p in node.iter("p")] or [self.inline(node).strip()]
            self.add("\n>\n".join("\n".join("> " + line for line in text.split("\n")) for text in paragraphs if text))
        elif tag == "table":
            self.table(node)
        else:
            self.add(line_safe(self.inline(node).strip()))
        return False

    def paragraph(self, node, following):
        pictures = node.findall(".//img")
        if len(pictures) == 1 and not plain(node.text_content()).strip():
            captioned = (following is not None and following.tag == "p"
                         and "caption" in (following.get("class") or "").split())
            caption = plain(following.text_content()).strip().replace('"', "&quot;") if captioned else ""
            self.add(self.picture(pictures[0], caption), "picture")
            return captioned
        text = self.inline(node).strip()
        bullet, number = TYPED_BULLET.match(text), TYPED_NUMBER.match(text)
        if bullet or number:
            marker = "-" if bullet else re.match(r"\s*(\d+)", text).group(1) + "."
            item = f"{marker} {line_safe(text[(bullet or number).end():])}".replace("\n", "\n    ")
            last = self.article.blocks[-1] if self.article.blocks else None
            if last is not None and last.kind == ("typed bullets" if bullet else "typed numbers"):
                last.text += "\n" + item
                last.notes += self.notes
                self.notes = []
                return False
            self.add(item, "typed bullets" if bullet else "typed numbers")
            return False
        self.add(line_safe(text), words=plain(node.text_content()).strip())
        return False

    def one_line(self, node):
        """A table cell's or a footnote's paragraphs as one line of Markdown."""
        return " ".join(" ".join(self.inline(p).split()) for p in (node.findall("p") or [node])).strip()

    def list_lines(self, node, depth):
        lines = []
        for number, item in enumerate(node.findall("li"), start=1):
            marker = "-" if node.tag == "ul" else f"{number}."
            nested = [child for child in item if child.tag in ("ul", "ol")]
            for child in nested:
                item.remove(child)
            text = " ".join(self.inline(item).split("\n")).strip()
            lines.append("    " * depth + f"{marker} {line_safe(text)}")
            for child in nested:
                lines += self.list_lines(child, depth + 1)
        return lines

    def footnotes(self, node):
        for item in node.findall("li"):
            kind, number = item.get("id").split("-", 1)
            for back in item.xpath(".//a[starts-with(@href, '#footnote-ref-') or starts-with(@href, '#endnote-ref-')]"):
                back.drop_tree()  # Word's "↑" back to the text: the site makes its own
            self.add(f"{footnote_label(kind, number)}: {self.one_line(item)}", "footnote")

    def table(self, node):
        rows = []
        for row in node.iter("tr"):
            cells = [self.one_line(cell).replace("|", "\\|") for cell in row if cell.tag in ("td", "th")]
            rows.append(cells)
        if not rows:
            return
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
        self.add("\n".join(lines), "table")


def article_of(html, picture_address):
    """The Article (title, subtitle, Markdown blocks with their notes) of mammoth's HTML."""
    return Writer(picture_address).write(html)
