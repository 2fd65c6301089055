"""Settings for local work: relative URLs, content cache on, no feeds.

publishconf.py imports everything here and switches on what production needs.
Facts about the practice come from shared/seeds/README.md; anything nobody has
told us (phone, email, street address, booking link) stays empty, and what is
empty is left out of the pages.
"""

AUTHOR = "Therapy Ties"
SITENAME = "Therapy Ties"
SITESUBTITLE = "Therapy for individuals and couples in Woodland Hills, Los Angeles"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["blog"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "files", "extra/favicon.ico"]
# Host files are templates: robots.txt names the sitemap's full address, and
# _headers (Netlify, Cloudflare Pages) carries the security headers below.
TEMPLATE_PAGES = {"extra/robots.txt": "robots.txt", "extra/_headers": "_headers"}
THEME = "theme"
TIMEZONE = "America/Los_Angeles"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

# --- Pretty URLs -----------------------------------------------------------
# Articles live under /blog/<slug>/, pages under /<slug>/, and pages kept in
# content/pages/services/ under /services/<slug>/ (url_prefix comes from the
# folder, through EXTRA_PATH_METADATA below).
DEFAULT_METADATA = {"url_prefix": ""}
EXTRA_PATH_METADATA = {
    "pages/services": {"url_prefix": "services/"},
    "extra/favicon.ico": {"path": "favicon.ico"},  # browsers ask for /favicon.ico
}
ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{url_prefix}{slug}/"
PAGE_SAVE_AS = "{url_prefix}{slug}/index.html"
# An article written in another language (`Lang: he`) lives at the same kind
# of address; the site keeps no translations (one slug, one article).
ARTICLE_LANG_URL, ARTICLE_LANG_SAVE_AS = ARTICLE_URL, ARTICLE_SAVE_AS
DRAFT_LANG_URL, DRAFT_LANG_SAVE_AS = DRAFT_URL, DRAFT_SAVE_AS
PAGE_LANG_URL, PAGE_LANG_SAVE_AS = PAGE_URL, PAGE_SAVE_AS
# Languages written right to left: an article in one gets dir="rtl".
RTL_LANGUAGES = ["he", "yi", "ar", "fa", "ur"]
CATEGORY_URL = "blog/category/{slug}/"
CATEGORY_SAVE_AS = "blog/category/{slug}/index.html"
TAG_URL = "blog/tag/{slug}/"
TAG_SAVE_AS = "blog/tag/{slug}/index.html"
AUTHOR_URL = "blog/author/{slug}/"
AUTHOR_SAVE_AS = "blog/author/{slug}/index.html"
INDEX_SAVE_AS = "blog/index.html"
ARCHIVES_URL = "blog/archives/"
ARCHIVES_SAVE_AS = "blog/archives/index.html"
CATEGORIES_URL = "blog/categories/"
CATEGORIES_SAVE_AS = "blog/categories/index.html"
TAGS_URL = "blog/tags/"
TAGS_SAVE_AS = "blog/tags/index.html"
AUTHORS_URL = "blog/authors/"
AUTHORS_SAVE_AS = "blog/authors/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "archives", "categories", "tags", "authors"]

DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Navigation is ours (theme/templates/partials/header.html), not Pelican's.
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False
MENU = [
    ("Services", "services/"),
    ("Blog", "blog/"),
    ("About", "about/"),
    ("Free consultation", "free-consultation/"),
]

# --- Security headers: one source for the <meta> CSP, _headers and the docs ---
# Nothing from other hosts, no inline script or style. Scripts from the site
# itself run only on the search page (Pagefind, which needs WebAssembly).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self'; style-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    # frame-ancestors only works as a header, so it is added here, not in <meta>.
    "Content-Security-Policy": CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), browsing-topics=(), interest-cohort=()",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# --- Feeds: none while working locally (publishconf.py turns them on) ------
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Pelican's Jinja options. autoescape: every value a template prints is
# escaped (a title with quotes, < or & stays text); the theme marks as safe only
# HTML that Pelican or our plugin made (`| safe` on content). The plain-text
# host files in content/extra/ switch it off for themselves. auto_reload off:
# every build makes a new template environment anyway, and Jinja otherwise looks
# at each template file's time again for every page that includes it (14,000
# looks at 1,000 articles).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [],
                     "autoescape": True, "auto_reload": False}

# --- Markdown --------------------------------------------------------------
# The site reads Markdown as CommonMark (plugins/therapy_ties/reader/). MARKDOWN
# is how Pelican's own reader (Python-Markdown) read it before: `invoke
# markdown-diff` renders every file both ways and lists what differs.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.smarty": {},
        # Ours: an image alone in its paragraph becomes a figure, its title the caption.
        "therapy_ties.features.figures": {},
        # Ours: HTML comments (the author's private notes) left out of every page and feed.
        "therapy_ties.features.private_notes": {},
    },
    "output_format": "html5",
}

