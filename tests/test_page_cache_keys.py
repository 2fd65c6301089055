"""The page cache's keys (page_cache.py) on their own: what changes a page's
key and what does not."""

import importlib.util
import threading

from jinja2 import DictLoader, Environment

from pelican_fastbuild.page_cache import PageCache, code_files, names_read

TEMPLATES = {
    "base.html": "{{ SITENAME }}{% block body %}{% endblock %}{% include 'part.html' %}",
    "part.html": "{{ footer }}",
    "page.html": "{% extends 'base.html' %}{% block body %}{{ title }}{% endblock %}",
    "chosen.html": "{% include which %}",
}
ENV = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
CONTEXT = {"SITENAME": "Therapy Ties", "title": "A page", "footer": "Footer", "unrelated": "not read"}


def key(tmp_path, context=CONTEXT, template="page.html", settings=None, extra="", plugins=()):
    settings = settings or {"CACHE_PATH": str(tmp_path), "OUTPUT_PATH": "output", "SITENAME": "Therapy Ties"}
    cache = PageCache(settings, ENV, extra, plugins)
    return cache.key("a/index.html", ENV.get_template(template), dict(context), False, None, None, False,
                     "a/", {})


def test_a_template_reads_what_it_and_the_templates_it_pulls_in_name():
    assert names_read(ENV, "page.html", {}) == {"SITENAME", "title", "footer"}
    assert names_read(ENV, "chosen.html", {}) is None  # chosen at render time: the page reads everything


def test_what_changes_a_key(tmp_path):
    same = key(tmp_path)
    assert same == key(tmp_path) and len(same) == 40
    assert key(tmp_path, dict(CONTEXT, unrelated="changed")) == same  # not read by the page
    assert key(tmp_path, dict(CONTEXT, title="Another")) != same
    assert key(tmp_path, dict(CONTEXT, footer="Another")) != same  # read through an include
    moved = {"CACHE_PATH": str(tmp_path), "OUTPUT_PATH": "elsewhere", "SITENAME": "Therapy Ties"}
    assert key(tmp_path, settings=moved) == same  # builds go to fresh folders
    renamed = dict(moved, SITENAME="Other")
    assert key(tmp_path, settings=renamed) != same
    assert key(tmp_path, extra="images changed") != same


def test_functions_count_by_their_code_and_what_cannot_be_described_renders_the_page(tmp_path):
    def one():
        return "one"

    def two():
        return "two"

    same = key(tmp_path, dict(CONTEXT, title=one))
    assert same == key(tmp_path, dict(CONTEXT, title=one)) != key(tmp_path, dict(CONTEXT, title=two))
    assert key(tmp_path, dict(CONTEXT, title=threading.Lock())) is None  # pickle cannot describe a lock
    unhashable = {"CACHE_PATH": str(tmp_path), "OUTPUT_PATH": "output", "SITENAME": "x", "LOCK": threading.Lock()}
    assert key(tmp_path, settings=unhashable) is None  # then no page of the build is keyed


def a_plugin(folder):
    """A plugin package with a module in a subfolder, loaded from `folder`."""
    (folder / "a_plugin" / "part").mkdir(parents=True)
    (folder / "a_plugin" / "__init__.py").write_text("def register(): pass\n")
    (folder / "a_plugin" / "part" / "rule.py").write_text("LIMIT = 1\n")
    spec = importlib.util.spec_from_file_location("a_plugin", folder / "a_plugin" / "__init__.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_code_of_every_plugin_the_build_loaded_is_in_the_key(tmp_path):
    plugin = a_plugin(tmp_path / "one")
    assert sorted(code_files([plugin])) == ["a_plugin/__init__.py", "a_plugin/part/rule.py"]
    same = key(tmp_path, plugins=(plugin,))
    assert same != key(tmp_path)
    assert key(tmp_path, plugins=(a_plugin(tmp_path / "two"),)) == same  # where the project lies does not count
    (tmp_path / "one" / "a_plugin" / "part" / "rule.py").write_text("LIMIT = 2\n")
    assert key(tmp_path, plugins=(plugin,)) != same
