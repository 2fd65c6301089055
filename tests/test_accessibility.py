"""axe-core (npm, pinned) in Debian's Chromium: no WCAG 2.0/2.1/2.2 A or AA
violation and no best-practice violation on any page, in light and dark colour
schemes, at a phone width and a desktop width."""

import pytest

from conftest import ROOT, require, site_paths

AXE = ROOT / "node_modules/axe-core/axe.min.js"
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_no_axe_violations(served_site, browser, scheme, viewport):
    require(str(AXE), "npm ci")
    axe = AXE.read_text(encoding="utf-8")
    # bypass_csp: the site's CSP (rightly) forbids scripts; axe is ours, not the site's.
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], color_scheme=scheme, bypass_csp=True, reduced_motion="reduce"
    )
    page = context.new_page()
    problems = []
    paths = site_paths(served_site)
    for path in paths:
        page.goto(served_site.siteurl + path)
        page.evaluate(axe)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            RULE_TAGS,
        )
        for violation in result["violations"]:
            for node in violation["nodes"]:
                problems.append(f"{path} [{violation['id']}] {violation['help']}: {node['target']} {node.get('failureSummary', '')}")
    context.close()
    print(f"axe-core {scheme}/{viewport}: {len(paths)} pages, {len(problems)} violations")
    assert len(paths) > 30
    assert not problems, "\n".join(problems)
