"""Notice pages (metadata `Notice: <name>`) that a setting turns off."""


def leave_out_notices_turned_off(generator):
    """page_generator_finalized: a notice page whose setting is off is not
    published (GOOD_FAITH_ESTIMATE = False)."""
    switches = {"good-faith-estimate": generator.settings["GOOD_FAITH_ESTIMATE"]}
    generator.pages[:] = [page for page in generator.pages
                          if switches.get(page.metadata.get("notice"), True)]
