"""Pages whose inputs did not change are copied from the last build.

Pelican renders every page on every build. A page is what its template makes
of the values it reads, so a page is keyed by a hash of
  - the build: every theme template, the code of every plugin the build
    loaded, the versions of the installed packages, the settings (not
    OUTPUT_PATH: builds go to fresh folders) and what plugins say a finished
    page also depends on (the fastbuild_page_inputs signal: writing.py);
  - the page: its file name, template, URL and pagination, and the value of
    every name its template and the templates it extends, includes or imports
    read (jinja2.meta), from the page's own values or the site's context.
An article or page counts with everything it holds (text, metadata, what
plugins added, URL, summary) and what the articles and pages it points to hold
(neighbours, related articles): one step deep; a template reading
article.next_article.next_article.title would not see that title change.
A value that cannot be hashed faithfully (one pickle cannot describe)
leaves its page rendered as usual. A feed is keyed the same way by its
articles and the whole context it is written with (feed_key).

Every article's and page's own digest is worked out once per build, on every
core, or taken from the last build when no attribute of any of them changed
(seed). Each finished file is kept once, under the digest of its bytes
(CACHE_PATH/pages/files), and an entry per page call names its files;
restoring a page copies them (copies, not links: a plugin may rewrite a
written file in place).

The cache follows Pelican's content cache: used when a build both loads and
saves that cache (local builds, the live preview); a build that reads every
file afresh (production, --ignore-cache) renders every page afresh. It is
used by the page workers' writer (writing.py): WORKERS = 1 writes every page
as Pelican does.
"""

import functools
import hashlib
import inspect
import io
import json
import marshal
import os
import pickle
import shutil
import sys
import sysconfig
import tempfile
import types

from jinja2 import TemplateNotFound, meta
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from .forked import map_forked

FORMAT = b"page-cache 2"
BLOBS = "files"  # under CACHE_PATH/pages: each finished file's bytes, by their digest
KEPT_DIGESTS = "contents.pickle"  # under CACHE_PATH/pages: the last build's own digests (PageCache.seed)
PAGINATED_BY_DEFAULT = ("articles", "dates")  # pelican.writers.Writer.write_file
SETTINGS_NOT_SHOWN = {"OUTPUT_PATH"}  # differs per build, appears in no page
ATTRIBUTES_NOT_OWN = {"settings", "_context"}  # the whole site's: in the build key
# url_format holds the time now for a page without a date; url and save_as,
# made from it, are hashed.
# Deprecated names that warn when read: filename (source_path); a static
# file's filepath, src and dst (source_path, save_as).
PROPERTIES_NOT_SHOWN = {"url_format", "filename", "filepath", "src", "dst"}


class Unhashable(Exception):
    """A value the key cannot describe faithfully."""


def enabled(settings):
    return bool(settings.get("LOAD_CONTENT_CACHE") and settings.get("CACHE_CONTENT"))


