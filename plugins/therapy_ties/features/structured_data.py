"""Schema.org data (JSON-LD) for search engines, from what content and
settings hold, and nothing else: no invented address, phone or ratings.

Python builds the data; the theme writes it with Jinja's `tojson`.
"""

import json

from markupsafe import Markup

from .plain_text import plain_text


def absolute(settings, relative):
    return f"{settings['SITEURL']}/{relative}" if relative is not None else None


def license_credential(settings, name):
    """The license of LICENSEE (once filled in) when `name` is its author."""
    licensee = settings.get("LICENSEE") or {}
    if name != licensee.get("author") or not (licensee.get("full_name") and licensee.get("license_number")):
        return None
    return {
        "@type": "EducationalOccupationalCredential",
        "credentialCategory": "license",
        "name": licensee.get("title", ""),
        "identifier": f"{licensee.get('license_type', '')} {licensee['license_number']}".strip(),
        "recognizedBy": {"@type": "GovernmentOrganization", "name": "California Board of Behavioral Sciences"},
    }


def person(settings, name, author_url=None):
    info = settings.get("AUTHOR_BIOS", {}).get(name, {})
    data = {"@type": "Person", "name": name}
    if author_url:
        data["url"] = author_url
    if info.get("role"):
        data["jobTitle"] = info["role"]
    credentials = [{"@type": "EducationalOccupationalCredential", "name": credential}
                   for credential in info.get("credentials", [])]
    held = license_credential(settings, name)
    if held:
        data["name"] = settings["LICENSEE"]["full_name"]  # as filed with the Board
        data["alternateName"] = name
        credentials.insert(0, held)
    if credentials:
        data["hasCredential"] = credentials
    return data


def practice(settings):
    """The practice as a MedicalBusiness; contact fields only when filled in."""
    facts = settings.get("PRACTICE", {})
    contact = settings.get("CONSULTATION", {})
    data = {
        "@type": "MedicalBusiness",
        "@id": absolute(settings, "#practice"),
        "name": facts.get("name", settings["SITENAME"]),
        "description": settings.get("SITESUBTITLE", ""),
        "url": absolute(settings, ""),
        "areaServed": [{"@type": "Place", "name": area} for area in settings.get("AREAS_SERVED", [])],
        "knowsLanguage": facts.get("languages", []),
    }
    if facts.get("founder"):
        founder = person(settings, facts["founder"])
        founder["jobTitle"] = facts.get("founder_title", founder.get("jobTitle"))
        data["founder"] = founder
    if contact.get("phone"):
        data["telephone"] = contact["phone"]
    if contact.get("email"):
        data["email"] = contact["email"]
    if facts.get("street_address"):
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": facts["street_address"],
            "addressLocality": facts.get("city", ""),
        }
    return data


def practice_reference(settings):
    """The practice by name and @id: pages that are not about it stay light."""
    facts = settings.get("PRACTICE", {})
    return {"@type": "MedicalBusiness", "@id": absolute(settings, "#practice"),
            "name": facts.get("name", settings["SITENAME"]), "url": absolute(settings, "")}


def is_organization(settings, author):
    return bool(settings.get("AUTHOR_BIOS", {}).get(author.name, {}).get("organization"))


def author_reference(settings, author):
    """Who wrote an article: the practice's own node when the practice is the
    author, else the person (role and credentials live on the author's page)."""
    if is_organization(settings, author):
        return practice_reference(settings)
    return {"@type": "Person", "name": author.name, "url": absolute(settings, author.url)}


def breadcrumbs(settings, trail):
    """trail: [(name, relative URL)], from the home page down; the last item is
    the page itself, whose URL schema.org lets us leave out."""
    items = [{"@type": "ListItem", "position": position, "name": name, "item": absolute(settings, url)}
             for position, (name, url) in enumerate(trail, start=1)]
    if len(items) > 1:
        del items[-1]["item"]
    return {"@type": "BreadcrumbList", "itemListElement": items}


def blog_posting(settings, article, image_url):
    data = {
        "@type": "BlogPosting",
        "headline": article.title,
        "description": plain_text(article.summary),
        "url": absolute(settings, article.url),
        "author": author_reference(settings, article.author),
        "publisher": practice_reference(settings),
    }
    if getattr(article, "date_confirmed", True):  # a stand-in date is told to nobody (features/dates.py)
        data["datePublished"] = article.date.isoformat()
        data["dateModified"] = getattr(article, "modified", article.date).isoformat()
    if image_url:
        data["image"] = image_url
    return data


def graph(*items):
    return {"@context": "https://schema.org", "@graph": [item for item in items if item]}


def for_article(settings, article, image_url):
    trail = [("Home", ""), ("Blog", "blog/"), (article.title, article.url)]
    return graph(blog_posting(settings, article, image_url), breadcrumbs(settings, trail))


def for_author(settings, author):
    """An author's page: the person, with credentials, and the practice when
    they work there; an author that is the practice itself is the practice."""
    info = settings.get("AUTHOR_BIOS", {}).get(author.name, {})
    if is_organization(settings, author):
        data = practice_reference(settings)
    else:
        data = person(settings, author.name, absolute(settings, author.url))
        data["@id"] = absolute(settings, author.url) + "#person"
        if info.get("works_for_practice"):
            data["worksFor"] = practice_reference(settings)
    # The page is the practice's site's, whoever the author works for.
    page = {"@type": "ProfilePage", "url": absolute(settings, author.url),
            "mainEntity": {"@id": data["@id"]}, "publisher": practice_reference(settings)}
    trail = [("Home", ""), ("Blog", "blog/"), (author.name, author.url)]
    return graph(data, page, breadcrumbs(settings, trail))


def for_page(settings, page):
    trail = [("Home", "")]
    if page.metadata.get("url_prefix") == "services/":
        trail.append(("Services", "services/"))
    if page.url:
        trail.append((page.title, page.url))
    return graph(practice(settings), breadcrumbs(settings, trail))


def for_site(settings):
    return graph(practice_reference(settings))


def as_script_json(data):
    """Compact JSON for <script type="application/ld+json">: UTF-8 as it is,
    with <, > and & escaped so that no text can close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
