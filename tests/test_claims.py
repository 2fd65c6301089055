"""Every sentence the practice's pages say about it is in one reviewed list
(tests/claims.json) with the words of the source that support it: a new or
changed sentence fails here until it is reviewed, and evidence that is not in
its source fails too."""

import json

import pytest

from claims import CLAIM_PAGES, folded, page_sentences
from conftest import ROOT

CLAIMS = {page: items for page, items in json.loads((ROOT / "tests/claims.json").read_text(encoding="utf-8")).items()
          if not page.startswith("_")}
SOURCES = ROOT / "tests" / "sources"


def test_the_list_covers_exactly_the_pages_that_speak_for_the_practice():
    assert sorted(CLAIMS) == sorted(CLAIM_PAGES)


@pytest.mark.parametrize("page", CLAIM_PAGES)
def test_every_sentence_on_the_page_is_a_reviewed_claim(site, page):
    said = page_sentences(site.html(page))
    reviewed = [folded(item["claim"]) for item in CLAIMS[page]]
    assert [s for s in said if s not in reviewed] == [], "sentences no reviewed claim covers"
    assert [c for c in reviewed if c not in said] == [], "reviewed claims the page no longer says"


@pytest.mark.parametrize("page", CLAIM_PAGES)
def test_every_claim_quotes_its_source(page):
    for item in CLAIMS[page]:
        if item["source"] == "site":
            assert item["evidence"], item  # a reason, for the reviewer
            continue
        source = folded((SOURCES / item["source"]).read_text(encoding="utf-8")).lower()
        assert folded(item["evidence"]).lower() in source, item


def test_sentences_no_source_supports_are_gone(site):
    """The sentences the launch review found unsupported (issue 13)."""
    removed = ["can be individual or part of couples therapy", "There is no commitment",
               "do not send anything urgent by email", "You reach us by the links on the consultation page",
               "cannot respond to urgent messages"]
    for page in site.pages():
        text = folded(site.html(page.relative_to(site.output)).get_text(" "))
        for sentence in removed:
            assert sentence not in text, (page, sentence)
