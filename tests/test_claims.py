"""Everything the site says about the practice is in one reviewed list
(tests/claims.json), each claim with where it comes from and the words there
that hold it.

The list covers every page that is not an article (its text, headings and meta
description), the parts every page shares (header, footer, crisis banner), the
call-to-action blocks, the services and author boxes, and the JSON-LD's facts
about the practice and its people. A new or changed sentence anywhere fails
here until it is reviewed; so does evidence its source does not hold, and
evidence that holds only part of its claim.
"""

import json
import re
from fnmatch import fnmatch

import pytest

from claims import SHARED, folded, is_article, page_claims, shared_claims, structured_claims
from conftest import ROOT

REVIEWED = json.loads((ROOT / "tests/claims.json").read_text(encoding="utf-8"))
SOURCES = ROOT / "tests" / "sources"
GROUPS = [*SHARED, "structured data"]
# Words that carry no fact of their own: a claim may use them where its
# evidence does not.
FRAMING = set("""
a an the and or but nor of in on at to for from with by as is are was were be been being it its it's
this that these those there here their them they you your yours you're we our us i me my he she her his
who which what when where whether how if so not no do does can could may might will would should than
then into about also each every any all both one own more most just can't don't doesn't isn't aren't
""".split())
# A few words the sources write another way.
SAME_AS = {"lmft": ["licensed", "marriage", "family", "therapist"],
           "four": ["individual", "couples", "relationship", "anger"]}


def entries(items):
    """(claim, entry) for every claim of a reviewed list; an entry may hold
    one claim or several sharing a source."""
    for entry in items:
        for claim in entry.get("claims", [entry.get("claim")]):
            yield folded(claim), entry


def pattern(claim):
    """A claim as a regular expression: {name} stands for a tag's, topic's or
    author's name, which is the articles' metadata (the author's words)."""
    return re.compile("".join(".+?" if part == "{name}" else re.escape(part)
                              for part in re.split(r"(\{name\})", claim)) + r"\Z")


def unreviewed(said, items):
    reviewed = [pattern(claim) for claim, _entry in entries(items)]
    return [sentence for sentence in said if not any(claim.match(sentence) for claim in reviewed)]


def stem(word):
    """Enough of a stem to match "managing" with "manage", "therapies" with "therapy"."""
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    for ending in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def words(text):
    return re.findall(r"[a-z0-9$]+(?:['-][a-z0-9]+)*", folded(text).lower())


def unsupported_words(claim, evidence):
    """The words of a claim that its evidence does not hold (framing aside)."""
    held = {stem(word) for quote in evidence for word in words(quote)}
    missing = []
    for word in words(claim.replace("{name}", "")):
        needed = SAME_AS.get(word, [word])
        if word not in FRAMING and not all(stem(part) in held for part in needed):
            missing.append(word)
    return missing


def reviewed_for(page):
    matches = [key for key in REVIEWED["pages"] if fnmatch(page, key)]
    assert len(matches) == 1, f"{page}: {len(matches)} entries of claims.json name it (one is needed)"
    return REVIEWED["pages"][matches[0]]


@pytest.fixture(scope="module")
def documents(site):
    """Every page the site publishes, parsed once, by its path (page_claims works on a copy)."""
    return {str(path.relative_to(site.output)): site.html(path.relative_to(site.output)) for path in site.pages()}


@pytest.fixture(scope="module")
def pages(documents):
    """The pages that are not articles."""
    return {page: document for page, document in documents.items() if not is_article(document)}


def test_every_page_that_is_not_an_article_says_only_reviewed_claims(pages):
    problems = {}
    for page, document in pages.items():
        said = page_claims(document)
        items = reviewed_for(page)
        missing = unreviewed(said, items)
        if missing:
            problems[page] = missing
    assert problems == {}, "sentences no reviewed claim covers (add them to claims.json with their source)"


def test_every_reviewed_page_claim_is_still_said(pages):
    stale = []
    for key, items in REVIEWED["pages"].items():
        said = [sentence for page, document in pages.items() if fnmatch(page, key)
                for sentence in page_claims(document)]
        assert said, f"claims.json names {key}, which the site does not publish"
        stale += [(key, claim) for claim, _entry in entries(items)
                  if not any(pattern(claim).match(sentence) for sentence in said)]
    assert stale == [], "reviewed claims no page says any more"


@pytest.mark.parametrize("group", GROUPS)
def test_shared_places_say_only_reviewed_claims_everywhere(documents, group):
    said = set()
    for document in documents.values():
        said.update(structured_claims(document) if group == "structured data" else shared_claims(document, group))
    assert said, f"no page has {group}"
    assert unreviewed(sorted(said), REVIEWED[group]) == [], f"{group}: claims no review covers"
    stale = [claim for claim, _entry in entries(REVIEWED[group])
             if not any(pattern(claim).match(sentence) for sentence in said)]
    assert stale == [], f"{group}: reviewed claims no page says any more"


def all_entries():
    for group in GROUPS:
        yield from entries(REVIEWED[group])
    for items in REVIEWED["pages"].values():
        yield from entries(items)


def test_every_claim_is_held_whole_by_its_sources():
    """Each quote of the evidence is in its source, word for word, and every
    word of the claim that says something is in the quotes."""
    problems = []
    for claim, entry in all_entries():
        if "site" in entry:
            assert entry["site"].strip() and "evidence" not in entry, entry  # why it is true, for the reviewer
            continue
        quotes = []
        for source, said in entry["evidence"].items():
            text = folded((SOURCES / source).read_text(encoding="utf-8")).lower()
            problems += [(claim, f"not in {source}", quote) for quote in said if folded(quote).lower() not in text]
            quotes += said
        missing = unsupported_words(claim, quotes)
        if missing:
            problems.append((claim, "words the evidence does not hold", missing))
    assert problems == []


def test_what_the_site_says_of_itself_names_a_test_that_holds_it_where_it_can():
    for claim, entry in all_entries():
        if "held_by" not in entry:
            continue
        path, _, name = entry["held_by"].partition("::")
        text = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {re.escape(name)}\(", text, re.MULTILINE), (claim, entry["held_by"])


def test_the_word_rule_catches_a_claim_that_says_more_than_its_evidence():
    assert unsupported_words("A short conversation to see whether working together is right for you.",
                             ["see if rebuilding connection is right for you"]) == ["short", "conversation", "working",
                                                                                   "together"]
    assert unsupported_words("Liron, LMFT", ["Liron, Licensed Marriage and Family Therapist"]) == []
    assert unsupported_words("Tagged {name}", ["Tagged"]) == []


def test_sentences_no_source_supports_are_gone(site):
    """Sentences earlier reviews found unsupported (issues 13 and 22)."""
    removed = ["can be individual or part of couples therapy", "There is no commitment",
               "do not send anything urgent by email", "You reach us by the links on the consultation page",
               "cannot respond to urgent messages", "nobody learns which pages you read",
               "Meet together with Liron to understand what is happening between you",
               "Meet with Liron to talk about what brings you in",
               "Begin learning to notice and manage reactive patterns",
               "In the consultation you can ask about", "or at any time before you begin",
               "works with individuals and couples in Hebrew and English"]
    for page in site.pages():
        text = folded(page.read_text(encoding="utf-8")) + folded(site.html(page.relative_to(site.output)).get_text(" "))
        for sentence in removed:
            assert sentence not in text, (page, sentence)
