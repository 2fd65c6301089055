"""Runs the alt-text rules over every article and page once Markdown is rendered.

It reads each content's HTML as the author's Markdown produced it (before
Pelican rewrites {static} links), so a finding can point at the source line
that holds the image and say whether the file exists.
"""

import hashlib
import os
from functools import partial

import lxml.html

from ..settings import alt_text_settings
from ..workers import map_forked
from . import kept_results, source_lines
from .alt_rules import ImageUse, image_problems, page_problems
from .content_checks import target_in_content
from .kept_results import Recording

LINK_PREFIXES = ("{static}", "{attach}", "{filename}", "|static|", "|attach|", "|filename|")
REMOTE = ("http://", "https://", "//", "data:")
FEW = 50  # below this many contents, starting worker processes costs more than it saves


def image_file_exists(src, content_path, source_path, isfile=os.path.isfile):
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
    return any(isfile(c) for c in candidates)


def _text(element):
    """The element's words, each piece trimmed, joined by spaces."""
    return " ".join(piece.strip() for piece in element.itertext() if piece.strip())


def _ancestor(img, *tags):
    return next(img.iterancestors(*tags), None)


def _caption_of(img):
    figure = _ancestor(img, "figure")
    caption = next(figure.iter("figcaption"), None) if figure is not None else None
    return _text(caption) if caption is not None else ""


def _sibling(block):
    """The element before the block, or else the one after (comments skipped)."""
    for preceding in (True, False):
        for sibling in block.itersiblings(preceding=preceding):
            if isinstance(sibling.tag, str):
                return sibling
    return None


def _nearby_text(img):
    """The text sharing the image's block, or else the blocks around it."""
    block = _ancestor(img, "p", "a", "li", "td")
    if block is None:
        block = _ancestor(img, "figure")
    if block is None:
        block = img.getparent()
    own = _text(block)
    if own and block.tag != "figure":
        return own
    sibling = _sibling(block)
    return _text(sibling) if sibling is not None else ""


def _parse(html):
    """The content as one tree under a <div> (lxml's C parser: a fraction of
    BeautifulSoup's time on a thousand articles)."""
    if not html.strip():
        return None
    return lxml.html.fragment_fromstring(html, create_parent="div")


def images_in(content, options, content_path, isfile=os.path.isfile):
    """Every image of one article or page, as ImageUse records."""
    html = content._content or ""
    tree = _parse(html) if "<img" in html else None
    seen = {}
    for img in tree.iter("img") if tree is not None else ():
        src = img.get("src", "")
        seen[src] = seen.get(src, 0) + 1
        classes = (img.get("class") or "").split()
        yield ImageUse(
            src=src,
            alt=img.get("alt"),
            line=source_lines.line_of(content.source_path, src, seen[src]),
            decorative=options["decorative_class"] in classes
            or img.get("role") in ("presentation", "none"),
            linked=_ancestor(img, "a") is not None,
            exists=image_file_exists(src, content_path, content.source_path, isfile),
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
                exists=image_file_exists(str(src), content_path, content.source_path, isfile),
            )


def check_content(content, findings, settings=None, isfile=os.path.isfile):
    """The rules over one article or page (its own settings unless given)."""
    settings = content.settings if settings is None else settings
    options = alt_text_settings(settings)
    images = list(images_in(content, options, settings["PATH"], isfile))
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


def _recalled(content, kept):
    """(its source, its entry) kept from the last build, if what the content
    is made from did not change; else (its source, None)."""
    name = content.source_path
    return name, kept.recall(name, _made_from(content), content.settings) if kept else None


def _checked(content, project_root, keeping):
    """(its source, its entry) of one content checked afresh (may run in a worker)."""
    recording = Recording(content.settings, project_root)
    check_content(content, recording.findings, recording.settings, recording.isfile)
    return content.source_path, recording.entry(_made_from(content) if keeping else None)


def _made_from(content):
    """Digest of what the rules read of a content besides settings and files:
    its HTML, its source (for line numbers) and its metadata."""
    digest = hashlib.blake2b(digest_size=20)
    try:
        with open(content.source_path, "rb") as handle:
            digest.update(handle.read())
    except OSError:
        digest.update(b"(no source)")
    digest.update(b"\0" + (content._content or "").encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + repr(sorted((str(k), repr(v)) for k, v in content.metadata.items())).encode())
    return digest.digest()


def check_contents(contents, findings, workers, settings=None):
    """check_content for every article and page, on every core when there are
    many (a second at 1,000 articles on one); the findings are added, and
    shown, in the order of the contents, as one process adds them. A build
    that keeps Pelican's content cache keeps these results (kept_results.py)."""
    kept = None
    if settings is not None and kept_results.enabled(settings):
        kept = kept_results.KeptResults(settings, findings.project_root, "alt-text-checks")
    checked = [_recalled(content, kept) for content in contents]
    afresh = [content for content, (_name, entry) in zip(contents, checked) if entry is None]
    check = partial(_checked, project_root=findings.project_root, keeping=kept is not None)
    if workers < 2 or len(afresh) < FEW:
        done = iter([check(content) for content in afresh])
    else:
        done = iter(map_forked(check, afresh, workers, chunks_per_worker=4))
    checked = [next(done) if entry is None else (name, entry) for name, entry in checked]
    for name, entry in checked:
        for finding in entry.findings:
            findings.keep(finding)
        if kept:
            kept.keep(name, entry)
    if kept:
        kept.save()