class Fingerprints:
    """Stable digests of the values pages are rendered from, memoized for one
    build (objects are held so their ids are not reused)."""

    def __init__(self):
        self._memo = {}
        self._wrappers = {}

    def of(self, value):
        """Digest of a value; articles in it count with those they point to."""
        return hashlib.blake2b(_KeyPickler.bytes_of(self, value, refs=None), digest_size=20).digest()

    def of_shared(self, value):
        """The same, remembered: for the site's values every page reads."""
        return self._memoized("value", value, lambda: self.of(value))

    def _memoized(self, kind, value, make):
        key = (kind, id(value))
        if key not in self._memo:
            self._memo[key] = (value, make())
        return self._memo[key][1]

    def content(self, item):
        """An article or page with those it points to, one step deep."""

        def make():
            own, refs = self.own(item)
            digest = hashlib.blake2b(own, digest_size=20)
            for other in refs:
                digest.update(self.own(other)[0])
            return digest.digest()

        return self._memoized("content", item, make)

    def own(self, item):
        """(digest, articles/pages it points to) of an article's, page's or
        tag's own values: its attributes and what its properties give."""

        def make():
            cls = type(item)
            values = _property_values(item)  # first: a property may fill an attribute it caches (a tag's _slug)
            values.update((name, v) for name, v in vars(item).items() if name not in ATTRIBUTES_NOT_OWN)
            refs = []
            data = _KeyPickler.bytes_of(self, (cls.__module__, cls.__qualname__, sorted(values.items())), refs)
            return hashlib.blake2b(data, digest_size=20).digest(), refs

        return self._memoized("own", item, make)

    def seed(self, contents, workers):
        """Work out the own digests of all these articles and pages at once,
        on `workers` forked processes (their properties, such as the text with
        its links made, are computed there, not here); {number: (digest, the
        numbers of the contents it points to)} of those worked out."""
        global _seeding
        _seeding = (self, {id(item): number for number, item in enumerate(contents)})
        try:
            results = map_forked(_own_of, contents, workers)
        finally:
            _seeding = None
        worked_out = {number: result for number, result in enumerate(results) if result is not None}
        self.remember(contents, worked_out)
        return worked_out

    def remember(self, contents, digests):
        """Take {number: (digest, numbers it points to)} as these contents' own digests."""
        for number, (digest, refs) in digests.items():
            item = contents[number]
            self._memo[("own", id(item))] = (item, (digest, [contents[other] for other in refs]))

    def attributes(self, contents, build):
        """Digest of the build and of every attribute of every content (not
        what their properties give), in an order of their own."""
        digest = hashlib.blake2b(build, digest_size=20)
        for item in sorted(contents, key=identity):
            cls = type(item)
            values = sorted((name, v) for name, v in vars(item).items() if name not in ATTRIBUTES_NOT_OWN)
            digest.update(_KeyPickler.bytes_of(self, (cls.__module__, cls.__qualname__, values), refs=[]))
        return digest.digest()

    def wrapper(self, item):
        """A tag's, category's or author's digest. Pelican makes one object
        per mention; equal ones share a digest (their URLs are worked out once)."""
        as_found = _attributes_shown(item)
        if as_found not in self._wrappers:
            _property_values(item)  # attributes a property caches (a tag's _slug) filled, whichever object came first
            filled = _attributes_shown(item)
            if filled not in self._wrappers:
                self._wrappers[filled] = self.own(item)[0]
            self._wrappers[as_found] = self._wrappers[filled]
        return self._wrappers[as_found]


def identity(item):
    """An article's or page's name from one build to the next."""
    cls = type(item)
    return f"{cls.__module__}.{cls.__qualname__}:{item.source_path}"


_seeding = None  # (Fingerprints, {id(content): its number}) while workers seed it


def _own_of(item):
    """In a worker: (own digest, the numbers of the contents it points to), or
    None when the build's process must work it out itself."""
    fingerprints, numbers = _seeding
    try:
        digest, refs = fingerprints.own(item)
        return digest, [numbers[id(ref)] for ref in refs]
    except (Unhashable, KeyError):  # a value pickle cannot describe; a page it points to is not listed
        return None


class _KeyPickler(pickle.Pickler):
    """Bytes of a value, for hashing. Articles, pages, tags and functions
    become stable tokens; no memo, so equal values give equal bytes whichever
    objects they share. (A set of text may pickle in another order in another
    run: its page is then rendered again, never shown stale.)"""

    @classmethod
    def bytes_of(cls, fingerprints, value, refs):
        buffer = io.BytesIO()
        pickler = cls(buffer, protocol=4)
        pickler.fast = True  # no memo (and a cycle ends in RecursionError)
        pickler.fingerprints, pickler.refs = fingerprints, refs
        try:
            pickler.dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError) as problem:
            raise Unhashable(repr(problem)) from None
        return buffer.getvalue()

    def reducer_override(self, value):
        """Called for every object but plain str, int, float, bytes, list,
        tuple, dict and set values (whose bytes pickle makes itself)."""
        if isinstance(value, Content):
            if self.refs is None:
                return _token, ("content", self.fingerprints.content(value))
            self.refs.append(value)  # inside an article: hashed beside it
            return _token, ("points to", str(value.source_path))
        if isinstance(value, URLWrapper):  # a tag, category or author
            return _token, ("wrapper", self.fingerprints.wrapper(value))
        if isinstance(value, (types.FunctionType, types.MethodType)) and value is not _token:
            function = getattr(value, "__func__", value)
            return _token, ("function", function.__module__, function.__qualname__, marshal.dumps(function.__code__))
        if isinstance(value, types.ModuleType):
            return _token, ("module", value.__name__)
        return NotImplemented


