"""A Word document (.docx, also Google Docs' Download → Microsoft Word) read
as HTML by mammoth, with its pictures handed to a callback.

mammoth keeps what an article needs (headings, paragraphs, bold and italic,
links, lists nested as Word nests them, tables, footnotes, pictures with their
alt text) and drops looks (fonts, colours, sizes). Our style map names the
styles it does not know: Title, Subtitle, the quotes and Caption.
"""

import zipfile
from dataclasses import dataclass, field

import mammoth
from lxml import etree

STYLE_MAP = """
p[style-name='Title'] => h1.title:fresh
p[style-name='Subtitle'] => p.subtitle:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
p[style-name='Caption'] => p.caption:fresh
r[style-name='Strong'] => strong
r[style-name='Emphasis'] => em
"""
CORE_NAMESPACES = {"dc": "http://purl.org/dc/elements/1.1/",
                   "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}


class NotAWordFile(ValueError):
    """The file is not a .docx document mammoth can read."""


@dataclass
class Picture:
    content_type: str
    data: bytes
    alt: str


@dataclass
class Document:
    html: str
    title_property: str
    pictures: list = field(default_factory=list)  # in the order they appear: src "picture:N"
    messages: list = field(default_factory=list)  # mammoth's warnings, in its words


def title_property(path):
    """The title in the document's properties (File → Info → Title), or ""."""
    try:
        with zipfile.ZipFile(path) as archive:
            core = etree.fromstring(archive.read("docProps/core.xml"))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return ""
    found = core.find("dc:title", CORE_NAMESPACES)
    return (found.text or "").strip() if found is not None else ""


def read(path):
    """The document as HTML; its pictures kept aside, each referenced as src="picture:N"."""
    pictures = []

    def keep_picture(image):
        with image.open() as stream:
            pictures.append(Picture(image.content_type or "", stream.read(), (image.alt_text or "").strip()))
        return {"src": f"picture:{len(pictures) - 1}"}

    try:
        with open(path, "rb") as handle:
            result = mammoth.convert_to_html(handle, style_map=STYLE_MAP,
                                             convert_image=mammoth.images.img_element(keep_picture))
    except (zipfile.BadZipFile, KeyError) as error:
        raise NotAWordFile(str(error)) from error
    messages = [message.message for message in result.messages]
    return Document(result.value, title_property(path), pictures, messages)
