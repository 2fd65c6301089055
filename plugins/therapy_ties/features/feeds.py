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


class Entries:
    """The articles and pages by the address a feed links them with, worked
    out once a build (a site has a dozen feeds or more), not once a feed."""

    def __init__(self, contents):
        self.contents = contents
        self._by_siteurl = {}

    def at(self, context, item):
        """The article or page a feed item links to, or None."""
        siteurl = context.get("SITEURL", "")
        if siteurl not in self._by_siteurl:
            self._by_siteurl[siteurl] = {address(siteurl, content): content for content in self.contents}
        return self._by_siteurl[siteurl].get(item_url(item))


def keep_plain_titles(context, feed, entries):
    """Pelican runs titles through `striptags` for feeds, which cuts "Love <
    fear? When 3 > 2" to "Love 2": titles here are plain text, kept whole."""
    for item in feed.items:
        content = entries.at(context, item)
        if content is not None:
            item["title"] = content.title
    feed_base = context.get("FEED_DOMAIN") or context.get("SITEURL", "")
    for kind, names in (("CATEGORY", context.get("categories", [])), ("TAG", context.get("tags", []))):
        for taxonomy, _articles in names:
            for form in ("ATOM", "RSS"):
                pattern = context.get(f"{kind}_FEED_{form}")
                if pattern and feed.feed.get("feed_url") == f"{feed_base}/{pattern.format(slug=taxonomy.slug)}":
                    feed.feed["title"] = f"{context['SITENAME']} - {taxonomy.name}"


def mark_languages(context, feed, entries, env):
    """Entries in another language than the site's carry lang (and dir) on
    their HTML (partials/feed_language.html), so feed readers show them right."""
    site_lang = context.get("DEFAULT_LANG")
    template = None
    for item in feed.items:
        content = entries.at(context, item)
        lang = (getattr(content, "lang", None) or site_lang) if content is not None else site_lang
        if lang == site_lang:
            continue
        template = template or env.get_template("partials/feed_language.html")
        for field in ("content", "description"):
            if item.get(field):
                item[field] = template.render(context, lang=lang, html=item[field])


def mark_unconfirmed_dates(context, feed, entries, env):
    """A feed entry needs a date; one the practice has not confirmed says so
    above its text (partials/feed_date_unconfirmed.html), as its page does."""
    template = None
    for item in feed.items:
        content = entries.at(context, item)
        if content is None or getattr(content, "date_confirmed", True):
            continue
        template = template or env.get_template("partials/feed_date_unconfirmed.html")
        for field in ("content", "description"):
            if item.get(field):
                item[field] = template.render(context, html=item[field])
