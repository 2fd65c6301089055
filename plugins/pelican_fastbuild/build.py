"""The speed plugin's state for the build under way, in one object.

It is made anew at `initialized` (the live preview builds many times in one
process). Worker processes are forked from the build, so they find it as it
is; that is why it is reached through this module rather than passed along.
"""


class Build:
    def __init__(self, settings, workers):
        self.settings = settings
        self.workers = workers  # processes in each pool (1: none)
        self.writer = None  # the build's ParallelWriter (writing.py)
        self.waiting = []  # writing.Jobs set aside, in call order
        self.plugins = ()  # the modules of the plugins Pelican loaded
        self.env = None  # the theme's templates (Jinja environment)
        self.contents = []  # every article and page the generators hold, drafts and translations too


current = None  # the Build under way, or None before the first


def begin(settings, workers):
    global current
    current = Build(settings, workers)
    return current
