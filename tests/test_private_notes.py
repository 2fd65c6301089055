"""The author's private notes (HTML comments) never leave her computer: not in
a page, a feed, the search index, a summary or a compressed copy; the build
tells her, with file and line, that each note stays private."""

import gzip

import brotli
from hypothesis import given
from hypothesis import strategies as st

from conftest import build_scratch, line_with
from therapy_ties.features.private_notes import without_comments

SECRET = "Dana-mentioned-her-divorce"  # one word, so it is found however a tool splits text


def test_comments_end_as_a_browser_ends_them():
    assert without_comments("a<!-- x -->b") == "ab"
    assert without_comments("a<!-->b") == "ab"  # closed at once
    assert without_comments("a<!--->b") == "ab"
    assert without_comments("a<!---->b") == "ab"
    assert without_comments("a<!-- x --!>b") == "ab"
    assert without_comments("a<!-- x -- y -->b") == "ab"
    assert without_comments("a<!-- never closed\n<p>b</p>") == "a"  # a browser hides the rest too
    assert without_comments("<code>&lt;!-- shown --&gt;</code>") == "<code>&lt;!-- shown --&gt;</code>"
    assert without_comments("<!<!---->--x-->y") == "y"  # the two halves left would open a new one


visible = st.text(st.characters(blacklist_characters="<"), max_size=20)
# A body opening with ">" or "->" ends the comment at once, as in a browser; the
# test that covers those is above.
comment = st.text(max_size=20).filter(
    lambda body: "-->" not in body and "--!>" not in body and not body.startswith((">", "->"))).map(
    lambda body: f"<!--{body}-->")


@given(st.lists(st.tuples(visible, comment), max_size=5), visible)
def test_every_comment_goes_and_every_other_character_stays(pairs, last):
    html = "".join(text + note for text, note in pairs) + last
    assert without_comments(html) == "".join(text for text, _note in pairs) + last


@given(st.text(alphabet="<!->ab \n", max_size=40))
def test_no_comment_is_ever_left(html):
    assert "<!--" not in without_comments(html)


ARTICLE = f"""Title: Holding on
Date: 2026-11-02 09:00
Author: Liron
Category: Connection
Summary: Small moments matter. <!-- {SECRET} in the summary -->

Small moments matter.<!-- {SECRET} inline -->

<!-- note to self: {SECRET}
     over two lines -->

A second paragraph <span>with HTML<!--{SECRET}--></span>.

```
<!-- an example of a comment, shown as code -->
```
"""
PAGE = f"Title: Hours\nSlug: hours\n\nWords on a page.\n\n<!-- {SECRET} on a page -->\n"


def readable(path):
    """A file's bytes as a reader (or a tool) would get them: .gz, .br and
    Pagefind's gzip-compressed index files opened."""
    data = path.read_bytes()
    if path.suffix == ".br":
        return brotli.decompress(data)
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    return data


def test_no_note_reaches_any_file_the_site_writes_and_the_build_says_so(tmp_path):
    build = build_scratch(tmp_path, {"blog/holding-on.md": ARTICLE, "pages/hours.md": PAGE}, fatal="warnings")
    assert build.returncode == 0, build.log
    written = [path for path in build.output.rglob("*") if path.is_file()]
    kinds = {path.suffix for path in written}
    assert {".html", ".xml", ".gz", ".br", ".png", ".pf_fragment", ".pf_index"} <= kinds, kinds
    assert [p for p in written if SECRET.encode() in readable(p)] == []
    page = (build.output / "blog/holding-on/index.html").read_text(encoding="utf-8")
    assert "A second paragraph" in page and "an example of a comment, shown as code" in page
    notes = [f for f in build.report["findings"] if f["rule"] == "private-note"]
    assert {(f["source"], f["line"]) for f in notes} == {
        ("content/blog/holding-on.md", line_with(ARTICLE, "in the summary")),
        ("content/blog/holding-on.md", line_with(ARTICLE, "inline")),
        ("content/blog/holding-on.md", line_with(ARTICLE, "note to self")),
        ("content/blog/holding-on.md", line_with(ARTICLE, "with HTML")),
        ("content/pages/hours.md", line_with(PAGE, f"{SECRET} on a page"))}
    assert all("private note" in f["message"] and f["severity"] == "note" for f in notes)
    assert SECRET not in build.log
