"""Reading aids: minutes to read, and related articles by shared tags."""

import heapq
import re
from collections import Counter, defaultdict

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


def apply(articles, settings):
    limit = settings["RELATED_ARTICLES"]
    for article in articles:
        set_minutes(article, settings)
    for article, others in related_by_tags(articles, limit).items():
        article.related_articles = others