# Related articles under each article (by shared tags).
RELATED_ARTICLES = 2

# --- Speed while working: reuse what did not change ------------------------
# Pelican's content cache (files read before), and with it the speed plugin's
# page cache: pages whose inputs did not change are copied, not rendered
# (plugins/pelican_fastbuild/page_cache.py). publishconf.py turns loading off.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# The content cache is saved after every local build; gzip (level 9) of it
# took half a second at 1,000 articles, for about 20 MB of disk saved.
GZIP_CACHE = False
CACHE_PATH = ".cache/pelican"

# Processes a build may use: None for one per core, 1 for one process only.
WORKERS = None

# --- Plugins ---------------------------------------------------------------
# Installed with the project (pyproject.toml), found by name. therapy_ties is
# the practice's; pelican_fastbuild (optional) builds the same site on every
# core, and comes first, so that its workers render while our checks run.
PLUGINS = ["pelican_fastbuild", "therapy_ties", "pelican.plugins.neighbors"]


# --- The practice ----------------------------------------------------------
# Facts from shared/seeds/README.md. Nothing here is invented: unknown contact
# details are empty strings, and the theme leaves out whatever is empty.
PRACTICE = {
    "name": "Therapy Ties",
    "kind": "Marriage and family therapy practice",
    "city": "Woodland Hills",
    "region": "Los Angeles, CA",
    "founder": "Liron",
    "founder_title": "Licensed Marriage and Family Therapist",
    "languages": ["English", "Hebrew"],
    "street_address": "",  # fill in to show it on the contact page
}

AREAS_SERVED = [
    "Woodland Hills",
    "West Hills",
    "Agoura Hills",
    "Encino",
    "Tarzana",
    "Sherman Oaks",
    "North Hollywood",
    "the greater San Fernando Valley",
]

# The consultation call-to-action: one source for every page that shows it.
# booking_url: a booking portal's address; empty means the free-consultation
# page of this site. phone and email: empty means left out everywhere.
CONSULTATION = {
    "booking_url": "",
    "phone": "",
    "email": "",
    "page_slug": "free-consultation",
    # Every sentence here is in tests/claims.json with the source's words that hold it.
    "heading": "Your first step",
    "intro": (
        "You don’t have to figure it out alone. The first step at Therapy Ties "
        "is a free 15-minute consultation, to explore whether therapy feels like "
        "the right next step for you."
    ),
    "steps": [
        "Schedule a free 15-minute consultation.",
        "Meet with Liron, a Licensed Marriage and Family Therapist.",
        "Begin the work of deeper self-understanding and more authentic relationships.",
    ],
    "button_label": "Schedule a free 15-minute consultation",
    "variants": {
        "relationship-therapy": {
            "service": "relationship therapy",
            "heading": "Start relationship therapy in Woodland Hills",
            "steps": [
                "Schedule a free 15-minute consultation to explore relationship therapy.",
                "Meet with relationship therapist Liron to better understand your relational patterns, "
                "emotional responses, and attachment needs.",
                "Begin rebuilding emotional safety, clarity and connection.",
            ],
        },
        "couples-therapy": {
            "service": "couples therapy",
            "heading": "Start couples therapy in Woodland Hills",
            "steps": [
                "Schedule a free 15-minute consultation to explore couples therapy.",
                "Meet with Liron to understand what created distance and learn tools to restore "
                "emotional safety and intimacy.",
                "Begin turning toward each other again.",
            ],
        },
        "individual-therapy": {
            "service": "individual therapy",
            "heading": "Start individual therapy in Woodland Hills",
            "steps": [
                "Schedule a free 15-minute consultation to explore individual therapy.",
                "Meet with Liron to explore your emotional patterns and attachment needs.",
                "Begin to slow down and understand the emotional patterns shaping your relationships.",
            ],
        },
        "anger-management": {
            "service": "anger management",
            "heading": "Start anger management in Woodland Hills",
            "steps": [
                "Schedule a free 15-minute consultation to explore anger management.",
                "Meet with Liron, a CAMS III-certified anger management specialist.",
                "Begin to manage reactive patterns and intense emotions.",
            ],
        },
    },
}

