"""Markdown extension: an image alone in its paragraph becomes a figure.

    ![What the photograph shows.]({static}/images/x.jpg "The caption.")

renders as <figure><img alt="What the photograph shows." ...><figcaption>The
caption.</figcaption></figure>. The title becomes the caption (and leaves the
img, where it would only repeat as a tooltip). An image without a title still
becomes a figure, with no caption.
"""

import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


def _is_lone_image(paragraph):
    children = list(paragraph)
    return (
        len(children) == 1
        and children[0].tag == "img"
        and not (paragraph.text or "").strip()
        and not (children[0].tail or "").strip()
    )


class FigureTreeprocessor(Treeprocessor):
    def run(self, root):
        for paragraph in root.iter("p"):
            if not _is_lone_image(paragraph):
                continue
            image = paragraph[0]
            image.tail = None
            paragraph.tag = "figure"
            caption = image.attrib.pop("title", "").strip()
            if caption:
                figcaption = etree.SubElement(paragraph, "figcaption")
                figcaption.text = caption


NAME = __name__  # how MARKDOWN in pelicanconf.py names this extension


class FigureExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        # After inline patterns (priority 20) have turned ![..](..) into <img>
        # and attr_list (8) has taken a trailing {.decorative} off the image.
        md.treeprocessors.register(FigureTreeprocessor(md), "therapy_ties_figures", 5)


def makeExtension(**kwargs):  # noqa: N802 (how Markdown loads an extension by its module's name)
    return FigureExtension(**kwargs)

