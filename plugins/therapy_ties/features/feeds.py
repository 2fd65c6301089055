"""Feeds as Pelican writes them, corrected where its feed writer falls short
of our content (feed_generated: the feed is built, not yet written)."""

from urllib.parse import unquote


def item_url(item):
    """An entry's page address as the site knows it: feedgenerator percent-
    encodes links (an address in Hebrew), Pelican may add ?ref=feed."""
    return unquote(item.get("link", "").split("?")[0])


def address(siteurl, content):
    """An article's or page's address, as item_url gives it back."""
    return unquote(f"{siteurl}/{content.url}")


def _by_url(context, contents, value):
    siteurl = context.get("SITEURL", "")
    return {address(siteurl, content): value(content) for content in contents}


def keep_plain_titles(context, feed, contents):
    """Pelican runs titles through `striptags` for feeds, which cuts "Love <
    fear? When 3 > 2" to "Love 2": titles here are plain text, kept whole."""
    titles = _by_url(context, contents, lambda content: content.title)
    for item in feed.items:
        item["title"] = titles.get(item_url(item), item["title"])
    feed_base = context.get("FEED_DOMAIN") or context.get("SITEURL", "")
    for kind, names in (("CATEGORY", context.get("categories", [])), ("TAG", context.get("tags", []))):
        for taxonomy, _articles in names:
            for form in ("ATOM", "RSS"):
                pattern = context.get(f"{kind}_FEED_{form}")
                if pattern and feed.feed.get("feed_url") == f"{feed_base}/{pattern.format(slug=taxonomy.slug)}":
                    feed.feed["title"] = f"{context['SITENAME']} - {taxonomy.name}"


def mark_languages(context, feed, contents, env):
    """Entries in another language than the site's carry lang (and dir) on
    their HTML (partials/feed_language.html), so feed readers show them right."""
    site_lang = context.get("DEFAULT_LANG")
    languages = _by_url(context, contents, lambda content: getattr(content, "lang", None) or site_lang)
    if env is None or set(languages.values()) <= {site_lang}:
        return
    template = env.get_template("partials/feed_language.html")
    for item in feed.items:
        lang = languages.get(item_url(item), site_lang)
        for field in ("content", "description"):
            if lang != site_lang and item.get(field):
                item[field] = template.render(context, lang=lang, html=item[field])