def _token(*description):
    """What a key's bytes name in place of an object (never called)."""


def _attributes_shown(item):
    return type(item), tuple(sorted((k, repr(v)) for k, v in vars(item).items() if k not in ATTRIBUTES_NOT_OWN))


def _property_values(item):
    """{name: value} of an object's properties (what raises, as the template would meet it)."""
    values = {}
    for name in _properties(type(item)):
        try:
            values[name] = getattr(item, name)
        except Exception as problem:  # the template would meet it too
            values[name] = ("raised", type(problem).__name__)
    return values


@functools.cache
def _properties(cls):
    return [name for name, _property in inspect.getmembers(cls, lambda a: isinstance(a, property))
            if name not in PROPERTIES_NOT_SHOWN]


def names_read(env, template_name, parsed, seen=None):
    """Every context name a template and those it pulls in read, or None when
    one of them is chosen at render time (then the page reads everything).
    `parsed` keeps each template's own names and references between calls."""
    seen = set() if seen is None else seen
    if template_name in seen:
        return set()
    seen.add(template_name)
    if template_name not in parsed:
        try:
            source, _filename, _uptodate = env.loader.get_source(env, template_name)
        except TemplateNotFound:  # e.g. an include "ignore missing": read everything
            parsed[template_name] = None
        else:
            tree = env.parse(source)
            parsed[template_name] = (set(meta.find_undeclared_variables(tree)),
                                     list(meta.find_referenced_templates(tree)))
    if parsed[template_name] is None:
        return None
    own, referenced = parsed[template_name]
    names = set(own)
    for other in referenced:
        more = None if other is None else names_read(env, other, parsed, seen)
        if more is None:
            return None
        names |= more
    return names


