"""`invoke import FILE.docx`: a Word (or Google Docs) document becomes a draft
article that keeps every word, its headings, lists, links and pictures, and
that the site builds. Documents are written here, from the launch articles,
with python-docx and through LibreOffice (two writers, shaped differently)."""

import re
import subprocess
import sys
from collections import Counter

import markdown as python_markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, build_in_process, require
from scripts import word_import
from scripts.word_import.markdown import escaped, line_safe
from tasks import slug_of
from word_documents import (IMAGE, add_hyperlink, article_parts, converted_by_libreoffice, libreoffice_document,
                            nest, word_document)

ARTICLES = sorted((ROOT / "content" / "blog").glob("*.md"))
NOW = "2026-12-05 10:00"
WORD = re.compile(r"\w+(?:['’]\w+)*")


def run_import(docx, content):
    return word_import.import_document(docx, content, "Liron", NOW, slug_of)


def body_of(markdown_file_text):
    return markdown_file_text.split("\n\n", 1)[1]


def rendered(body):
    """The body as Python-Markdown renders it (the site's extra extensions)."""
    return BeautifulSoup(python_markdown.markdown(body, extensions=["extra"]), "html.parser")


def words(document, alts=True):
    """Every word a reader meets: the text, captions (image titles) and, with alts, alt texts."""
    found = WORD.findall(document.get_text(" "))
    for image in document.find_all("img"):
        found += WORD.findall(image.get("title", "")) + (WORD.findall(image.get("alt", "")) if alts else [])
    return Counter(found)


def structure(document):
    return {
        "headings": [(h.name, h.get_text(" ", strip=True)) for h in document.find_all(re.compile(r"^h[1-6]$"))],
        "items": [li.get_text(" ", strip=True) for li in document.find_all("li")],
        "images": [(img.get("alt", ""), img.get("title", "")) for img in document.find_all("img")],
    }


def original_body(article):
    """The launch article's body with its call-to-action marker as the words it is."""
    return body_of(article.read_text(encoding="utf-8"))


@pytest.mark.parametrize("article", ARTICLES, ids=lambda path: path.stem)
def test_a_launch_article_written_in_word_imports_whole(article, tmp_path):
    document = word_document(article, tmp_path / f"{article.stem}.docx")
    content = tmp_path / "content"
    imported = run_import(document, content)

    draft = imported.draft.read_text(encoding="utf-8")
    metadata, _ = article_parts(article)
    assert draft.startswith(f"Title: {metadata['title']}\n")
    assert ("Subtitle: " + metadata.get("subtitle", "-") + "\n" in draft) == bool(metadata.get("subtitle"))
    assert "\nStatus: draft\n" in draft and imported.draft.parent == content / "blog"

    before, after = rendered(original_body(article)), rendered(body_of(draft))
    assert words(after) == words(before), "every word kept, no word added"
    assert structure(after) == structure(before), "headings, list items, pictures with alt and caption"
    originals = {(ROOT / "content" / m["path"]).read_bytes() for m in map(IMAGE.match, re.findall(
        r"^!\[.*$", original_body(article), re.MULTILINE))}
    assert {picture.read_bytes() for picture in imported.pictures} == originals
    assert [line for line, what in imported.todo if what.startswith("Summary")] == [
        draft.splitlines().index("Summary: ") + 1]


def test_the_imported_launch_articles_build_as_drafts(tmp_path):
    files = {}
    for article in ARTICLES:
        content = tmp_path / article.stem
        imported = run_import(word_document(article, tmp_path / f"{article.stem}.docx"), content)
        files[f"blog/{imported.draft.name}"] = imported.draft.read_text(encoding="utf-8")
        for picture in imported.pictures:
            files[f"images/{picture.name}"] = picture.read_bytes()
    build = build_in_process(tmp_path / "site", files, settings="pelicanconf.py", fatal=100)  # 100: no message stops it
    assert build.returncode == 0 and "Traceback" not in build.log, build.log
    for name, text in files.items():
        if name.startswith("blog/"):
            slug = re.search(r"^Slug: (.+)$", text, re.MULTILINE)[1]
            page = BeautifulSoup((build.output / "drafts" / slug / "index.html").read_text(encoding="utf-8"),
                                 "html.parser")
            assert page.h1.get_text(strip=True) == re.search(r"^Title: (.+)$", text, re.MULTILINE)[1]
            assert len(page.select(".article-body figure")) == text.count("\n![")


