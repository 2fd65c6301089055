"""What the plugin holds during one build, in one object.

Made at `initialized` (the live preview builds many times in one process);
each step of the build fills in what it makes, and the later steps and the
live preview (preview.py) read it from there.
"""

from .checks.findings import Findings
from .settings import project_root


class Build:
    def __init__(self, settings):
        self.settings = settings
        self.findings = Findings(project_root(settings))
        self.content_checks = None  # workers.Background: (findings, what blocks) of every file
        self.held_messages = None  # Pelican's messages kept while the checks run (checks/pelican_messages.py)
        self.contents = []  # every article and page, drafts and hidden ones too
        self.feed_entries = None  # features/feeds.py: contents by their feed address
        self.env = None  # the theme's templates
        self.call_to_action = None  # features/consultation.py
        self.social_cards = None  # images/social_cards.py
        self.images = None  # images/variants.py
        self.pictures = None  # images/pictures.py


current = None  # the Build under way, or None before the first


def begin(settings):
    global current
    current = Build(settings)
    return current
