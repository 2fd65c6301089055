"""Runs the alt-text rules over every article and page once Markdown is rendered.

It reads each content's HTML as the author's Markdown produced it (before
Pelican rewrites {static} links), so a finding can point at the source line
that holds the image and say whether the file exists.
"""

import os

from bs4 import BeautifulSoup

from . import source_lines
from .alt_rules import ImageUse, image_problems, page_problems
from .content_checks import target_in_content
from .settings import alt_text_settings

LINK_PREFIXES = ("{static}", "{attach}", "{filename}", "|static|", "|attach|", "|filename|")
REMOTE = ("http://", "https://", "//", "data:")


def image_file_exists(src, content_path, source_path):
    """Whether a local image src names a file in the content folder."""
    if src.startswith(REMOTE):
        return True  # not a local file; no local check to make
    path = src.split("?")[0].split("#")[0]
    for prefix in LINK_PREFIXES:
        if path.startswith(prefix):
            path = path[len(prefix) :]
            break
    candidates = [target_in_content(path, content_path, source_path)]
    if not path.startswith("/"):  # a plain relative src may also mean the content root
        candidates.append(os.path.join(content_path, path))
    return any(os.path.isfile(c) for c in candidates)


def _caption_of(img):
    figure = img.find_parent("figure")
    caption = figure.find("figcaption") if figure else None
    return caption.get_text(" ", strip=True) if caption else ""


def _nearby_text(img):
    """The text sharing the image's block, or else the blocks around it."""
    block = img.find_parent(["p", "a", "li", "td"]) or img.find_parent("figure") or img.parent
    own = block.get_text(" ", strip=True) if block else ""
    if own and block.name != "figure":
        return own
    if block is None:
        return ""
    sibling = block.find_previous_sibling() or block.find_next_sibling()
    return sibling.get_text(" ", strip=True) if sibling else ""


def images_in(content, options):
    """Every image of one article or page, as ImageUse records."""
    soup = BeautifulSoup(content._content or "", "html.parser")
    content_path = content.settings["PATH"]
    seen = {}
    for img in soup.find_all("img"):
        src = img.get("src", "")
        seen[src] = seen.get(src, 0) + 1
        classes = img.get("class") or []
        yield ImageUse(
            src=src,
            alt=img.get("alt"),
            line=source_lines.line_of(content.source_path, src, seen[src]),
            decorative=options["decorative_class"] in classes
            or img.get("role") in ("presentation", "none"),
            linked=img.find_parent("a") is not None,
            exists=image_file_exists(src, content_path, content.source_path),
            caption=_caption_of(img),
            nearby_text=_nearby_text(img),
        )
    for image_key, alt_key in options["metadata_images"].items():
        src = content.metadata.get(image_key)
        if src:
            yield ImageUse(
                src=str(src),
                alt=content.metadata.get(alt_key),
                line=source_lines.metadata_line(content.source_path, image_key),
                exists=image_file_exists(str(src), content_path, content.source_path),
            )


def check_content(content, findings):
    options = alt_text_settings(content.settings)
    images = list(images_in(content, options))
    title = content.metadata.get("title", "")
    for image in images:
        for problem in image_problems(image, title, options["max_length"]):
            _report(findings, content, image, problem)
    for image, problem in page_problems(
        images, options["repeated_phrase_words"], options["repeated_phrase_images"]
    ):
        _report(findings, content, image, problem)


def _report(findings, content, image, problem):
    findings.add(
        problem.rule, problem.severity, content.source_path, image.line,
        f"{problem.message} [{image.src}]", problem.hint, image.alt,
    )