@pytest.mark.parametrize("article", ARTICLES[:3], ids=lambda path: path.stem)
def test_a_document_written_by_libreoffice_imports_whole(article, tmp_path):
    """LibreOffice writes no Title style (the title is the first Heading 1), its
    own list and quotation styles, and keeps no alt text from HTML: every word
    is kept all the same, and each picture without alt text is named for the author."""
    require("soffice", "apt-get install libreoffice-writer-nogui")
    imported = run_import(libreoffice_document(article, tmp_path), tmp_path / "content")
    draft = imported.draft.read_text(encoding="utf-8")
    assert draft.startswith(f"Title: {article_parts(article)[0]['title']}\n")
    before, after = rendered(original_body(article)), rendered(body_of(draft))
    assert words(after, alts=False) == words(before, alts=False)
    assert structure(after)["headings"] == structure(before)["headings"]
    assert structure(after)["items"] == structure(before)["items"]
    pictures = len(structure(before)["images"])
    assert len(imported.pictures) == pictures
    assert len([what for _line, what in imported.todo if "no alt text" in what]) == pictures


def test_word_features_an_article_may_use(tmp_path):
    """A table, a nested list, typed bullets and numbers, a quote, links kept
    and a javascript: link left out, text that looks like markup, Hebrew."""
    def extra(document):
        document.add_paragraph("Week by week", style="Heading 1")
        table = document.add_table(rows=2, cols=2)
        for (row, column), text in {(0, 0): "Week", (0, 1): "Practice | habit", (1, 0): "1", (1, 1): "Listen"}.items():
            table.cell(row, column).text = text
        document.add_paragraph("outer", style="List Bullet")
        nest(document.add_paragraph("inner", style="List Bullet"), 1)
        document.add_paragraph("second", style="List Bullet")
        for typed in ("• one", "– two", "✔ three"):
            document.add_paragraph(typed)
        document.add_paragraph("Then:")  # Python-Markdown runs two adjacent lists into one
        document.add_paragraph("1. first step")
        document.add_paragraph("2. second step")
        document.add_paragraph("Stay curious.", style="Quote")
        links = document.add_paragraph("Read ")
        add_hyperlink(links, "the Gottman Institute", "https://www.gottman.com/")
        links.add_run(" or ")
        add_hyperlink(links, "press here", "javascript:alert(1)")
        document.add_paragraph("I <3 you, <b>not bold</b>, 2 * 3 = 6 and a_b_c; # not a heading")
        document.add_paragraph("שלום, זה טקסט בעברית.")

    article = ROOT / "content/blog/strengthening-emotional-connection.md"
    imported = run_import(word_document(article, tmp_path / "x.docx", extra=extra), tmp_path / "content")
    draft = imported.draft.read_text(encoding="utf-8")
    page = rendered(body_of(draft))

    assert [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in page.find_all("tr")] == [
        ["Week", "Practice | habit"], ["1", "Listen"]]
    assert [li.get_text(" ", strip=True) for li in page.select("li li")] == ["inner"]
    assert page.select_one("li li").find_parent("li").get_text(" ", strip=True).startswith("outer")
    items = [li.get_text(strip=True) for li in page.find_all("li")]
    assert ["one", "two", "three"] == [item for item in items if item in ("one", "two", "three")]
    assert ["first step", "second step"] == [li.get_text(strip=True) for li in page.select("ol li")][-2:]
    assert page.blockquote.get_text(strip=True) == "Stay curious."
    assert page.find("a", string="the Gottman Institute")["href"] == "https://www.gottman.com/"
    assert page.find("a", string="press here") is None and "press here" in page.get_text()
    assert "javascript" not in draft
    assert [what for _line, what in imported.todo if "javascript:" in what], imported.todo
    assert "I <3 you, <b>not bold</b>, 2 * 3 = 6 and a_b_c; # not a heading" in page.get_text()
    assert page.find("b") is None
    assert "שלום, זה טקסט בעברית." in page.get_text()


def test_a_footnote_comes_across_as_a_markdown_footnote(tmp_path):
    """python-docx writes no footnotes: LibreOffice does, from its own HTML for one."""
    require("soffice", "apt-get install libreoffice-writer-nogui")
    document = converted_by_libreoffice(
        '<h1>Notes and more</h1><p>A claim with a note<a class="sdfootnoteanc" name="sdfootnote1anc" '
        'href="#sdfootnote1sym"><sup>1</sup></a> in it.</p>'
        '<div id="sdfootnote1"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote1sym" '
        'href="#sdfootnote1anc">1</a>Gottman, 1999.</p></div>', tmp_path, "notes")
    imported = run_import(document, tmp_path / "content")
    page = rendered(body_of(imported.draft.read_text(encoding="utf-8")))
    reference = page.select_one("sup a.footnote-ref")
    assert reference is not None and reference.find_parent("p").get_text(" ", strip=True).startswith("A claim")
    assert page.select_one("div.footnote li").get_text(" ", strip=True).startswith("Gottman, 1999.")
    assert "↑" not in page.get_text()


