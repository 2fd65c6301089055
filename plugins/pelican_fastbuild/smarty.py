"""Smart quotes only where there is something to make smart.

Python-Markdown's smarty extension turns ' " -- ... << >> into typographic
marks in a second inline pass over every run of text, trying each of its
eighteen patterns on each run: it doubles the time Markdown takes, even for
an article whose author already typed typographic marks. A run of text with
none of those characters cannot match any of its patterns (and what smarty
puts in is a placeholder, never one of them), so this extension hides such
runs from smarty's pass, as the AtomicString Markdown itself uses for text
not to be processed, and gives them back as they were right after it: the
same HTML, sooner.
"""

import re

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

SMARTY_PASS = "smarty"  # the name smarty registers its pass under, at priority 6
SMARTY_WORK = re.compile(r"['\"]|--|\.\.\.|<<|>>")


class _Untouched(AtomicString):
    """A run of text smarty's pass leaves alone, and we give back as plain text."""


def _runs(root):
    for element in root.iter():
        yield element, "text"
        yield element, "tail"


class _HideFromSmarty(Treeprocessor):
    def run(self, root):
        if SMARTY_PASS not in self.md.treeprocessors:
            return
        for element, field in _runs(root):
            text = getattr(element, field)
            if text and type(text) is str and not SMARTY_WORK.search(text):
                setattr(element, field, _Untouched(text))


class _GiveBack(Treeprocessor):
    def run(self, root):
        for element, field in _runs(root):
            text = getattr(element, field)
            if type(text) is _Untouched:
                setattr(element, field, str(text))


class SmartyOnlyWhereNeeded(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_HideFromSmarty(md), "smarty-hide-untouched", 6.01)
        md.treeprocessors.register(_GiveBack(md), "smarty-give-back-untouched", 5.99)
