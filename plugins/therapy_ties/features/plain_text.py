"""Plain text from HTML, read by an HTML parser.

Titles, tags, names and alt texts are plain text already (what the author
typed, escaped by the theme). Summaries and page blocks are HTML: their text
for <title>, meta descriptions and JSON-LD is read here, with character
references decoded and white space folded. Jinja's `striptags` cuts anything
between a `<` and a `>` ("Love < fear? When 3 > 2" loses its middle); a parser
knows a lone `<` is text.
"""

from html.parser import HTMLParser


class _TextOnly(HTMLParser):
    SKIPPED = {"script", "style", "template"}
    # Tags between which a reader sees a break: their text must not run together.
    BREAKS = {"p", "br", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "figcaption", "td", "th", "dt", "dd", "tr", "section", "article", "aside"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1
        elif tag in self.BREAKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def plain_text(html):
    """The text a reader sees in `html`, on one line."""
    if not html:
        return ""
    parser = _TextOnly()
    parser.feed(str(html))
    parser.close()
    return " ".join("".join(parser.parts).split())
