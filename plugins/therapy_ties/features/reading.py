"""Reading aids: minutes to read, and related articles by shared tags."""

import hashlib
import heapq
import re
from collections import Counter, defaultdict

from ..checks.kept_results import load_kept, save_kept

TAG = re.compile(r"<[^>]*>")


def reading_minutes(html, words_per_minute):
    words = len(TAG.sub(" ", html or "").split())
    return max(1, round(words / words_per_minute))


def related_by_tags(articles, limit=3):
    """{article: [the `limit` articles sharing most tags with it, newest first]}."""
    by_tag = defaultdict(list)
    for article in articles:
        for tag in getattr(article, "tags", []):
            by_tag[tag].append(article)
    # Articles with the same tags have the same ranking (less themselves):
    # rank once per set of tags, not once per article, or 5,000 articles take seconds.
    ranked_for = {}
    related = {}
    for article in articles:
        tags = tuple(getattr(article, "tags", []))
        if tags not in ranked_for:
            shared = Counter()
            for tag in tags:
                shared.update(by_tag[tag])
            # The first limit + 1 of the ranking (one may be the article itself), not all of it.
            ranked_for[tags] = heapq.nlargest(limit + 1, shared, key=lambda other: (shared[other], other.date))
        related[article] = [other for other in ranked_for[tags] if other is not article][:limit]
    return related


def set_minutes(article, settings):
    article.reading_minutes = reading_minutes(article._content, settings["READING_WORDS_PER_MINUTE"])


def apply(articles, settings, kept=None):
    """Minutes and related articles; `kept` (a file), where the build keeps
    Pelican's content cache, holds the last build's related articles, reused
    while every article's file, tags and date, in order, are as they were."""
    limit = settings["RELATED_ARTICLES"]
    for article in articles:
        set_minutes(article, settings)
    inputs = _ranking_inputs(articles, limit)
    by_source = {article.source_path: article for article in articles}
    remembered = load_kept(kept) if kept else None
    if remembered and remembered[0] == inputs:
        for article in articles:
            article.related_articles = [by_source[source] for source in remembered[1][article.source_path]]
        return
    related = related_by_tags(articles, limit)
    for article, others in related.items():
        article.related_articles = others
    if kept:
        save_kept(kept, (inputs, {a.source_path: [o.source_path for o in others] for a, others in related.items()}))


def _ranking_inputs(articles, limit):
    """What the ranking is made of: the articles in order, each by its file,
    its tags and its date (ties keep that order)."""
    return hashlib.blake2b(repr([limit] + [(a.source_path, [str(getattr(t, "slug", t)) for t in getattr(a, "tags", [])],
                                             a.date.isoformat() if hasattr(a, "date") else "")
                                            for a in articles]).encode(), digest_size=20).digest()