def test_word_s_machine_alt_text_and_a_missing_one_are_never_published(tmp_path):
    article = ROOT / "content/blog/when-connection-feels-hard.md"
    _, blocks = article_parts(article)
    pictures = [text for kind, text in blocks if kind == "image"]

    def extra(document):
        from word_documents import add_picture

        add_picture(document, pictures[0], ROOT / "content",
                    alt="A couple sitting on a couch\n\nDescription automatically generated")
        add_picture(document, pictures[1], ROOT / "content", alt="")

    imported = run_import(word_document(article, tmp_path / "x.docx", extra=extra), tmp_path / "content")
    draft = imported.draft.read_text(encoding="utf-8")
    assert "automatically generated" not in draft and "A couple sitting on a couch" not in draft
    lines = draft.splitlines()
    machine = [line for line, what in imported.todo if "written by Word" in what]
    missing = [line for line, what in imported.todo if "no alt text" in what]
    assert len(machine) == 1 and len(missing) == 1
    for line in machine + missing:
        assert lines[line - 1].startswith("![]({static}/images/")


def test_a_second_import_changes_nothing_and_says_why(tmp_path):
    article = ROOT / "content/blog/when-youve-drifted-apart.md"
    document = word_document(article, tmp_path / "x.docx")
    content = tmp_path / "content"
    first = run_import(document, content)
    before = {path: path.read_bytes() for path in content.rglob("*") if path.is_file()}
    with pytest.raises(word_import.ImportRefused, match="exists already"):
        run_import(document, content)
    assert {path: path.read_bytes() for path in content.rglob("*") if path.is_file()} == before
    assert first.draft in before


def test_pictures_never_replace_a_file(tmp_path):
    article = ROOT / "content/blog/when-connection-feels-hard.md"
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    taken = content / "images" / f"{word_import.picture_stem(slug_of(article_parts(article)[0]['title']))}-1.jpg"
    taken.write_bytes(b"the practice's own photograph")
    imported = run_import(word_document(article, tmp_path / "x.docx"), content)
    assert taken.read_bytes() == b"the practice's own photograph"
    assert taken not in imported.pictures and len(imported.pictures) == 3


def test_what_is_not_a_word_document_is_refused_with_the_fix(tmp_path):
    text = tmp_path / "notes.docx"
    text.write_text("not a zip", encoding="utf-8")
    with pytest.raises(word_import.ImportRefused, match="save or download it as .docx"):
        run_import(text, tmp_path / "content")
    with pytest.raises(word_import.ImportRefused, match=r"File → Download → Microsoft Word"):
        run_import(tmp_path / "notes.pages", tmp_path / "content")
    assert not (tmp_path / "content").exists()


def test_invoke_import_prints_the_draft_and_what_is_left_to_do(tmp_path, project):
    document = word_document(ROOT / "content/blog/when-youve-drifted-apart.md", tmp_path / "x.docx")
    result = subprocess.run([sys.executable, "-m", "invoke", "import", str(document)], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    draft = "content/blog/when-youve-drifted-apart-practical-ways-to-rebuild-that-bridge.md"
    assert f"Wrote {draft}, a draft" in result.stdout
    summary_line = (project / draft).read_text(encoding="utf-8").splitlines().index("Summary: ") + 1
    assert f"{draft}:{summary_line}: Summary:" in result.stdout
    again = subprocess.run([sys.executable, "-m", "invoke", "import", str(document)], cwd=project,
                           capture_output=True, text=True)
    assert again.returncode == 1 and "exists already" in again.stderr and "Traceback" not in again.stderr


# Characters an author types that Markdown would otherwise read as markup.
typed = st.text(alphabet="abc XYZ 019*_`[]()<>&#!-+.=|\\{}:;'\"“”’–…", min_size=1, max_size=40)


@given(typed)
def test_whatever_is_typed_the_page_shows_it_as_typed(text):
    page = BeautifulSoup(python_markdown.markdown(line_safe(escaped(text)).strip(), extensions=["extra"]),
                         "html.parser")
    assert " ".join(page.get_text().split()) == " ".join(text.split())


def test_a_picture_browsers_cannot_show_is_saved_and_named_for_the_author(tmp_path):
    from PIL import Image

    tiff = tmp_path / "scan.tif"
    Image.new("RGB", (40, 30), "navy").save(tiff)

    def extra(document):
        document.add_picture(str(tiff))
        document.inline_shapes[-1]._inline.docPr.set("descr", "A navy square.")

    article = ROOT / "content/blog/rebuild-trust-after-emotional-distance.md"
    imported = run_import(word_document(article, tmp_path / "x.docx", extra=extra), tmp_path / "content")
    assert [picture.suffix for picture in imported.pictures] == [".tif"]
    lines = imported.draft.read_text(encoding="utf-8").splitlines()
    [(line, what)] = [(line, what) for line, what in imported.todo if "browsers do not all show" in what]
    assert imported.pictures[0].name in what and imported.pictures[0].name in lines[line - 1]
