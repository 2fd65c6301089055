"""What our checks found, said once each: in the log, and in a JSON report.

Pelican's logger raises at the first message when `--fatal` is given, which
would hide every finding after the first, and then prints a traceback. So each
finding is printed through a plain logger, then one summary line at the level
of the worst finding; when `--fatal` covers that level (`--fatal errors` on
errors only, `--fatal warnings` on either) the build stops there with exit
code 1 and no traceback, after the author has seen every finding.
"""

import json
import logging
import os
from dataclasses import asdict, dataclass

from pelican.log import FatalLogger

PLUGIN_NAME = "therapy_ties"
logger = logging.getLogger(PLUGIN_NAME)

# Not registered with logging's manager, so it keeps the plain Logger class
# (no --fatal raise); its records still reach Pelican's handler via the parent.
_finding_logger = logging.Logger(PLUGIN_NAME + ".findings")
_finding_logger.parent = logger

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # nothing to fix: what the build did with the author's text (logged as info)
LEVELS = {ERROR: logging.ERROR, WARNING: logging.WARNING, NOTE: logging.INFO}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    source: str
    line: int | None
    message: str
    hint: str
    alt: str | None = None

    def location(self):
        return f"{self.source}:{self.line}" if self.line else self.source

    def text(self):
        alt = "" if self.alt is None else f' (alt="{self.alt}")'
        advice = "Note" if self.severity == NOTE else "Fix"
        return f"{self.location()}: [{self.rule}] {self.message}{alt}. {advice}: {self.hint}"


class Findings:
    """Every finding of one build, in the order found."""

    def __init__(self, project_root="", log=True):
        self.project_root = project_root
        self.log = log  # False: kept to be said later, by the build's own Findings (keep)
        self.items = []
        self.sources = {}  # output file -> the Markdown file it is made from
        self.summarised = 0  # findings the last summary counted

    def made_from(self, contents):
        """Remember which file each page is made from: checks of the written
        site (the HTML checker) then name the Markdown file, not only the page."""
        self.sources.update({c.save_as: self.relative(c.source_path) for c in contents if c.save_as})

    def relative(self, path):
        if self.project_root and path and os.path.isabs(path):
            return os.path.relpath(path, self.project_root)
        return path

    def add(self, rule, severity, source, line, message, hint, alt=None):
        return self.keep(Finding(rule, severity, self.relative(source), line, message, hint, alt))

    def keep(self, finding):
        """Add a finding made elsewhere (a worker, an earlier build) as if found now."""
        self.items.append(finding)
        if self.log:
            _finding_logger.log(LEVELS[finding.severity], "%s", finding.text())
        return finding

    def has(self, source, rule=None, severity=None):
        """Whether a finding about this file (relative path) is there already, of the rule or severity."""
        return any(f.source == source and rule in (None, f.rule) and severity in (None, f.severity)
                   for f in self.items)

    def count(self, severity):
        return sum(1 for f in self.items if f.severity == severity)

    def write_report(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        report = {
            "errors": self.count(ERROR),
            "warnings": self.count(WARNING),
            "findings": [asdict(f) for f in self.items],
            "sources": self.sources,
        }
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2, ensure_ascii=False)

    def unsummarised(self):
        return len(self.items) > self.summarised

    def log_summary(self, report_path, fatal=False):
        self.summarised = len(self.items)
        errors, warnings = self.count(ERROR), self.count(WARNING)
        summary = f"{PLUGIN_NAME} checks: {errors} error(s), {warnings} warning(s); report: {report_path}"
        level = logging.ERROR if errors else logging.WARNING if warnings else logging.INFO
        _finding_logger.log(level, "%s", summary)
        if fatal:
            return
        if level >= FatalLogger.fatal_lvl:
            raise SystemExit(f"Build stopped by --fatal: {summary}")
