"""The alt-text checks, on a corpus of small articles with known problems."""

import pytest

from conftest import line_with

HEAD = "Title: {title}\nDate: 2026-11-01\nAuthor: Liron\nCategory: Tests\nSummary: A test.\nConsultation: off\n\n"


def article(title, body):
    return HEAD.format(title=title) + body


# Each (file, the text that marks the offending line, rule) an error corpus must raise.
ERROR_CORPUS = {
    "blog/alt-missing.md": article("Missing", 'Text.\n\n<img src="{static}/images/two-men-embracing.jpg">\n'),
    "blog/alt-empty.md": article("Empty", "Text.\n\n![ ]({static}/images/two-men-embracing.jpg)\n"),
    "blog/decorative.md": article(
        "Decorative",
        "Text.\n\n![A swirl]({static}/images/couple-embracing-at-beach.jpg){.decorative}\n",
    ),
    "blog/file-names.md": article(
        "File names",
        "![IMG_1234.JPG]({static}/images/two-men-embracing.jpg)\n\n"
        "![DSC_0042]({static}/images/couple-embracing-at-beach.jpg)\n\n"
        "![shutterstock_123456789]({static}/images/couple-on-couch-smiling-at-phone.jpg)\n\n"
        "![3f8a9c2e7b1d4a6f]({static}/images/couple-foreheads-touching-outdoors.jpg)\n",
    ),
    "blog/placeholders.md": article(
        "Placeholders",
        "![image]({static}/images/two-men-embracing.jpg)\n\n"
        "![Picture 1]({static}/images/couple-embracing-at-beach.jpg)\n\n"
        "![spacer]({static}/images/couple-on-couch-smiling-at-phone.jpg)\n",
    ),
    "blog/linked.md": article(
        "Linked", "See [![]({static}/images/two-men-embracing.jpg)]({filename}/pages/free-consultation.md).\n"
    ),
    "blog/missing-file.md": article("Missing file", "![A quiet office.]({static}/images/not-there.jpg)\n"),
    "blog/metadata-image.md": HEAD.format(title="Metadata image").replace(
        "Summary:", "Image: {static}/images/two-men-embracing.jpg\nSummary:"
    ) + "Text.\n",
}
EXPECTED_ERRORS = [
    ("blog/alt-missing.md", "<img", "alt-missing"),
    ("blog/alt-empty.md", "![ ]", "alt-empty"),
    ("blog/decorative.md", "A swirl", "decorative-alt-not-empty"),
    ("blog/file-names.md", "IMG_1234", "alt-file-name"),
    ("blog/file-names.md", "DSC_0042", "alt-file-name"),
    ("blog/file-names.md", "shutterstock", "alt-file-name"),
    ("blog/file-names.md", "3f8a9c2e", "alt-file-name"),
    ("blog/placeholders.md", "![image]", "alt-placeholder"),
    ("blog/placeholders.md", "Picture 1", "alt-placeholder"),
    ("blog/placeholders.md", "spacer", "alt-placeholder"),
    ("blog/linked.md", "See [", "linked-image-empty-alt"),
    ("blog/missing-file.md", "not-there", "image-missing-file"),
    ("blog/metadata-image.md", "Image:", "alt-missing"),
]

REPEATED = "in Los Angeles, CA"
WARNING_CORPUS = {
    "blog/warnings.md": article(
        "A calm office with two chairs.",
        "![Photo of a couple walking on a trail.]({static}/images/two-men-embracing.jpg)\n\n"
        "![" + "A long description of a room " * 6 + "]({static}/images/couple-embracing-at-beach.jpg)\n\n"
        '![A couple at the beach.]({static}/images/couple-on-couch-smiling-at-phone.jpg "A couple at the beach.")\n\n'
        "![A calm office with two chairs.]({static}/images/couple-foreheads-touching-outdoors.jpg)\n",
    ),
    "blog/duplicates.md": article(
        "Duplicates",
        "![Two people talking.]({static}/images/two-men-embracing.jpg)\n\n"
        "![Two people talking.]({static}/images/couple-embracing-at-beach.jpg)\n",
    ),
    "blog/stuffing.md": article(
        "Stuffing",
        f"![Couple on a couch {REPEATED}.]({{static}}/images/two-men-embracing.jpg)\n\n"
        f"![Therapist's office {REPEATED}.]({{static}}/images/couple-embracing-at-beach.jpg)\n\n"
        f"![Beach at sunset {REPEATED}.]({{static}}/images/couple-on-couch-smiling-at-phone.jpg)\n",
    ),
}
EXPECTED_WARNINGS = [
    ("blog/warnings.md", "Photo of a couple", "alt-redundant-prefix"),
    ("blog/warnings.md", "A long description", "alt-too-long"),
    ("blog/warnings.md", "A couple at the beach", "alt-repeats-text"),
    ("blog/warnings.md", "![A calm office", "alt-repeats-text"),
    ("blog/duplicates.md", "couple-embracing-at-beach", "alt-duplicate"),
    ("blog/stuffing.md", "Beach at sunset", "alt-repeated-phrase"),
]

