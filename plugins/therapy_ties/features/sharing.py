"""What a page is shared and found with: its sharing card or image, and its
structured data (JSON-LD)."""

from pelican.contents import Article

from ..images.social_cards import SocialCards
from . import structured_data


def _share_image(settings, article):
    """(absolute URL, alt) of the image an article is shared with."""
    chosen = article.metadata.get("image")
    if chosen:
        path = str(chosen).replace("{static}", "").lstrip("/")
        return structured_data.absolute(settings, path), article.metadata.get("image_alt", "")
    return structured_data.absolute(settings, article.social_card), article.social_card_alt


def describe_for_sharing(settings, context, articles, pages):
    """Every article's and page's structured data, the site's and authors';
    the sharing cards to draw."""
    cards = SocialCards(settings)
    cards.assign(articles)
    context["SITE_SOCIAL_CARD"] = structured_data.absolute(settings, cards.site_card)
    context["SITE_JSON_LD"] = structured_data.for_site(settings)
    context["AUTHOR_JSON_LD"] = {
        author.name: structured_data.for_author(settings, author) for author, _ in context.get("authors", [])
    }
    for content in articles + pages:
        describe(settings, content)
    return cards


def describe(settings, content):
    """One article's or page's structured data (and an article's shared image)."""
    if isinstance(content, Article):
        content.share_image, content.share_image_alt = _share_image(settings, content)
        content.json_ld = structured_data.for_article(settings, content, content.share_image)
    else:
        content.json_ld = structured_data.for_page(settings, content)
