"""What the site adds around the CommonMark parser, on the HTML it made:
each addition in one function, new markup made with lxml.

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

# href="…" or src="…" holding a site link, as the parser and lxml write
# attributes (lower case, in double quotes, a " inside written &quot;).
SITE_LINK = re.compile(r'(?P<attribute>href|src)="(?P<value>(?:%7B|\{)(?:filename|static|attach|index|tag|category|'
                       r'author)(?:%7D|\})[^"]*|(?:%7C|\|)(?:filename|static|attach)(?:%7C|\|)[^"]*)"')
WRAPPER = "therapy-ties-fragment"


def site_links(html):
    """Site links as the author wrote them (a `"` in one stays escaped)."""
    if "%7B" not in html and "{" not in html and "|" not in html:
        return html
    return SITE_LINK.sub(lambda found: f'{found["attribute"]}="' + unquote(found["value"]).replace('"', "%22") + '"', html)


# The parser's own markup for an image (`<img src=".." alt=".." title=".." />`),
# alone in its paragraph or followed by {.decorative}: only these are worked on,
# one small tree each, so an article's HTML is never parsed whole for them.
# (It starts with "<" in every branch: the regex engine then skips to each "<".)
IMAGE = re.compile(r'<(?:(?P<lone>p)><)?(?P<image>img src="[^"]*" alt="[^"]*"(?: title="[^"]*")? />)'
                   r'(?P<decorative>\{:?[ \t]*\.decorative[ \t]*\})?(?(lone)</p>)')


def figure_or_decorative(found):
    """One image: marked decorative when {.decorative} follows it; a figure,
    its title the caption, when it is alone in its paragraph."""
    image = lxml_html.fragment_fromstring("<" + found["image"])
    if found["decorative"]:
        image.set("class", " ".join([*(image.get("class") or "").split(), "decorative"]))
    if not found["lone"]:
        return lxml_html.tostring(image, encoding="unicode")
    figure = etree.Element("figure")
    figure.append(image)
    caption = (image.attrib.pop("title", "") or "").strip()
    if caption:
        etree.SubElement(figure, "figcaption").text = caption
    return lxml_html.tostring(figure, encoding="unicode")


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


def with_footnotes(html):
    """The whole HTML as a tree, for the footnotes, when it has any."""
    root = lxml_html.fragment_fromstring(html, create_parent=WRAPPER)
    footnotes(root)
    return (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def finish(html):
    """The parser's HTML with the site's additions."""
    html = without_comments(html)  # first: nothing below ever sees a note
    html = IMAGE.sub(figure_or_decorative, html)
    if "footnote-definition" in html:
        html = with_footnotes(html)
    return site_links(html)
