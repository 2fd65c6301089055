"""What the live preview (scripts/live_preview.py) asks of the plugin between
builds: a saved file gone through our steps again, and how it went."""

from pelican.contents import Article

from . import build
from .checks import content_checks, source_lines
from .checks.alt_check import check_content
from .checks.findings import ERROR
from .features import dates, reading
from .features.sharing import describe
from .settings import report_path


def refresh(content, previous=None):
    """`content` is `previous` read again after a save, its metadata unchanged
    (or a file new since the build, previous None): it keeps what the build
    gave `previous` (neighbours, related articles, sharing card) and goes
    again through our steps that depend on its text. Findings are those of
    this file alone."""
    run = build.current
    settings = content.settings
    for name, value in (vars(previous).items() if previous else ()):
        vars(content).setdefault(name, value)
    run.findings.items.clear()
    source_lines.forget()
    kind = "article" if isinstance(content, Article) else "page"
    content_checks.check_file(kind, content.source_path, settings, run.findings)
    if kind == "article":
        if previous is None and run.social_cards is not None:
            run.social_cards.assign([content])  # its card's address (drawn by the next full build)
        dates.apply([content])  # Pelican read `Date_confirmed: no` as text again
        reading.set_minutes(content, settings)
    describe(settings, content)
    run.call_to_action.apply(content, is_article=kind == "article")
    run.images.report_problems([content], source_lines.line_of, unused_too=False)
    check_content(content, run.findings)
    run.findings.write_report(report_path(settings))
    if run.findings.items:
        run.findings.log_summary(report_path(settings), fatal=True)


def error_count():
    """Errors our checks found in the last build or refresh."""
    return build.current.findings.count(ERROR) if build.current else 0


def output_moved(output_path):
    """The finished build was moved to `output_path` (live preview swaps folders)."""
    if build.current is not None and build.current.pictures is not None:
        build.current.pictures.output_path = output_path
