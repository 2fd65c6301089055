"""The author's private notes (HTML comments) never leave her computer.

    Text readers see. <!-- note to self: ask about the session on Tuesday -->

A browser does not show a comment, but it is in the page's source, and a feed
reader, a search index or anything else that copies the HTML would carry it
on. This Markdown extension takes every comment out of the HTML that Markdown
makes (the text and the summary alike), so no output file is ever made from
one; the content checks tell the author, with file and line, that the note
stays private (checks/content_checks.py, rule private-note).

A comment ends as the HTML standard's tokenizer ends it: at the first -->
(or --!>), at once for <!--> and <!--->, and at the end of the text when it is
never closed (a browser would hide everything after it, too).
"""

import re

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

COMMENT = re.compile(r"<!--(?:>|->|.*?(?:--!?>|\Z))", re.DOTALL)


def without_comments(html):
    """The HTML with every comment taken out (code shown on the page is
    escaped, &lt;!--, and is not a comment). Again while one is left: taking
    one out can join `<!` and `--` around it into a new one."""
    while "<!--" in html:
        html = COMMENT.sub("", html)
    return html


class PrivateNotesPostprocessor(Postprocessor):
    def run(self, text):
        return without_comments(text)


NAME = __name__  # how MARKDOWN in pelicanconf.py names this extension


class PrivateNotesExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        # Last of all: after raw HTML (priority 30) is put back into the page.
        md.postprocessors.register(PrivateNotesPostprocessor(md), "therapy_ties_private_notes", 0)


def makeExtension(**kwargs):  # noqa: N802 (how Markdown loads an extension by its module's name)
    return PrivateNotesExtension(**kwargs)

