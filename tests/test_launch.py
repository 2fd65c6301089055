"""Ready to launch, lawfully: the launch check names what only the practice
can give, publishing waits for it (a staging rehearsal aside), and the notices
a California therapist's site carries are on every page."""

import json
import re

import pelicanconf
from conftest import ROOT, build_in_process
from test_publish import invoke, make_launch_ready

from scripts import launch_check

REQUIRED = ["the site's address", "a way to reach the practice",
            "the therapist's full name as filed with the Board of Behavioral Sciences",
            "the therapist's license number", "real photographs in place of the stand-ins",
            *[f"the date “{title}” first appeared on the practice's old site" for title in (
                "How Relationship Therapy Can Transform Your Connection: A Therapist’s Guide",
                "How do I rebuild trust after emotional distance in a relationship?",
                "Strengthening Emotional Connection in Your Relationship",
                "When Connection Feels Hard: Rebuilding Closeness Through Relationship Therapy in Los Angeles, CA",
                "When You’ve Drifted Apart: Practical Ways to Rebuild That Bridge")]]
GENERIC_LINK_TEXT = {"more", "read more", "learn more", "here", "click here", "link", "this", "continue"}


def settings_of(**changes):
    import publishconf

    values = {name: getattr(publishconf, name) for name in dir(publishconf) if name.isupper()}
    values.update(changes)
    return values


def test_the_repository_as_it_is_lists_every_required_item():
    items = launch_check.missing(settings_of(), ROOT / "content")
    required = [item.what.split(" (")[0] for item in items if item.required]
    assert required == REQUIRED
    assert [item.setting.split(" ")[0] for item in items if item.required] == [
        "SITEURL=https://<the", "CONSULTATION['booking_url'],", "LICENSEE['full_name']",
        "LICENSEE['license_number']", "content/images/:", *["content/blog/" + name + ":" for name in (
            "how-relationship-therapy-can-transform-your-connection.md", "rebuild-trust-after-emotional-distance.md",
            "strengthening-emotional-connection.md", "when-connection-feels-hard.md", "when-youve-drifted-apart.md")]]
    assert [item.what for item in items if not item.required] == [
        "what the site's host keeps of each visit, and for how long", "the practice's Notice of Privacy Practices"]
    text, ready = launch_check.report(items)
    assert not ready and "10 required item(s) missing" in text


def test_each_item_goes_once_its_setting_is_filled(tmp_path):
    images = tmp_path / "images"
    images.mkdir()
    (images / "ours.jpg").write_bytes(b"the practice's own photograph")
    contact = dict(pelicanconf.CONSULTATION, phone="(000) 000-0000")
    licensee = dict(pelicanconf.LICENSEE, full_name="Liron Testperson", license_number="000000")
    filled = settings_of(SITEURL="https://therapyties.test", CONSULTATION=contact, LICENSEE=licensee,
                         NOTICE_OF_PRIVACY_PRACTICES="notice.pdf", HOST_LOGS="Our host keeps no log.")
    assert launch_check.missing(filled, tmp_path) == []
    assert launch_check.report([])[1]
    (images / "beach.jpg").write_bytes((ROOT / "content/images/couple-embracing-at-beach.jpg").read_bytes())
    assert [item.what for item in launch_check.missing(filled, tmp_path)] == [
        "real photographs in place of the stand-ins (beach.jpg)"]  # known by its bytes, not its name


def test_launch_check_and_publish_refuse_until_the_practice_fills_the_list(project, tmp_path):
    listed = invoke(project, "launch-check", siteurl="https://therapyties.example")
    assert listed.returncode == 1
    for what in REQUIRED:
        assert what in listed.log
    target = tmp_path / "www"
    refused = invoke(project, "publish", "--to", str(target))
    assert refused.returncode != 0 and not target.exists()
    assert "not ready to launch" in refused.log and "LICENSEE['license_number']" in refused.log
    assert "Traceback" not in refused.log