# Authors, each written once: shown in the box under their articles and on
# their author page. bio: paragraphs. works_for_practice: the author is part of
# the practice (JSON-LD worksFor); organization: the author is the practice.
AUTHOR_BIOS = {
    "Liron": {
        "role": "Licensed Marriage and Family Therapist, founder of Therapy Ties",
        # The author's own words, whole: the "About The Author" block of the seed
        # article "When Connection Feels Hard" (shared/seeds/000_…, tests/sources/).
        "bio": [
            "Hi, I’m Liron, a Licensed Marriage and Family Therapist and the founder of "
            "Therapy Ties in Woodland Hills. I specialize in helping couples rebuild emotional "
            "closeness when distance has settled into their relationship. My approach is "
            "relational and centered on understanding what creates disconnection—whether it’s "
            "unresolved hurt, protective patterns, unclear boundaries, or the accumulated "
            "stress of daily life.",
            "I integrate Humanistic therapy, Emotion-Focused Therapy, Gestalt, and Family "
            "Systems to help couples repair emotional injury, restore vulnerability, and "
            "strengthen the safety needed for lasting intimacy. I hold a Master’s in Marriage "
            "and Family Therapy from Phillips Graduate Institute and a BA in Psychology from "
            "UCLA. As a CAMS III–certified anger management specialist, I also help clients "
            "manage reactive patterns and intense emotions that often arise when connection "
            "feels threatened.",
            "Fluent in both Hebrew and English, I work with clients throughout the Valley who "
            "are ready to move from feeling like strangers to feeling emotionally accessible "
            "and securely connected again.",
        ],
        "works_for_practice": True,
        "credentials": [
            "Licensed Marriage and Family Therapist",
            "Master’s in Marriage and Family Therapy, Phillips Graduate Institute",
            "BA in Psychology, UCLA",
            "CAMS III-certified anger management specialist",
        ],
        "page": "about/",
    },
    "Dr. Vivian Oberling": {
        "role": "Licensed clinical psychologist, guest author",
        # Her own words, whole, from the end of her seed article (003_…).
        "bio": [
            "Dr. Vivian Oberling is a licensed clinical psychologist with degrees "
            "from UCLA, Harvard, and Stanford. In her private telehealth practice, "
            "she works with adults navigating anxiety, identity shifts, and "
            "relationship dynamics—whether they’re dating, partnered, or parenting. "
            "She also provides executive coaching and behavioral health advisory "
            "support to tech startups and legal tools reshaping how we think about "
            "love, marriage, and psychological safety. Dr. Oberling combines 10+ years "
            "of clinical expertise with modern, real-world insight to help people move "
            "through uncertainty with clarity and connection."
        ],
        "works_for_practice": False,  # a guest with her own practice
        "credentials": [
            "Licensed clinical psychologist",
            "Degrees from UCLA, Harvard and Stanford",
        ],
        "page": "",
    },
    "Therapy Ties": {
        "role": "The practice",
        # Our words (not an author's), from the facts in shared/seeds/README.md.
        "bio": [
            "Articles from Therapy Ties in Woodland Hills, founded by Liron, Licensed "
            "Marriage and Family Therapist."
        ],
        "organization": True,  # the practice itself: its MedicalBusiness node, no person's box
        "credentials": [],
        "page": "about/",
    },
}


# --- What only the practice can give ---------------------------------------
# `invoke launch-check` lists what is still empty here, and `invoke publish`
# refuses to go live until it is filled. Nothing is invented to fill it.
#
# California's Board of Behavioral Sciences requires a licensee's advertising,
# a website included, to show the licensee's name as filed with the Board, the
# license number and the license title. Shown (once filled) in every page's
# footer, on the about page, in the licensee's author box and in the JSON-LD.
LICENSEE = {
    "author": "Liron",  # the author (AUTHOR_BIOS) who holds the license
    "full_name": "",  # the name exactly as filed with the Board
    "title": "Licensed Marriage and Family Therapist",
    "license_type": "LMFT",
    "license_number": "",  # as on the license
}

# The practice's Notice of Privacy Practices (HIPAA): a URL, or the name of a
# file put in content/files/ (published as /files/<name>). Empty: not shown.
NOTICE_OF_PRIVACY_PRACTICES = ""

# What the site's host keeps of each request (its access log) and for how long,
# in the practice's words, shown on the privacy page; empty: not shown. The
# README's "Hosting and privacy" says what each host logs and how to turn it
# off or down, e.g. "Our host keeps no record of the pages you read." Only the
# practice, which chose the host, can say it.
HOST_LOGS = ""

# The No Surprises Act's Good Faith Estimate notice (content/pages/
# good-faith-estimate.md), linked from every page. False for a practice that
# sees no uninsured or self-pay clients: the page and its link are left out.
GOOD_FAITH_ESTIMATE = True

# publishconf.py sets it for a rehearsal publish (`invoke publish --staging`).
STAGING = False
