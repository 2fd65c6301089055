"""What each way from a Word document to Markdown keeps, on the five launch
articles written as Word documents (tests/word_documents.py): our writer over
mammoth's HTML (scripts/word_import/), mammoth's own Markdown, and markdownify
over mammoth's HTML. The README's "From Word or Google Docs" quotes its output.

    python3 -m pip install markdownify==1.2.3   # only this script uses it
    python3 benchmarks/word_import_choices.py
"""

import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import mammoth  # noqa: E402
import markdown  # noqa: E402
import markdownify  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402

from scripts.word_import import document, markdown as ours  # noqa: E402
from word_documents import word_document  # noqa: E402

WORD = re.compile(r"\w+(?:['’]\w+)*")
TYPED = "<p>I &lt;3 you, &lt;b&gt;not bold&lt;/b&gt;, 2 * 3 = 6 and a_b_c</p><p>• a typed bullet</p>"


def kept(text):
    page = BeautifulSoup(markdown.markdown(text, extensions=["extra"]), "html.parser")
    words = WORD.findall(page.get_text(" "))
    for image in page.find_all("img"):
        words += WORD.findall(image.get("alt", "")) + WORD.findall(image.get("title", ""))
    return Counter(words), page


def writers(path, html):
    with open(path, "rb") as handle:
        own = mammoth.convert_to_markdown(handle, style_map=document.STYLE_MAP).value
    return {"ours": "\n\n".join(block.text for block in ours.article_of(html, lambda index: "x.jpg").blocks),
            "mammoth's Markdown": own,
            "markdownify": markdownify.markdownify(html, heading_style="ATX")}


def main():
    totals = {}
    with tempfile.TemporaryDirectory() as folder:
        for article in sorted((ROOT / "content" / "blog").glob("*.md")):
            path = word_document(article, Path(folder) / f"{article.stem}.docx")
            expected, _ = kept(article.read_text(encoding="utf-8").split("\n\n", 1)[1])
            for name, text in writers(path, document.read(path).html).items():
                got, page = kept(text)
                figures = totals.setdefault(name, Counter())
                figures["words missing"] += sum((expected - got).values())
                figures["words added"] += sum((got - expected).values())
                figures["## and deeper headings"] += len(page.find_all(re.compile(r"^h[2-6]$")))
                figures["# headings"] += len(page.find_all("h1"))
                figures["list items"] += len(page.find_all("li"))
                figures["alt texts"] += sum(1 for image in page.find_all("img") if image.get("alt"))
                figures["captions"] += sum(1 for image in page.find_all("img") if image.get("title"))
    for name, figures in totals.items():
        print(f"{name:20}", ", ".join(f"{key} {value}" for key, value in figures.items()))
    print("\ntext typed in Word, as each page shows it:")
    for name, convert in (("ours", lambda html: "\n\n".join(b.text for b in ours.article_of(html, str).blocks)),
                          ("markdownify", markdownify.markdownify)):
        page = BeautifulSoup(markdown.markdown(convert(TYPED), extensions=["extra"]), "html.parser")
        print(f"{name:20}", " | ".join(page.get_text("\n").split("\n")).strip(" |"),
              "(bold: " + ", ".join(b.get_text() for b in page.find_all(["b", "strong"])) + ")")


if __name__ == "__main__":
    main()
