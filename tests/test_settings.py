"""The plugin's settings, declared once (settings.py): an unknown key is a
warning naming the nearest known one, a value of the wrong kind an error with
the file and line, and the plugin and the theme get the complete values."""

import logging

from conftest import ROOT, build_in_process, line_with
from therapy_ties.checks.findings import ERROR, WARNING, Findings
from therapy_ties.settings import DECLARED, SINGLE, check_and_merge

SETTINGS_FILE = '''SITENAME = "Test"
WORKERS = "four"
MINIFY = "yes"
CONSULTATION = {
    "bookng_url": "https://book.example/x",
    "steps": "Call us.",
}
IMAGES = {"widths": [400, 800], "webp_quality": True}
'''


def checked(tmp_path, given):
    (tmp_path / "pelicanconf.py").write_text(SETTINGS_FILE, encoding="utf-8")
    settings = dict(given, PATH=str(tmp_path / "content"))
    findings = Findings(str(tmp_path))
    fine = check_and_merge(settings, findings, ERROR, WARNING)
    return fine, settings, [(f.rule, f.severity, f.source, f.line, f.message, f.hint) for f in findings.items]


def test_unknown_keys_and_wrong_kinds_are_named_with_file_and_line(tmp_path):
    given = {"CONSULTATION": {"bookng_url": "https://book.example/x", "steps": "Call us."},
             "IMAGES": {"widths": [400, 800], "webp_quality": True}}
    fine, _settings, found = checked(tmp_path, given)
    assert not fine
    assert ("setting-unknown", "warning", "pelicanconf.py", line_with(SETTINGS_FILE, "bookng_url"),
            "CONSULTATION['bookng_url'] is not a setting the site knows, so it does nothing",
            "did you mean 'booking_url'?") in found
    steps = next(f for f in found if "steps" in f[4])
    assert steps[:4] == ("setting-type", "error", "pelicanconf.py", line_with(SETTINGS_FILE, '"steps"'))
    assert "should be a list" in steps[4] and "not text: 'Call us.'" in steps[4]
    quality = next(f for f in found if "webp_quality" in f[4])
    assert "should be a whole number" in quality[4] and "not true or false" in quality[4]
    assert not [f for f in found if "widths" in f[4]]


def test_a_misspelled_setting_is_named_with_the_one_meant(tmp_path):
    (tmp_path / "pelicanconf.py").write_text('''SITENAME = "Test"\nCONSULTATON = {"phone": "1"}\n''', encoding="utf-8")
    settings = {"CONSULTATON": {"phone": "1"}, "SECURITY_HEADERS": {}, "TAGS_URL": "blog/tags/",
                "DIRECT_TEMPLATES": ["tags"], "PATH": str(tmp_path / "content")}
    findings = Findings(str(tmp_path))
    assert check_and_merge(settings, findings, ERROR, WARNING)
    assert [(f.rule, f.severity, f.line, f.message, f.hint) for f in findings.items] == [
        ("setting-unknown", "warning", 2, "CONSULTATON is not a setting the site knows, so it does nothing",
         "did you mean CONSULTATION?")]  # a setting of the theme's own, or Pelican's, is no finding


def test_single_settings_of_the_wrong_kind_are_errors_with_file_and_line(tmp_path):
    fine, _settings, found = checked(tmp_path, {"WORKERS": "four", "MINIFY": "yes"})
    assert not fine
    assert ("setting-type", "error", "pelicanconf.py", line_with(SETTINGS_FILE, "WORKERS"),
            "WORKERS should be a whole number (processes the build may use; None: one per core, "
            "1: one process), not text: 'four'", "write it like the default: None") in found
    assert any(f[3] == line_with(SETTINGS_FILE, "MINIFY") and "should be true or false" in f[4] for f in found)
    for fine_value in (None, 1, 4):
        assert checked(tmp_path, {"WORKERS": fine_value})[0]


def test_every_setting_and_group_comes_out_complete(tmp_path):
    fine, settings, found = checked(tmp_path, {"CONSULTATION": {"phone": "(000) 000-0000"}})
    assert fine and found == []
    for name, declared in SINGLE.items():
        assert settings[name] == declared.default, name
    for name, declared in DECLARED.items():
        assert set(settings[name]) == set(declared), name
    assert settings["PRACTICE"]["street_address"] == "" and settings["LICENSEE"]["license_number"] == ""
    assert settings["CONSULTATION"]["phone"] == "(000) 000-0000"
    assert settings["CONSULTATION"]["button_label"] == DECLARED["CONSULTATION"]["button_label"].default


def test_the_theme_gets_the_defaults_a_settings_file_leaves_out(tmp_path):
    page = (ROOT / "content/pages/free-consultation.md").read_text(encoding="utf-8")  # Template: consultation
    build = build_in_process(tmp_path, {"blog/a.md": "Title: A\nDate: 2026-11-02\nSummary: s\n\nWords.\n",
                                        "pages/free-consultation.md": page.split("Therapy Ties offers")[0]},
                             CONSULTATION={"booking_url": "https://book.example/x"})
    assert build.returncode == 0, build.log
    page = (build.output / "free-consultation/index.html").read_text(encoding="utf-8")
    assert "href=https://book.example/x>Schedule a free 15-minute consultation</a>" in page


def test_a_setting_of_the_wrong_kind_stops_the_build(tmp_path):
    build = build_in_process(tmp_path, {"blog/a.md": "Title: A\nDate: 2026-11-02\nSummary: s\n\nWords.\n"},
                             fatal=logging.CRITICAL + 1, IMAGES={"widths": "480"})
    assert build.returncode == 1
    assert "IMAGES['widths'] should be a list" in build.log and "a setting has the wrong kind of value" in build.log
