"""The content checks' results kept between builds that keep Pelican's content
cache (checks/kept_results.py): said again as they were only while what they
were made from holds; and the checks running beside Pelican's reading say
what they said before, in the same order, and still stop the build."""

import os
import pickle

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings
from hypothesis import strategies as st

from conftest import build_in_process
from therapy_ties.checks import kept_results
from therapy_ties.checks.content_checks import check_all
from therapy_ties.checks.findings import Findings

HEAD = "Date: 2026-11-02\nAuthor: Liron\nCategory: Blog\nSummary: S.\n"


@pytest.fixture
def site(tmp_path):
    """A content folder, the settings the checks read, and a way to check it
    as a build does (fresh, or with the kept results)."""
    content = tmp_path / "content"
    (content / "blog").mkdir(parents=True)
    values = {"PATH": str(content), "ARTICLE_PATHS": ["blog"], "PAGE_PATHS": ["pages"],
              "ARTICLE_SAVE_AS": "{slug}/index.html", "PAGE_SAVE_AS": "{slug}/index.html",
              "CACHE_PATH": str(tmp_path / "cache"), "LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True,
              "SLUG_REGEX_SUBSTITUTIONS": [(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""),
                                           (r"[-\s]+", "-")]}

    class Site:
        settings = values
        root = str(tmp_path)

        def write(self, relative, text):
            (content / relative).parent.mkdir(parents=True, exist_ok=True)
            (content / relative).write_text(text, encoding="utf-8", newline="")

        def fresh(self):
            found = Findings(self.root, log=False)
            blocking = check_all(self.settings, found)
            return found.items, blocking

        def kept(self):
            """check_every_file as a build runs it; and how many files it took from the kept results."""
            kept = kept_results.KeptResults(self.settings, self.root, "content-checks")
            found = Findings(self.root, log=False)
            blocking = check_all(self.settings, found, kept)
            kept.save()
            return (found.items, blocking), kept.reused

    return Site()


def test_an_unchanged_file_is_not_checked_again_and_says_the_same(site):
    site.write("blog/a.md", "Title: A\n" + HEAD + "\nA [link]({filename}/blog/missing.md).\n")
    site.write("blog/b.md", "Title: B\n" + HEAD + "\nFirst\x0bsecond.\n")
    first, reused = site.kept()
    assert reused == 0
    again, reused = site.kept()
    assert reused == 2
    assert again == first == site.fresh()
    assert {f.rule for f in again[0]} >= {"link-target-missing", "control-character"}
    assert again[1] == ["control-character"]


def test_a_changed_file_is_checked_again(site):
    site.write("blog/a.md", "Title: A\n" + HEAD + "\nFirst\x0bsecond.\n")
    site.kept()
    site.write("blog/a.md", "Title: A\n" + HEAD + "\nFirst second.\n")
    (found, blocking), reused = site.kept()
    assert reused == 0 and blocking == [] and found == site.fresh()[0]


def test_a_link_target_that_appears_or_goes_checks_the_linking_file_again(site):
    site.write("blog/a.md", "Title: A\n" + HEAD + "\nA [link]({filename}/blog/b.md).\n")
    (found, _), _ = site.kept()
    assert [f.rule for f in found] == ["link-target-missing"]
    site.write("blog/b.md", "Title: B\n" + HEAD + "\nWords.\n")
    (found, _), reused = site.kept()
    assert found == [] and reused == 0  # a.md: its target is there now; b.md: new
    os.remove(os.path.join(site.settings["PATH"], "blog", "b.md"))
    (found, _), reused = site.kept()
    assert [f.rule for f in found] == ["link-target-missing"] and reused == 0


def test_a_setting_the_checks_read_that_changes_checks_every_file_again(site):
    site.write("blog/a.md", "Title: Café & co\n" + HEAD + "\nWords.\n")
    (_, _), _ = site.kept()
    site.settings["SLUG_REGEX_SUBSTITUTIONS"] = [(r".", "")]  # every title gives an empty address
    (found, blocking), reused = site.kept()
    assert reused == 0 and blocking == ["empty-slug"] and found == site.fresh()[0]


def test_results_of_other_code_or_a_damaged_file_are_not_used(site, monkeypatch):
    site.write("blog/a.md", "Title: A\n" + HEAD + "\nWords.\n")
    site.kept()
    monkeypatch.setattr(kept_results, "_inputs_key", lambda root: b"other code, or another day")
    assert site.kept()[1] == 0
    monkeypatch.undo()
    path = kept_results.KeptResults(site.settings, site.root, "content-checks").path
    with open(path, "wb") as handle:
        handle.write(b"not a pickle")
    assert site.kept()[1] == 0
    with open(path, "rb") as handle:
        assert pickle.load(handle)  # written whole again


