"""Reading aids: minutes to read, and related articles by shared tags."""

from datetime import datetime, timedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from therapy_ties.features.reading import reading_minutes, related_by_tags


class Article:
    """As Pelican's: hashable, equal only to itself."""

    def __init__(self, name, tags, date):
        self.name, self.tags, self.date = name, tags, date


def article(name, tags, day):
    return Article(name, tags, datetime(2026, 1, 1) + timedelta(days=day))


def test_minutes_count_words_not_markup():
    assert reading_minutes("<p>" + "word " * 400 + "</p>", 200) == 2
    assert reading_minutes("", 200) == 1  # never "0 minutes"


def test_related_articles_share_most_tags_then_are_newest_and_never_the_article_itself():
    trust, repair, anger = "trust", "repair", "anger"
    a = article("a", [trust, repair], 1)
    b = article("b", [trust, repair], 2)
    c = article("c", [trust], 5)
    d = article("d", [trust], 3)
    e = article("e", [anger], 9)
    related = related_by_tags([a, b, c, d, e], limit=2)
    assert related[a] == [b, c]  # b shares two tags; c and d one, c is newer
    assert related[b] == [a, c]
    assert related[e] == []  # nothing shares its tag
    assert all(x not in others for x, others in related.items())


def ranked_in_full(articles, limit):
    """The ranking as first written: every article sharing a tag, sorted."""
    related = {}
    for one in articles:
        shared = {}
        for other in articles:
            count = len(set(one.tags) & set(other.tags))
            if count:
                shared[other] = count
        ranking = sorted(shared, key=lambda other: (shared[other], other.date), reverse=True)
        related[one] = [other for other in ranking if other is not one][:limit]
    return related


@given(st.lists(st.tuples(st.lists(st.sampled_from("abcde"), max_size=3, unique=True), st.integers(0, 60)),
                max_size=25, unique_by=lambda spec: spec[1]), st.integers(1, 4))
@settings(max_examples=200, deadline=None)
def test_the_ranking_is_the_full_sort_cut_short(specs, limit):
    """Any tags, any limit (dates differ: two articles of one day may come in either order)."""
    articles = [article(str(n), tags, day) for n, (tags, day) in enumerate(specs)]
    expected = ranked_in_full(articles, limit)
    found = related_by_tags(articles, limit)
    assert {a.name: [o.name for o in found[a]] for a in articles} == \
        {a.name: [o.name for o in expected[a]] for a in articles}


def test_kept_related_articles_follow_any_change_of_tags_dates_or_order(tmp_path):
    """apply() with a kept file: the same articles (new objects, as the next
    build has them) get the kept ranking; a changed tag, date or order ranks
    afresh; either way the ranking is related_by_tags'."""
    from therapy_ties.features import reading

    kept = str(tmp_path / "related.pickle")
    settings_ = {"RELATED_ARTICLES": 2, "READING_WORDS_PER_MINUTE": 200}

    def build(specs):
        articles = [article(name, tags, day) for name, tags, day in specs]
        for item in articles:
            item.source_path, item._content = f"/content/{item.name}.md", "<p>Words.</p>"
        reading.apply(articles, settings_, kept)
        expected = related_by_tags(articles, 2)
        assert {a.name: [o.name for o in a.related_articles] for a in articles} == \
            {a.name: [o.name for o in expected[a]] for a in articles}
        return {a.name: [o.name for o in a.related_articles] for a in articles}

    specs = [("a", ["trust", "repair"], 1), ("b", ["trust", "repair"], 2), ("c", ["trust"], 5), ("d", ["trust"], 3)]
    first = build(specs)
    original = reading.related_by_tags
    reading.related_by_tags = None  # kept: not ranked again (calling it would fail)
    try:
        assert build(specs) == first
    finally:
        reading.related_by_tags = original
    assert build([("a", ["trust"], 1)] + specs[1:])["b"] == ["c", "d"]  # a lost a tag
    assert build(specs[:2] + [("c", ["trust"], 1), specs[3]])["a"] == ["b", "d"]  # c is older now
