"""Reading aids: minutes to read, and related articles by shared tags."""

from collections import defaultdict

from markupsafe import Markup

WORDS_PER_MINUTE = 220


def reading_minutes(html, words_per_minute=WORDS_PER_MINUTE):
    words = len(Markup(html or "").striptags().split())
    return max(1, round(words / words_per_minute))


def related_by_tags(articles, limit=3):
    """{article: [the `limit` articles sharing most tags with it, newest first]}."""
    by_tag = defaultdict(list)
    for article in articles:
        for tag in getattr(article, "tags", []):
            by_tag[tag].append(article)
    related = {}
    for article in articles:
        shared = defaultdict(int)
        for tag in getattr(article, "tags", []):
            for other in by_tag[tag]:
                if other is not article:
                    shared[other] += 1
        ranked = sorted(shared, key=lambda other: (shared[other], other.date), reverse=True)
        related[article] = ranked[:limit]
    return related


def apply(articles, settings):
    words_per_minute = settings.get("READING_WORDS_PER_MINUTE", WORDS_PER_MINUTE)
    limit = settings.get("RELATED_ARTICLES", 3)
    for article in articles:
        article.reading_minutes = reading_minutes(article._content, words_per_minute)
    for article, others in related_by_tags(articles, limit).items():
        article.related_articles = others
