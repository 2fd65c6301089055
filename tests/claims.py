"""Reading the claims a built site makes, for tests/test_claims.py.

A claim is a sentence, a heading, a list item, a meta description or a fact in
the JSON-LD. Each is read from one of these places:

- a page's own text (every page that is not an article): its <main> without the
  shared blocks below, and its meta description;
- the parts every page shares: the header's tagline, the footer, the crisis
  banner;
- the call-to-action blocks (heading, intro, steps, button), wherever they are;
- the services box and the author boxes, wherever they are;
- the JSON-LD's nodes about the practice and its people.

An article's own text is the author's (tests/test_site.py holds it to her
source); the listings' article titles and summaries are that text again.
"""

import json
import re

SHARED = {
    "every page": "header.site-header .site-tagline, footer.site-footer, aside.crisis-banner",
    "calls to action": "aside.consultation",
    "boxes": "section.services-box, section.author-box",
}
# Text that quotes an article, not the practice: listed articles, drafts,
# pagination and the article neighbours.
NOT_CLAIMS = ".article-list, .archive-list, .taxonomy-list, .drafts, .recent-articles, nav.pagination, nav.neighbors"
BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, .site-tagline"
# "Dr. Vivian Oberling" is one name, not two sentences.
SENTENCE_END = re.compile(r"(?<!Dr\.)(?<=[.!?])\s+")
TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
# JSON-LD fields that say something (the rest are addresses and types).
JSON_LD_FACTS = ("name", "alternateName", "description", "jobTitle", "knowsLanguage", "areaServed",
                 "hasCredential", "founder", "author", "worksFor", "credentialCategory", "recognizedBy")
PEOPLE_AND_PRACTICE = {"Person", "MedicalBusiness", "Organization"}


def folded(text):
    return " ".join(text.translate(TYPOGRAPHY).split())


def is_article(document):
    kind = document.select_one('meta[property="og:type"]')
    return kind is not None and kind.get("content") == "article"


def sentences(node):
    """The sentences of every innermost block under `node` (or of node itself)."""
    blocks = [node] if node.name in BLOCKS.replace(" ", "").split(",") else node.select(BLOCKS)
    found = []
    for block in blocks:
        if block.find(["p", "li", "ul", "ol"]):
            continue
        text = folded(block.get_text(" ")).replace(" .", ".").replace(" ,", ",").replace(" :", ":")
        found += [sentence for sentence in SENTENCE_END.split(text) if sentence]
    return found


def _copy(document):
    return type(document)(str(document), "html.parser")


def page_claims(document):
    """The page's own claims: its meta description and its main text, without
    the shared blocks and without what quotes articles."""
    document = _copy(document)
    found = []
    description = document.select_one('meta[name="description"]')
    if description is not None and description.get("content"):
        found += SENTENCE_END.split(folded(description["content"]))
    main = document.select_one("main")
    for shared in main.select(", ".join([*SHARED.values(), NOT_CLAIMS])):
        shared.decompose()
    return found + sentences(main)


def shared_claims(document, place):
    """The claims of one of the SHARED places on this page."""
    found = []
    for node in document.select(SHARED[place]):
        found += sentences(node)
    return found


def _facts(value):
    if isinstance(value, str):
        yield folded(value)
    elif isinstance(value, list):
        for item in value:
            yield from _facts(item)
    elif isinstance(value, dict):
        for key in JSON_LD_FACTS:
            if key in value:
                yield from _facts(value[key])


def _nodes(value):
    if isinstance(value, dict):
        if value.get("@type") in PEOPLE_AND_PRACTICE:
            yield value
        for item in value.values():
            yield from _nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _nodes(item)


def structured_claims(document):
    """The facts the JSON-LD states about the practice and its people."""
    found = []
    for script in document.select('script[type="application/ld+json"]'):
        for node in _nodes(json.loads(script.string)):
            found += [fact for fact in _facts(node) if fact]
    return found
