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


def articles(tmp_path, title="A title"):
    """Two Pelican articles, the second linking to the first, as a build holds them."""
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG
    from pelican.urlwrappers import Tag
    from pelican.utils import SafeDatetime

    settings = dict(DEFAULT_CONFIG, PATH=str(tmp_path), CACHE_PATH=str(tmp_path / "cache"))
    context = {"generated_content": {}, "static_content": {}, "localsiteurl": ""}
    made = []
    for number, (name, text) in enumerate([(title, "<p>Words.</p>"),
                                           ("Other", '<p><a href="{filename}/a0.md">one</a></p>')]):
        made.append(Article(text, metadata={"title": name, "date": SafeDatetime(2026, 1, 1 + number),
                                            "tags": [Tag("calm", settings)]},
                            settings=settings, source_path=str(tmp_path / f"a{number}.md"), context=context))
        context["generated_content"][f"a{number}.md"] = made[-1]
    made[1].prev_article = made[0]
    return settings, made


def seeded(tmp_path, title="A title"):
    """(the own digests a page cache works out for the articles, whether it worked them out)."""
    from pelican_fastbuild import page_cache

    settings, contents = articles(tmp_path, title)
    cache = PageCache(settings, ENV, "")
    worked_out = []
    original = page_cache.Fingerprints.seed

    def counting(self, items, workers):
        worked_out.append(len(items))
        return original(self, items, workers)

    page_cache.Fingerprints.seed = counting
    try:
        cache.seed(contents, 2)
    finally:
        page_cache.Fingerprints.seed = original
    digests = [cache.fingerprints.own(item)[0] for item in contents]
    fresh = page_cache.Fingerprints()
    assert digests == [fresh.own(item)[0] for item in contents]  # what this process would work out
    return digests, bool(worked_out)


def test_own_digests_are_kept_while_no_attribute_of_any_article_changes(tmp_path):
    first, worked = seeded(tmp_path)
    assert worked
    again, worked = seeded(tmp_path)
    assert again == first and not worked  # new objects, the same attributes: taken from the last build
    retitled, worked = seeded(tmp_path, title="Another title")
    assert worked and retitled[0] != first[0]


def test_a_tags_digest_does_not_depend_on_whether_its_slug_was_worked_out(tmp_path):
    from pelican_fastbuild.page_cache import Fingerprints
    from pelican.urlwrappers import Tag

    settings, _ = articles(tmp_path)
    fresh, slugged = Tag("Calm days", settings), Tag("Calm days", settings)
    assert slugged.slug == "calm-days"  # fills its _slug
    for first, second in ((fresh, slugged), (slugged, fresh)):
        fingerprints = Fingerprints()
        assert fingerprints.wrapper(first) == fingerprints.wrapper(second)
    assert Fingerprints().wrapper(Tag("Calm days", settings)) == Fingerprints().wrapper(slugged)
