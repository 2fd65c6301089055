"""Pages show photographs as <picture>s.

Every <img> of a written page whose file the site publishes (variants.py)
becomes <picture> markup (theme/templates/partials/picture.html) with width,
height, srcset, sizes, and loading hints (first image eager with high
priority, the rest lazy), rewritten into the written HTML once Pelican has
resolved every link.
"""

import os
import re
from html.parser import HTMLParser
from urllib.parse import quote, unquote

from .variants import PROCESSED

IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)  # a quoted > is no end
# What an attribute name may be when written back (a pasted tag can hold anything).
ATTRIBUTE_NAME = re.compile(r"^[a-z_:][-a-z0-9_:.]*$")


class _ImgAttributes(HTMLParser):
    """An <img> tag's attributes as plain text: an HTML parser reads any quoting
    and decodes character references; the template escapes them again."""

    def handle_starttag(self, tag, attrs):
        self.found = {name: value or "" for name, value in attrs if ATTRIBUTE_NAME.match(name)}

    handle_startendtag = handle_starttag


def _attributes(tag):
    parser = _ImgAttributes(convert_charrefs=True)
    parser.found = {}
    parser.feed(tag)
    parser.close()
    return parser.found


class PictureWriter:
    """Rewrites <img> tags of a written page into responsive <picture> markup."""

    def __init__(self, work, env, output_path):
        self.work = work
        self.template = env.get_template("partials/picture.html")
        self.output_path = output_path
        self.siteurl = work.settings.get("SITEURL", "")

    def _relative_source(self, page_path, src):
        """The output-relative path an img src points at, or None if elsewhere."""
        src = unquote(src.split("?")[0].split("#")[0])
        if self.siteurl and src.startswith(self.siteurl + "/"):
            return src[len(self.siteurl) + 1 :]
        if "://" in src or src.startswith("//") or src.startswith("data:"):
            return None
        if src.startswith("/"):
            return src.lstrip("/")
        page_dir = os.path.dirname(os.path.relpath(page_path, self.output_path))
        return os.path.normpath(os.path.join(page_dir, src)).replace(os.sep, "/")

    def _urls(self, page_path, item):
        """The variants' addresses relative to the page (short, and right under
        any SITEURL), percent-encoded: a space would split a srcset entry."""
        folder = os.path.join(self.output_path, os.path.dirname(item.relative))
        relative = os.path.relpath(folder, os.path.dirname(page_path)).replace(os.sep, "/")
        base = "" if relative == "." else relative + "/"

        def url(width, extension):
            return quote(base + item.variant_name(width, extension))

        extension = PROCESSED[item.info["format"]]
        return {"webp": [(url(w, "webp"), w) for w in item.info["widths"]],
                "fallback": url(item.info["fallback"], extension)}

    def rewrite(self, page_path, html):
        """The page's HTML with every <img> as a <picture>."""
        if "<img" not in html:
            return html
        position = {"index": 0}

        def replace(match):
            attributes = _attributes(match.group(0))
            first = position["index"] == 0
            position["index"] += 1
            item = self.work.published.get(self._relative_source(page_path, attributes.get("src", "")))
            return self.template.render(
                img=attributes, item=item, first=first, sizes=self.work.options["sizes"],
                urls=self._urls(page_path, item) if item else None,
            ).strip()

        return IMG_TAG.sub(replace, html)