def test_a_staging_publish_is_marked_and_kept_from_search_engines(project, tmp_path):
    target = tmp_path / "staging"
    published = invoke(project, "publish", "--staging", "--to", str(target))
    assert published.returncode == 0, published.log
    pages = sorted(target.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(r"<meta content=noindex name=robots>", html), page
        assert "This is a preview of the site" in html, page
    assert "<url>" not in (target / "sitemap.xml").read_text(encoding="utf-8")


def test_with_everything_filled_in_publish_goes_ahead_and_names_the_licensee(project, tmp_path):
    make_launch_ready(project)
    target = tmp_path / "live"
    published = invoke(project, "publish", "--to", str(target))
    assert published.returncode == 0, published.log
    assert "ready to launch" in invoke(project, "launch-check").log
    line = "Liron Testperson, Licensed Marriage and Family Therapist, California license LMFT 000000"
    for page in sorted(target.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert "noindex" not in html or page.name == "404.html" or "search" in str(page.parent), page
        assert re.search(rf"<footer.*{line}.*</footer>", html, re.S), page
    about = (target / "about/index.html").read_text(encoding="utf-8")
    assert about.count(line) == 2  # the page and its footer
    article = (target / "blog/when-connection-feels-hard/index.html").read_text(encoding="utf-8")
    assert re.search(rf'class=author-box.*{line}.*</section>', article, re.S)
    author = json.loads(re.search(r"<script type=application/ld\+json>(.*?)</script>",
                                  (target / "blog/author/liron/index.html").read_text(encoding="utf-8")).group(1))
    person = author["@graph"][0]
    assert person["name"] == "Liron Testperson" and person["alternateName"] == "Liron"
    assert person["hasCredential"][0]["identifier"] == "LMFT 000000"
    assert "<url>" in (target / "sitemap.xml").read_text(encoding="utf-8")


def test_notices_are_linked_from_every_page(site):
    for page in site.pages():
        footer = site.html(page.relative_to(site.output)).select_one("footer.site-footer")
        links = {a.get_text(): a["href"] for a in footer.select("a")}
        assert links.get("Good Faith Estimate") == f"{site.siteurl}/good-faith-estimate/", page
        assert links.get("Accessibility") == f"{site.siteurl}/accessibility/", page
        assert "Notice of Privacy Practices" not in links  # not set
    estimate = site.html("good-faith-estimate/index.html").select_one("article").get_text(" ")
    assert "Good Faith Estimate" in estimate and "$400" in estimate and "cms.gov/nosurprises" in estimate
    statement = site.html("accessibility/index.html").select_one("article").get_text(" ")
    assert "WCAG" in statement and "2.2" in statement and "AA" in statement


def test_the_good_faith_estimate_can_be_turned_off_and_a_privacy_notice_on(tmp_path):
    files = {"pages/good-faith-estimate.md": (ROOT / "content/pages/good-faith-estimate.md").read_text(encoding="utf-8"),
             "pages/privacy.md": (ROOT / "content/pages/privacy.md").read_text(encoding="utf-8"),
             "blog/a.md": "Title: A\nDate: 2026-11-02\nSummary: s\n\nWords.\n"}
    build = build_in_process(tmp_path, files, GOOD_FAITH_ESTIMATE=False,
                             NOTICE_OF_PRIVACY_PRACTICES="https://practice.example/npp.pdf")
    assert build.returncode == 0, build.log
    assert not (build.output / "good-faith-estimate").exists()
    for page in ("blog/a/index.html", "privacy/index.html"):
        html = (build.output / page).read_text(encoding="utf-8")
        assert "good-faith-estimate" not in html
        assert "href=https://practice.example/npp.pdf>Notice of Privacy Practices" in html
    assert "Read the practice’s" in (build.output / "privacy/index.html").read_text(encoding="utf-8")


def test_every_link_says_where_it_goes(site):
    for page in site.pages():
        for link in site.html(page.relative_to(site.output)).select("a"):
            text = " ".join(link.get_text(" ").split()).lower()
            assert text and text not in GENERIC_LINK_TEXT, f"{page}: a link reads {text!r}"


def test_every_page_names_the_favicon_and_it_is_there(site):
    ico = (site.output / "favicon.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert (site.output / "theme/favicon.svg").read_text(encoding="utf-8").startswith("<svg")
    for page in site.pages():
        icons = [link["href"] for link in site.html(page.relative_to(site.output)).select('link[rel="icon"]')]
        assert icons == [f"{site.siteurl}/favicon.ico", f"{site.siteurl}/theme/favicon.svg"], page


def test_author_data_says_only_what_is_true(site):
    def graph(path):
        html = (site.output / path).read_text(encoding="utf-8")
        return json.loads(re.search(r"<script type=application/ld\+json>(.*?)</script>", html).group(1))["@graph"]

    guest = graph("blog/author/dr-vivian-oberling/index.html")[0]
    assert guest["@type"] == "Person" and "worksFor" not in guest  # her own telehealth practice
    founder = graph("blog/author/liron/index.html")[0]
    assert founder["worksFor"]["name"] == "Therapy Ties"
    practice = graph("blog/author/therapy-ties/index.html")[0]
    assert practice["@type"] == "MedicalBusiness"


def test_the_founders_bio_is_her_own_words_whole():
    source = (ROOT / "tests/sources/000_e281f1509543a2b5.txt").read_text(encoding="utf-8")
    block = source.split("About The Author", 1)[1].strip().split("\n\n")
    assert pelicanconf.AUTHOR_BIOS["Liron"]["bio"] == [paragraph.strip() for paragraph in block[:3]]
    guest = (ROOT / "tests/sources/003_b6f8c8ea708fd2f9.txt").read_text(encoding="utf-8")
    assert pelicanconf.AUTHOR_BIOS["Dr. Vivian Oberling"]["bio"][0] in guest


def test_the_whole_bio_is_on_the_author_page_and_its_opening_under_articles(site):
    paragraphs = [p.get_text() for p in site.html("blog/author/liron/index.html").select(".author-box p")]
    for paragraph in pelicanconf.AUTHOR_BIOS["Liron"]["bio"]:
        assert paragraph in paragraphs
    box = site.html("blog/when-connection-feels-hard/index.html").select_one(".author-box").get_text()
    assert pelicanconf.AUTHOR_BIOS["Liron"]["bio"][0] in box
    assert pelicanconf.AUTHOR_BIOS["Liron"]["bio"][1] not in box  # the rest is one link away
