"""Tabbing reaches the skip link first, then every link and control in order,
each with a visible focus indicator."""

import pytest

# Everything a keyboard can reach, in document order.
FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), "
    "select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])"
)
INDICATOR = """el => { const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); }"""


@pytest.mark.parametrize("path", ["/", "/blog/when-connection-feels-hard/"])
def test_tab_order_and_visible_focus(served_site, browser, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served_site.siteurl + path)
    expected = page.eval_on_selector_all(
        FOCUSABLE, "els => els.filter(e => e.getClientRects().length).map(e => e.outerHTML)"
    )
    page.evaluate("document.activeElement.blur()")
    reached, invisible = [], []
    for _ in expected:
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        reached.append(focused.evaluate("el => el.outerHTML"))
        with_focus = focused.evaluate(INDICATOR)
        focused.evaluate("el => el.blur()")
        without_focus = focused.evaluate(INDICATOR)
        focused.evaluate("el => el.focus()")
        if with_focus == without_focus:
            invisible.append(reached[-1][:80])
    page.close()
    assert reached[0].startswith('<a class="skip-link"')
    assert reached == expected
    assert not invisible, "no visible focus indicator:\n" + "\n".join(invisible)
