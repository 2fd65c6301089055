"""axe-core (npm, pinned) in Debian's Chromium: no WCAG 2.0/2.1/2.2 A or AA
violation and no best-practice violation on any page, in light and dark colour
schemes, at a phone width and a desktop width."""

import pytest

from conftest import require, site_checks, site_paths

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_no_axe_violations(served_site, browser, scheme, viewport):
    require(str(site_checks.AXE), "npm ci")
    paths = site_paths(served_site)
    problems = site_checks.axe_violations(browser, served_site.siteurl, paths, scheme, VIEWPORTS[viewport])
    print(f"axe-core {scheme}/{viewport}: {len(paths)} pages, {len(problems)} violations")
    assert len(paths) > 30
    assert not problems, "\n".join(problems)