def test_nothing_is_kept_unless_the_build_keeps_pelicans_content_cache():
    assert kept_results.enabled({"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "CACHE_PATH": "c"})
    assert not kept_results.enabled({"LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": True, "CACHE_PATH": "c"})
    assert not kept_results.enabled({"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": False, "CACHE_PATH": "c"})


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.lists(st.sampled_from(list("ab <>{}|/()[]!:#*.\n\x0b\u00e9-") + [
    "{filename}/blog/x.md", "{static}/images/y.jpg", "](", "<script>", "http://", "{: .x}"]), max_size=40).map("".join),
       title=st.text(min_size=0, max_size=12))
def test_kept_results_say_what_a_fresh_check_says_for_any_text(site, body, title):
    site.write("blog/a.md", f"Title: {title}\n" + HEAD + "\n" + body)
    first, _ = site.kept()
    again, reused = site.kept()
    assert first == again == site.fresh() and reused == 1


PELICAN_MESSAGE = {"blog/ready.md": "Title: Ready\n" + HEAD + "Status: ready\n\nWords.\n"}  # Pelican warns
OUR_FINDINGS = {"blog/links.md": "Title: Links\n" + HEAD + "\nA [link]({filename}/blog/none.md).\n",
                "blog/plain.md": "Title: Plain\n" + HEAD + "\nSee [this](http://example.com).\n"}


@pytest.mark.parametrize("workers", [1, 2])
def test_the_checks_beside_pelicans_reading_say_the_same_in_the_same_order(tmp_path, workers):
    files = {**OUR_FINDINGS, **PELICAN_MESSAGE}
    built = build_in_process(tmp_path, files, fatal=logging_off(), WORKERS=workers)
    rules = [f["rule"] for f in built.report["findings"]]
    assert rules.index("link-target-missing") < rules.index("unknown-status"), rules
    logged = [line for line in built.log.splitlines() if "link-target-missing" in line or "unknown-status" in line]
    assert "link-target-missing" in logged[0] and "unknown-status" in logged[-1], built.log


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_pelican_cannot_build_still_stops_the_build_before_anything_is_written(tmp_path, workers):
    built = build_in_process(tmp_path, {"blog/twice.md": "Title: A\nTitle: B\n" + HEAD + "\nWords.\n",
                                        **PELICAN_MESSAGE}, WORKERS=workers)
    assert built.returncode == 1
    assert "content that Pelican cannot build (repeated-metadata)" in built.log
    assert "unknown-status" not in built.log  # Pelican's messages while it read are not said
    assert not built.output.exists() or not any(built.output.rglob("*.html"))


def test_a_rebuild_keeping_the_cache_says_what_the_first_build_said(tmp_path):
    files = {**OUR_FINDINGS, **PELICAN_MESSAGE}
    cached = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "WORKERS": 2}
    first = build_in_process(tmp_path, files, fatal=logging_off(), **cached)
    again = build_in_process(tmp_path, files, fatal=logging_off(), **cached)
    assert again.returncode == first.returncode == 0
    assert again.report["findings"] == first.report["findings"] != []


def logging_off():
    """No --fatal: the build goes on past errors, so the whole report is written."""
    return 100


def test_alt_text_findings_are_kept_too_and_follow_the_image_files(tmp_path):
    """Past 50 contents the alt-text checks run on workers; kept results come back from them."""
    images = tmp_path / "content" / "images"
    filler = {f"blog/filler-{n}.md": f"Title: Filler {n}\n" + HEAD + "\nPlain words.\n" for n in range(55)}
    files = {**filler,
             "blog/photo.md": "Title: Photo\n" + HEAD + "\nText.\n\n![A red door]({static}/images/door.jpg)\n",
             "blog/no-alt.md": "Title: No alt\n" + HEAD + "\nText.\n\n<img src=\"{static}/images/door.jpg\">\n"}
    cached = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "WORKERS": 2}

    def alt_findings(built):
        return [(f["source"], f["rule"]) for f in built.report["findings"] if f["rule"].startswith(("alt-", "image-"))]

    first = build_in_process(tmp_path, files, fatal=logging_off(), **cached)
    again = build_in_process(tmp_path, files, fatal=logging_off(), before=checking_fails, **cached)
    assert again.returncode == 0, again.log
    assert alt_findings(again) == alt_findings(first)  # said again, none checked afresh
    assert ("content/blog/photo.md", "image-missing-file") in alt_findings(first), alt_findings(first)
    kept = pickle.loads((tmp_path / "cache" / "alt-text-checks.pickle").read_bytes())[1]
    assert len(kept) >= 57
    # the image appears (build_in_process writes the content folder anew, so in `before`)
    import shutil
    from conftest import ROOT
    photo = ROOT / "content" / "images" / "two-men-embracing.jpg"
    with_image = build_in_process(tmp_path, files, fatal=logging_off(),
                                  before=lambda: (images.mkdir(exist_ok=True), shutil.copy(photo, images / "door.jpg")),
                                  **cached)
    assert ("content/blog/photo.md", "image-missing-file") not in alt_findings(with_image), alt_findings(with_image)
    assert ("content/blog/no-alt.md", "alt-missing") in alt_findings(with_image)


def checking_fails():
    """In a build's process: any alt-text check made afresh raises."""
    from therapy_ties.checks import alt_check

    def fails(*args, **kwargs):
        raise AssertionError("checked afresh")

    alt_check.check_content = fails
