"""`invoke markdown-diff`: every Markdown file of the site rendered twice,
with Python-Markdown as Pelican's own reader runs it (MARKDOWN in the
settings) and with the site's CommonMark reader, and the files whose HTML
differs listed with their first difference. A one-off tool for moving a
Pelican site from one to the other.

The HTML is compared as documents, not as text: both are parsed and written
again the same way (attributes sorted, space between blocks ignored, `&rsquo;`
and ’ the same character). A difference that goes away when curly quotes,
dashes and ellipses are folded to their plain forms is "typography only".
"""

import os
from dataclasses import dataclass

from lxml import html as lxml_html
from pelican.readers import MarkdownReader

TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "--", "…": "..."})


@dataclass
class Difference:
    path: str
    part: str  # "text" or "summary"
    typography_only: bool
    before: str
    after: str


def normalized(html):
    """One line per element, attributes sorted, whitespace collapsed."""
    if not html or not html.strip():
        return []
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    lines = []

    def walk(element, depth):
        if not isinstance(element.tag, str):
            return
        attributes = " ".join(f'{name}="{value}"' for name, value in sorted(element.attrib.items()))
        text = " ".join((element.text or "").split())
        lines.append(f"{'  ' * depth}<{element.tag}{' ' + attributes if attributes else ''}> {text}".rstrip())
        for child in element:
            walk(child, depth + 1)
            tail = " ".join((child.tail or "").split())
            if tail:
                lines.append(f"{'  ' * (depth + 1)}{tail}")

    for child in root:
        walk(child, 0)
    if (root.text or "").strip():
        lines.insert(0, " ".join(root.text.split()))
    return lines


def first_difference(before, after):
    for position, (old, new) in enumerate(zip(before, after)):
        if old != new:
            return position, old, new
    position = min(len(before), len(after))
    return position, (before[position:] or [""])[0], (after[position:] or [""])[0]


def compare(path, part, old_html, new_html):
    before, after = normalized(old_html), normalized(new_html)
    if before == after:
        return None
    folded = [line.translate(TYPOGRAPHY) for line in before] == [line.translate(TYPOGRAPHY) for line in after]
    _, old, new = first_difference(before, after)
    return Difference(path, part, folded, old.strip(), new.strip())


def markdown_files(settings):
    """Every Markdown file Pelican reads, as the content checks find them."""
    from therapy_ties.checks.content_checks import markdown_files as found

    return [path for _kind, path in found(settings)]


def differences(settings):
    """Every Difference between the two readers over the site's Markdown files."""
    from therapy_ties import add_markdown_extensions
    from therapy_ties.reader import CommonMarkReader

    add_markdown_extensions(settings.setdefault("MARKDOWN", {}))
    old_reader, new_reader = MarkdownReader(settings), CommonMarkReader(settings)
    found = []
    for path in markdown_files(settings):
        old_html, old_metadata = old_reader.read(path)
        new_html, new_metadata = new_reader.read(path)
        relative = os.path.relpath(path, os.path.dirname(settings["PATH"]))
        for part, old, new in (("text", old_html, new_html),
                               ("summary", str(old_metadata.get("summary", "")), str(new_metadata.get("summary", "")))):
            difference = compare(relative, part, old, new)
            if difference:
                found.append(difference)
    return found


def report(found, files):
    lines = [f"{len(files)} Markdown files rendered by both readers; "
             f"{len({d.path for d in found})} differ ({sum(d.typography_only for d in found)} in typography only)."]
    for difference in found:
        kind = "typography only" if difference.typography_only else "differs"
        lines.append(f"{difference.path} ({difference.part}, {kind}):\n"
                     f"    Python-Markdown: {difference.before[:160]}\n"
                     f"    CommonMark:      {difference.after[:160]}")
    return "\n".join(lines)