def installed_packages():
    """The packages installed in this Python's environment, as the names of
    their metadata folders (name-version.dist-info): its site-packages, not
    sys.path, which differs between `pelican` run from the project and the
    live preview and would make their keys differ."""
    paths = sysconfig.get_paths()
    names = set()
    for folder in {paths["purelib"], paths["platlib"]}:
        if os.path.isdir(folder):
            names.update(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-info")))
    return "\n".join(sorted(names))


def code_files(modules):
    """{name: path} of these modules' Python files (a package's whole folder),
    named by module and place in it, not where the project lies."""
    files = {}
    for module in modules:
        path = getattr(module, "__file__", None)
        if not path:
            continue
        path = os.path.abspath(path)
        if os.path.basename(path) != "__init__.py":
            files[module.__name__] = path
            continue
        top = os.path.dirname(path)
        for folder, _dirs, names in os.walk(top):
            for name in names:
                if name.endswith(".py"):
                    file = os.path.join(folder, name)
                    files[module.__name__ + "/" + os.path.relpath(file, top)] = file
    return files


def build_inputs(env, settings, extra, plugins=()):
    """Digest of what every page depends on: templates, code, packages, settings."""
    digest = hashlib.blake2b(FORMAT, digest_size=20)
    for name in sorted(env.list_templates()):
        source, _filename, _uptodate = env.loader.get_source(env, name)
        digest.update(name.encode() + b"\0" + source.encode() + b"\0")
    files = code_files([sys.modules[__package__], *plugins])
    for name in sorted(files):
        with open(files[name], "rb") as handle:
            digest.update(name.encode() + b"\0" + handle.read())
    digest.update(installed_packages().encode())
    fingerprints = Fingerprints()
    digest.update(fingerprints.of({k: v for k, v in settings.items() if k not in SETTINGS_NOT_SHOWN}))
    digest.update(extra.encode())
    return digest.digest()


class PageCache:
    """Keys of one build's pages, and the stored pages under CACHE_PATH/pages."""

    def __init__(self, settings, env, extra, plugins=()):
        self.folder = os.path.join(settings["CACHE_PATH"], "pages")
        try:
            self.build = build_inputs(env, settings, extra, plugins)
        except Unhashable:  # a setting pickle cannot describe: every page is rendered
            self.build = None
        self.fingerprints = Fingerprints()
        self.names = {}  # template name -> names read (None: all)
        self.parsed = {}  # template name -> (its own names, templates it pulls in)
        self.used = set()
        self.canonical = {}  # id(value) -> (value, it in an order of its own): feed keys
        self.tallies = {}  # "page" or "feed" -> [from the cache, rendered]

    def key(self, name, template, context, relative_urls, paginated, template_name, override_output, url, kwargs):
        """The page's key, or None when a value it reads cannot be hashed."""
        if self.build is None:
            return None
        if template.name not in self.names:  # every generator's templates come from the same theme
            self.names[template.name] = names_read(template.environment, template.name, self.parsed)
        names = self.names[template.name]
        if names is None:
            names = set(context) | set(kwargs)
        if paginated is None:  # what Pelican's writer then paginates
            paginated = {k: v for k, v in kwargs.items() if k in PAGINATED_BY_DEFAULT}
        page = [name, template.name, relative_urls, template_name, override_output, url]
        values = ((read, kwargs[read] if read in kwargs else context.get(read, _Missing)) for read in sorted(names))
        return self._key([page, paginated], values)

    def _key(self, parts, named_values):
        """The hex digest of the build, the parts and the named values (those
        the site's pages share are worked out once); None when one cannot be
        hashed."""
        digest = hashlib.blake2b(self.build, digest_size=20)
        try:
            for part in parts:
                digest.update(self.fingerprints.of(part))
            for name, value in named_values:
                digest.update(name.encode() + b"=" + self.fingerprints.of_shared(value))
        except Unhashable:
            return None
        key = digest.hexdigest()
        self.used.add(key)
        return key

    def seed(self, contents, workers):
        """Every article's and page's own digest (what the page keys are made
        of): kept from the last build when no attribute of any of them changed,
        else worked out on every core.

        An own digest is made of a content's attributes and of what its
        properties give; Pelican's properties (the text with its links made,
        the summary, the address) are worked out from the attributes of that
        content and of those it links to, the settings and Pelican's code. The
        build's digest holds the settings and the code, so the same build and
        the same attributes of every content give the same own digests."""
        if self.build is None:
            return
        names = [identity(item) for item in contents]
        try:
            attributes = self.fingerprints.attributes(contents, self.build) if len(set(names)) == len(names) else None
        except Unhashable:
            attributes = None
        path = os.path.join(self.folder, KEPT_DIGESTS)
        kept = _load_pickle(path)
        if attributes is not None and kept and kept.get("attributes") == attributes:
            numbers = {name: number for number, name in enumerate(names)}
            try:
                self.fingerprints.remember(contents, {numbers[name]: (digest, [numbers[r] for r in refs])
                                                      for name, (digest, refs) in kept["digests"].items()})
                return
            except KeyError:  # a content of the last build is not here: work them out
                pass
        worked_out = self.fingerprints.seed(contents, workers)
        if attributes is not None:
            digests = {names[number]: (digest, [names[r] for r in refs]) for number, (digest, refs) in worked_out.items()}
            _save_pickle(path, {"attributes": attributes, "digests": digests})

    def feed_key(self, elements, context, path, url, feed_type, override_output, feed_title):
        """A feed's key: its articles, in order, with all they hold, and every
        value of the context it is written with (feed_generated receivers get
        it all), in an order of their own: a feed's entries and their order
        come from `elements`, while Pelican fills some of the context's lists
        and dicts in an order that changes from run to run (it lists files in
        a set). None when a value cannot be hashed."""
        if self.build is None:
            return None
        feed = ["feed", path, url, feed_type, override_output, feed_title]
        values = ((name, self._memoized_canonical(context[name])) for name in sorted(set(context) - SETTINGS_NOT_SHOWN))
        return self._key([feed, list(elements)], values)

    def _memoized_canonical(self, value):
        """The value in an order of its own (the same object each time it is asked for)."""
        if id(value) not in self.canonical:
            self.canonical[id(value)] = (value, canonical(value))
        return self.canonical[id(value)][1]

    def count(self, kinds_from_cache):
        """Tally page and feed calls: (kind, True) for each copied from the
        cache, (kind, False) for each rendered."""
        for kind, from_cache in kinds_from_cache:
            tally = self.tallies.setdefault(kind, [0, 0])
            tally[0 if from_cache else 1] += 1

    def said(self):
        """What the cache did, e.g. 'pages: 1024 from the cache, 0 rendered; feeds: ...'."""
        return "; ".join(f"{kind}s: {reused} from the cache, {rendered} rendered"
                         for kind, (reused, rendered) in sorted(self.tallies.items(), key=lambda item: item[0] != "page"))

    def path(self, key):
        return os.path.join(self.folder, key + ".json")

    def prune(self, stored_any):
        """Keep only the pages this build used, and (when it stored or dropped
        any) only the files they name."""
        if not os.path.isdir(self.folder):
            return
        dropped = False
        for name in os.listdir(self.folder):
            if name.endswith(".json") and name[:-5] not in self.used:
                os.remove(os.path.join(self.folder, name))
                dropped = True
        blobs = os.path.join(self.folder, BLOBS)
        if (stored_any or dropped) and os.path.isdir(blobs):
            named = set()
            for key in self.used:
                try:
                    named.update(blob for _relative, blob in _entry(self.path(key)))
                except (OSError, ValueError):
                    pass
            for name in os.listdir(blobs):
                if name not in named:
                    os.remove(os.path.join(blobs, name))


def canonical(value):
    """A dict, set or list of articles in an order of its own (sorted by key,
    by value, by source file), else the value itself."""
    try:
        if isinstance(value, dict):
            return sorted(value.items(), key=lambda item: repr(item[0]))
        if isinstance(value, (set, frozenset)):
            return sorted(value, key=repr)
        if isinstance(value, (list, tuple)) and value and all(isinstance(item, Content) for item in value):
            return sorted(value, key=lambda item: str(item.source_path))
    except TypeError:
        pass
    return value


class _Missing:
    """A name the template reads that the context does not have."""


def _load_pickle(path):
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # none yet, or damaged: worked out again
        return None


def _save_pickle(path, value):
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _write_whole(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # the next build works them out again


def store(path, output_path, written):
    """Save the finished files one page call wrote (runs in a worker): each
    file's bytes once, under its digest, and the page's entry naming them."""
    folder = os.path.dirname(path)
    blobs = os.path.join(folder, BLOBS)
    os.makedirs(blobs, exist_ok=True)
    files = []
    for file_path in written:
        with open(file_path, "rb") as handle:
            data = handle.read()
        blob = hashlib.blake2b(data, digest_size=20).hexdigest()
        if not os.path.exists(os.path.join(blobs, blob)):
            _write_whole(os.path.join(blobs, blob), data)
        files.append([os.path.relpath(file_path, output_path), blob])
    _write_whole(path, json.dumps(files).encode())


def _write_whole(path, data):
    """Whole or not at all, even if the build is stopped."""
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


def _entry(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def restore(path, output_path):
    """Copy a stored page's files into this build's output; their paths.
    (Copied, not linked: a plugin may change a written file in place.)"""
    blobs = os.path.join(os.path.dirname(path), BLOBS)
    written = []
    for relative, blob in _entry(path):  # a damaged entry or a missing file raises: the page is rendered
        target = os.path.join(output_path, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(blobs, blob), target)
        written.append(target)
    return written
