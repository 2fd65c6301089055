"""The site's Markdown reader (plugins/therapy_ties/reader/): CommonMark, as
every CommonMark editor previews it, with the site's additions around it."""

import json
import re

import markdown as python_markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from conftest import ROOT, build_in_process, line_with
from therapy_ties.reader import metadata, render

SPEC = json.loads((ROOT / "tests/commonmark/spec-0.31.2.json").read_text(encoding="utf-8"))
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---", "…": "..."})


def tree(html):
    """HTML as a document: the same for `&quot;` and `"`, `<br />` and `<br>`;
    space between blocks ignored."""
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except etree.ParserError:  # no element: only space, a comment or a declaration
        return [" ".join(html.split())]
    shape = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "start":
            shape.append((element.tag, sorted(element.attrib.items()), " ".join((element.text or "").split())))
        else:
            shape.append(("/" + element.tag, " ".join((element.tail or "").split())))
    return shape


def why_it_differs(example, got):
    """The site's reason for an example whose HTML is not the spec's, or None."""
    expected = example["html"]
    if tree(got.translate(TYPOGRAPHY)) == tree(expected.translate(TYPOGRAPHY)):
        return "smart punctuation"
    if "<img" in expected and "<figure>" in got:
        return "an image alone in its paragraph is a figure"
    if "<!--" in example["markdown"]:
        return "HTML comments (private notes) are taken out"
    if "|" in example["markdown"] and "<table>" in got:
        return "tables"
    if "{" in example["markdown"] or "%7B" in expected:
        return "Pelican's {filename} links are kept as written"
    return None


def test_every_commonmark_example_renders_as_the_spec_says_or_for_a_reason_the_site_gives():
    reasons = {}
    for example in SPEC:
        got = render(example["markdown"])
        if tree(got) != tree(example["html"]):
            reasons.setdefault(why_it_differs(example, got), []).append(example["example"])
    assert None not in reasons, f"examples that differ for no reason of the site's: {reasons.get(None)}"
    assert len(SPEC) == 652
    # What the site changes on purpose, and on how many of the 652 examples (the other 608 render as the spec says):
    assert {reason: len(examples) for reason, examples in reasons.items()} == {
        "smart punctuation": 24, "an image alone in its paragraph is a figure": 18,
        "HTML comments (private notes) are taken out": 2}


ARTICLE_PARTS = [
    ("a list right after a line of text",
     "Common signs include:\n- arguing\n- silence\n", "//p[.='Common signs include:']/following-sibling::ul[count(li)=2]"),
    ("a list nested by two spaces", "- one\n  - nested\n- two\n", "//ul/li/ul/li[.='nested']"),
    ("a paragraph under a numbered item keeps one list",
     "1. Step one\n\n   More about it.\n\n2. Step two\n", "//ol[count(li)=2]/li[1]/p[.='More about it.']"),
    ("a list starting at 3", "3. third\n4. fourth\n", "//ol[@start='3']"),
    ("1) is a list item", "1) one\n2) two\n", "//ol[count(li)=2]"),
    ("a trailing backslash is a line break", "first\\\nsecond\n", "//p/br"),
    ("#Word with no space is not a heading", "#Word\n", "//p[.='#Word']"),
]


@pytest.mark.parametrize("name, text, xpath", ARTICLE_PARTS, ids=[part[0] for part in ARTICLE_PARTS])
def test_what_an_author_writes_renders_as_her_editor_previews_it(name, text, xpath):
    root = lxml_html.fragment_fromstring(render(text), create_parent="div")
    assert root.xpath(xpath), render(text)


def test_the_sites_additions():
    html = render('He said "yes" -- and it\'s done...\n\n'
                  '![What it shows "here".]({static}/images/a.jpg "The caption")\n\n'
                  '![]({static}/images/line.png){.decorative}\n\n'
                  "[next]({filename}/blog/next.md) and [old](|filename|old.md) <!-- note to self -->\n\n"
                  "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n"
                  "Said[^1].\n\n[^1]: Gottman, 1999.\n")
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    assert "He said “yes” – and it’s done…" in root.text_content()
    figure = root.find(".//figure")
    assert figure.find("img").get("alt") == "What it shows “here”." and figure.find("img").get("title") is None
    assert figure.findtext("figcaption") == "The caption"
    assert root.xpath("//img[@class='decorative' and @alt='']") and "{.decorative}" not in html
    assert root.xpath("//a[@href='{filename}/blog/next.md']") and root.xpath("//a[@href='|filename|old.md']")
    assert "note to self" not in html and "<!--" not in html
    assert root.xpath("//table/thead/tr/th[.='a']")
    assert root.xpath("//sup[@id='fnref:1']/a[@class='footnote-ref' and @href='#fn:1']")
    assert root.xpath("//div[@class='footnote']/ol/li[@id='fn:1']/p/a[@class='footnote-backref']")


HEADER_LINES = st.lists(st.one_of(
    st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,8}: ?[a-z ,.]{0,12}", fullmatch=True),
    st.from_regex(r"    [a-z .]{1,12}", fullmatch=True),
    st.sampled_from(["", "---", "...", "Not a key line", "  Indented: two"])), max_size=8)


