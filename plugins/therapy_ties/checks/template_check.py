"""Theme templates that do not compile, found before Pelican writes a page
(where the error would surface as a traceback in the middle of writing)."""

import os

from jinja2 import TemplateSyntaxError

from .findings import ERROR


def check_templates(env, findings):
    """Compile every template; returns True when all of them compile."""
    ok = True
    for name in env.list_templates(extensions=["html", "xml", "txt"]):
        if name.startswith("!"):
            continue  # Pelican's own "simple" theme, addressed as !simple/...
        try:
            env.get_template(name)
        except TemplateSyntaxError as error:
            ok = False
            findings.add(
                "template-error", ERROR, os.path.abspath(error.filename or name), error.lineno,
                f"the template does not compile: {error.message}",
                "fix the Jinja syntax on that line ({% ... %} and {{ ... }} must be closed)",
            )
    return ok