CLEAN_CORPUS = {
    "blog/clean.md": article(
        "Clean",
        "Some text.\n\n"
        '![Two men embracing.]({static}/images/two-men-embracing.jpg "Closeness, rediscovered.")\n\n'
        "More text.\n\n![]({static}/images/couple-embracing-at-beach.jpg){.decorative}\n\n"
        '<img src="{static}/images/couple-on-couch-smiling-at-phone.jpg" alt="A couple on a couch.">\n',
    ),
}


def expected(corpus, table, severity):
    return sorted(
        (f"content/{file}", line_with(corpus[file], needle), rule, severity)
        for file, needle, rule in table
    )


def found(build):
    return sorted((f["source"], f["line"], f["rule"], f["severity"]) for f in build.report["findings"])


@pytest.fixture
def error_build(scratch_site):
    return scratch_site(ERROR_CORPUS)


def test_each_error_rule_fires_exactly_where_expected(error_build):
    assert found(error_build) == expected(ERROR_CORPUS, EXPECTED_ERRORS, "error")


def test_each_finding_is_logged_with_file_line_rule_and_fix(error_build):
    for finding in error_build.report["findings"]:
        line = f"{finding['source']}:{finding['line']}: [{finding['rule']}]"
        logged = [row for row in error_build.log.splitlines() if line in row]
        assert logged, f"not in the log: {line}"
        assert "ERROR" in logged[0] and "Fix:" in logged[0]
    assert "checks: 13 error(s), 0 warning(s)" in error_build.log


def test_checks_on_every_core_find_what_one_process_finds(scratch_site):
    """Past 50 articles the checks run in worker processes (alt_check.check_contents):
    the same findings, in the same order, as WORKERS = 1."""
    filler = {f"blog/filler-{n}.md": article(f"Filler {n}", "Plain words.\n") for n in range(60)}
    corpus = {**ERROR_CORPUS, **filler}
    one = scratch_site(corpus, extra=["-e", "WORKERS=1"]).report["findings"]
    many_build = scratch_site(corpus)
    assert many_build.report["findings"] == one
    assert found(many_build) == expected(ERROR_CORPUS, EXPECTED_ERRORS, "error")


def test_each_warning_rule_fires_exactly_where_expected(scratch_site):
    build = scratch_site(WARNING_CORPUS)
    assert found(build) == expected(WARNING_CORPUS, EXPECTED_WARNINGS, "warning")
    stuffing = [f for f in build.report["findings"] if f["rule"] == "alt-repeated-phrase"]
    assert "los angeles ca" in stuffing[0]["message"]


def test_clean_files_give_no_finding_and_no_pelican_empty_alt_warning(scratch_site):
    build = scratch_site(CLEAN_CORPUS, fatal="warnings")
    assert build.returncode == 0, build.log
    assert build.report["findings"] == []
    assert "Empty alt attribute" not in build.log


def test_production_build_fails_on_an_error(scratch_site):
    build = scratch_site({"blog/alt-empty.md": ERROR_CORPUS["blog/alt-empty.md"]}, fatal="errors")
    assert build.returncode != 0
    assert "[alt-empty]" in build.log


def test_production_build_passes_with_warnings_only(scratch_site):
    build = scratch_site(WARNING_CORPUS, fatal="errors")
    assert build.returncode == 0, build.log
    assert build.report["warnings"] == len(EXPECTED_WARNINGS)


def test_launch_content_is_clean(site):
    report = site.report
    assert (report["errors"], report["warnings"], report["findings"]) == (0, 0, [])