@given(HEADER_LINES, st.sampled_from(["Body text.\n", "", "\nMore.\n"]))
def test_the_header_is_read_as_pelicans_markdown_reader_reads_it(lines, body):
    text = "\n".join(lines) + "\n" + body
    document = python_markdown.Markdown(extensions=["meta"])
    document.convert(text)
    found, _body = metadata.split(text)
    assert found == {key: values for key, values in getattr(document, "Meta", {}).items()}


def test_a_site_builds_with_it_and_pelicans_metadata_comes_through(tmp_path):
    article = ("Title: Steps\nDate: 2026-11-02 09:00\nTags: one, two\nSummary: A *short* summary.\n"
               "Consultation_steps: First step.\n    Second step.\n\nCommon signs include:\n- arguing\n- silence\n")
    site = build_in_process(tmp_path, {"blog/steps.md": article})
    assert site.returncode == 0, site.log
    page = site.html("blog/steps/index.html")
    assert [li.get_text() for li in page.select(".article-body ul li")] == ["arguing", "silence"]
    assert page.find("meta", attrs={"name": "description"})["content"] == "A short summary."
    assert [li.get_text() for li in page.select(".consultation-steps li")] == ["First step.", "Second step."]
    assert [a.get_text() for a in page.select(".tag-list a")] == ["one", "two"]


PYTHON_MARKDOWN_ONLY = [
    ("attribute list", "A paragraph.\n{: .note }\n", "{: .note }"),
    ("abbreviation", "The WCAG rules.\n\n*[WCAG]: Web Content Accessibility Guidelines\n", "*[WCAG]:"),
    ("markdown in HTML", '<div markdown="1">\n*x*\n</div>\n', 'markdown="1"'),
]


@pytest.mark.parametrize("name, body, needle", PYTHON_MARKDOWN_ONLY, ids=[case[0] for case in PYTHON_MARKDOWN_ONLY])
def test_python_markdown_only_syntax_is_reported_with_its_line_and_the_commonmark_way(tmp_path, name, body, needle):
    text = "Title: Old syntax\nDate: 2026-11-02 09:00\nSummary: s.\n\n" + body
    site = build_in_process(tmp_path, {"blog/old.md": text})
    assert f"blog/old.md:{line_with(text, needle)}: [python-markdown-syntax]" in site.log, site.log
    assert re.search(r"\[python-markdown-syntax\][^\n]*Fix: ", site.log)


def test_an_address_with_a_space_is_reported_with_the_commonmark_way(tmp_path):
    """Python-Markdown took ![…]({static}/images/two men.jpg); CommonMark shows it as typed."""
    text = "Title: Spaces\nDate: 2026-11-02 09:00\nSummary: s.\n\n![Two men.]({static}/images/two men.jpg)\n"
    site = build_in_process(tmp_path, {"blog/spaces.md": text})
    line = line_with(text, "two men")
    assert f"blog/spaces.md:{line}: [address-with-space]" in site.log
    assert "](<{static}/images/two men.jpg>)" in site.log


def test_markdown_diff_lists_what_differs_between_the_two_readers(tmp_path):
    from pelican.settings import read_settings

    from scripts import markdown_diff

    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(ROOT / "content")})
    launch = markdown_diff.differences(settings)
    assert all(difference.typography_only for difference in launch), launch  # the launch site: quotes in alt text

    content = tmp_path / "content"
    (content / "blog").mkdir(parents=True)
    (content / "blog" / "signs.md").write_text(
        "Title: Signs\n\nCommon signs include:\n- arguing\n- silence\n", encoding="utf-8")
    (content / "blog" / "same.md").write_text("Title: Same\n\nA plain paragraph.\n", encoding="utf-8")
    found = markdown_diff.differences(dict(settings, PATH=str(content)))
    assert [(d.path, d.part, d.typography_only) for d in found] == [("content/blog/signs.md", "text", False)]
    assert found[0].before == "<p> Common signs include: - arguing - silence"  # one paragraph, dashes and all
    assert found[0].after == "<p> Common signs include:"  # the list comes after it
    text = markdown_diff.report(found, list(markdown_diff.markdown_files(dict(settings, PATH=str(content)))))
    assert text.startswith("2 Markdown files rendered by both readers; 1 differ")


def test_a_content_cache_written_by_another_reader_is_not_loaded(tmp_path, monkeypatch):
    """Pelican keeps each file's HTML by the file's time alone: after the reader
    changes (Python-Markdown before, or newer code), one build reads every file again."""
    from therapy_ties import reader

    cache = tmp_path / "cache"
    settings = {"CACHE_PATH": str(cache), "LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True}
    assert reader.keep_content_cache_current(settings) and settings["LOAD_CONTENT_CACHE"] is True  # nothing cached yet
    assert reader.keep_content_cache_current(settings) and settings["LOAD_CONTENT_CACHE"] is True

    (cache / "therapy-ties-reader").unlink()
    (cache / "ArticlesGenerator-Readers").write_bytes(b"a cache from before the stamp")
    assert not reader.keep_content_cache_current(settings) and settings["LOAD_CONTENT_CACHE"] is False
    settings["LOAD_CONTENT_CACHE"] = True
    assert reader.keep_content_cache_current(settings) and settings["LOAD_CONTENT_CACHE"] is True
    monkeypatch.setattr(reader, "fingerprint", lambda: "another reader")
    assert not reader.keep_content_cache_current(settings) and settings["LOAD_CONTENT_CACHE"] is False
