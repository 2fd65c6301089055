"""Every page passes the W3C Nu HTML Checker (vnu.jar from npm) with no errors."""

from conftest import require, site_checks


def test_every_page_is_valid_html(served_site):
    require("java", "apt-get install default-jre-headless")
    require(str(site_checks.VNU), "npm ci")
    available, errors, warnings = site_checks.nu_html_check(served_site.output)
    assert available
    pages = len(site_checks.html_pages(served_site.output))
    assert pages > 30
    print(f"Nu HTML Checker: {pages} pages, {len(errors)} errors, {len(warnings)} warnings")
    for warning in warnings:
        print(f"  warning: {warning}")
    assert not errors, "\n".join(errors)
