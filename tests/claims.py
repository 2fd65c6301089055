"""Reading the claims a page makes: its sentences, for tests/test_claims.py."""

import re

# The pages that speak for the practice: what it is, offers and how to begin.
CLAIM_PAGES = [
    "index.html", "about/index.html", "services/index.html", "services/anger-management/index.html",
    "services/couples-therapy/index.html", "services/individual-therapy/index.html",
    "services/relationship-therapy/index.html", "areas-served/index.html", "free-consultation/index.html",
]
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def folded(text):
    return " ".join(text.translate(TYPOGRAPHY).split())


def page_sentences(document):
    """Every sentence of the page's own text (paragraphs and list items of its
    main content; not the call-to-action, which is a setting, and not a
    paragraph or item that is only a link)."""
    main = document.select_one("main")
    for aside in main.select("aside"):
        aside.decompose()
    found = []
    for block in main.select("p, li"):
        if block.find(["p", "li", "ul", "ol"]):
            continue
        text = folded(block.get_text(" ")).replace(" .", ".").replace(" ,", ",").replace(" :", ":")
        linked = folded(" ".join(a.get_text(" ") for a in block.select("a")))
        if not text or text == linked:
            continue
        found += [sentence for sentence in SENTENCE_END.split(text) if sentence]
    return found
