"""What the site adds around the CommonMark parser, on the HTML it made
(lxml, not text): each addition in one function.

- Pelican's site links: `{filename}`, `{static}` … (and the old `|filename|`)
  as written, not percent-encoded as CommonMark (and lxml's writer) write an
  address's braces, spaces and letters beyond ASCII: Pelican finds the file by them;
- figures: an image alone in its paragraph becomes a <figure>, its title the
  <figcaption>; `{.decorative}` right after an image marks it decorative;
- footnotes in the markup the theme styles (Python-Markdown's: a list at the
  end, links both ways);
- private notes: no HTML comment is left, taken out as a browser ends them
  (features/private_notes.py says why).
"""

import re
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from ..features.private_notes import without_comments

# href="…" or src="…" holding a site link, as lxml writes attributes (in double
# quotes, a " inside written &quot;).
SITE_LINK = re.compile(r'(?P<attribute>\b(?:href|src)=")(?P<value>(?:%7B|\{)(?:filename|static|attach|index|tag|category|'
                       r'author)(?:%7D|\})[^"]*|(?:%7C|\|)(?:filename|static|attach)(?:%7C|\|)[^"]*)"', re.IGNORECASE)
DECORATIVE = re.compile(r"^\s*\{:?\s*\.decorative\s*\}")
WRAPPER = "therapy-ties-fragment"


def site_links(html):
    """Site links as the author wrote them (a `"` in one stays escaped)."""
    return SITE_LINK.sub(lambda found: found["attribute"] + unquote(found["value"]).replace('"', "%22") + '"', html)


def decorative_images(root):
    for image in root.iter("img"):
        marker = DECORATIVE.match(image.tail or "")
        if marker:
            image.tail = image.tail[marker.end():]
            classes = (image.get("class") or "").split()
            image.set("class", " ".join([*classes, "decorative"]))


def figures(root):
    for paragraph in list(root.iter("p")):
        children = list(paragraph)
        if (len(children) != 1 or children[0].tag != "img" or (paragraph.text or "").strip()
                or (children[0].tail or "").strip()):
            continue
        image = children[0]
        image.tail = None
        paragraph.tag = "figure"
        caption = (image.attrib.pop("title", "") or "").strip()
        if caption:
            etree.SubElement(paragraph, "figcaption").text = caption


def footnotes(root):
    """pulldown-cmark's <div class="footnote-definition" id="N"> blocks become one
    <div class="footnote"><hr><ol> at the end, each note with a link back."""
    definitions = [div for div in root.iter("div") if div.get("class") == "footnote-definition"]
    if not definitions:
        return
    numbers = {}
    for reference in root.iter("sup"):
        if reference.get("class") != "footnote-reference" or not len(reference):
            continue
        link = reference[0]
        name = link.get("href", "#")[1:]
        number = numbers.setdefault(name, len(numbers) + 1)
        reference.attrib.pop("class")
        reference.set("id", f"fnref:{name}")
        link.set("class", "footnote-ref")
        link.set("href", f"#fn:{name}")
        link.text = str(number)
    block = etree.SubElement(root, "div", {"class": "footnote"})
    etree.SubElement(block, "hr")
    listing = etree.SubElement(block, "ol")
    for definition in sorted(definitions, key=lambda div: numbers.get(div.get("id"), len(numbers) + 1)):
        name = definition.get("id")
        definition.getparent().remove(definition)
        item = etree.SubElement(listing, "li", {"id": f"fn:{name}"})
        for child in definition:
            if child.get("class") != "footnote-definition-label":
                item.append(child)
        last = item[-1] if len(item) and item[-1].tag == "p" else etree.SubElement(item, "p")
        if len(last):
            last[-1].tail = (last[-1].tail or "") + "\u00a0"
        else:
            last.text = (last.text or "") + "\u00a0"
        back = etree.SubElement(last, "a", {"class": "footnote-backref", "href": f"#fnref:{name}",
                                            "title": f"Jump back to footnote {numbers.get(name, '')} in the text"})
        back.text = "\u21a9"


STEPS = (decorative_images, figures, footnotes)


def finish(html):
    """The parser's HTML with the site's additions."""
    html = without_comments(html)  # first: nothing below ever sees a note
    if not html.strip():
        return html
    try:
        root = lxml_html.fragment_fromstring(html, create_parent=WRAPPER)
    except etree.ParserError:  # no element at all (a lone <?php ?> or <!DOCTYPE>): nothing to add to
        return site_links(html)
    for step in STEPS:
        step(root)
    return site_links((root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root))
