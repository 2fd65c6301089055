"""Each article's and page's address worked out once, before pages are written.

Pelican works out `url` afresh each time a template, a link or a feed asks
for it (Content.url: a copy of the metadata, a relative path, a format):
28,000 times at 1,000 articles, a tenth of a build. Once the generators are
done nothing moves an article, so when the writer is made each article and
page gets its address as `override_url`, the attribute through which Pelican
serves a `URL:` written in the metadata (guard.py names it): the same text,
worked out once. Static files are left alone ({attach} moves them while pages
are written, and will not move one whose address is overridden).
"""

from pelican.contents import Article, Page


def settle(contents):
    for item in contents:
        if isinstance(item, (Article, Page)) and not hasattr(item, "override_url"):
            try:
                item.override_url = item.url
            except Exception:  # the template will meet it as Pelican raises it
                pass
