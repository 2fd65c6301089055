"""Settings for production: everything in pelicanconf.py, plus absolute URLs,
feeds, and a build that fails on content errors.

SITEURL comes from the environment so that one command publishes anywhere:
    SITEURL=https://www.example.org invoke publish
Its default is a placeholder (the reserved .example domain): the practice's
real address has not been given to us, and a build with the placeholder logs a
warning saying so.
"""

import os
import runpy
from pathlib import Path

# Every setting of pelicanconf.py beside this file, read by its path: however
# Pelican is started, the project folder need not be importable.
local_settings = {name: value for name, value in runpy.run_path(str(Path(__file__).with_name("pelicanconf.py"))).items()
         if name.isupper()}
globals().update(local_settings)

PLACEHOLDER_SITEURL = "https://therapyties.example"
SITEURL = os.environ.get("SITEURL", PLACEHOLDER_SITEURL).rstrip("/")
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/category/{slug}.rss.xml"
RSS_FEED_SUMMARY_ONLY = False  # feed readers get whole articles

# A clean production build reads every file and renders every page afresh,
# and keeps no content cache (saving it cost half a second at 1,000 articles,
# for no later build: local builds keep their own).
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
DELETE_OUTPUT_DIRECTORY = True

# Minified HTML and CSS for readers on slow phones (plugins/therapy_ties/output/minify.py).
MINIFY = True

# Pagefind indexes the written site for the search page (plugins/therapy_ties).
SEARCH_INDEX = True

# .gz and .br beside every text file, for hosts that serve precompressed files
# (nginx gzip_static, see README); cached by content in CACHE_PATH/compressed.
PRECOMPRESS = True
# The sitemap plugin comes first so that ours can steady its dates after it.
PLUGINS = ["pelican.plugins.sitemap"] + local_settings["PLUGINS"]
# Future-dated posts wait for their date; drafts are never written.
WITH_FUTURE_DATES = False
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
DRAFT_URL = DRAFT_LANG_URL = ""
# GitHub Pages: the practice's own domain (for example "www.example.org"),
# written as the CNAME file on every publish to gh-pages, which is how GitHub
# keeps a custom domain. Empty: a CNAME already on the branch is kept.
GITHUB_PAGES_CNAME = ""

# Where `invoke publish` (and the editor's Publish buttons) publish when no
# --to is given: a folder, [user@]host:path, gh-pages or s3://bucket/prefix.
# Empty: the person who sets the computer up fills it in.
PUBLISH_TARGET = ""

# Publishing over SSH (--to [user@]host:path or ssh://[user@]host[:port]/path):
# the ssh command rsync and the switch run with; your ~/.ssh/config applies.
PUBLISH_SSH = "ssh"

# A rehearsal publish (`invoke publish --staging`): every page says it is a
# preview and asks search engines not to index it, and the sitemap lists nothing.
STAGING = os.environ.get("THERAPY_TIES_STAGING") == "1"
SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.7, "indexes": 0.5, "pages": 0.6},
    "changefreqs": {"articles": "monthly", "indexes": "weekly", "pages": "monthly"},
    # Host files are not pages; a staging site has no page to offer.
    "exclude": [r".*"] if STAGING else [r"^(robots\.txt|_headers)$"],
}
