"""Publishing to S3, against a real S3-compatible server on 127.0.0.1 (moto's)
read back with the real AWS CLI: objects S3 can serve (gzip with its
Content-Encoding, the right Content-Type and Cache-Control, no dead .gz/.br),
only what changed uploaded (bytes or headers), removed pages deleted, one line
when the endpoint is down, and the CDN's header policy made from SECURITY_HEADERS."""

import gzip
import json
import shutil

import pytest

import pelicanconf
from scripts import deploy, deploy_s3

TARGET = "s3://site/www"


def keys(s3_server):
    listed = s3_server.aws("s3api", "list-objects-v2", "--bucket", "site", "--prefix", "www/")
    return {item["Key"][len("www/"):]: item for item in listed.get("Contents", [])}


def head(s3_server, key):
    return s3_server.aws("s3api", "head-object", "--bucket", "site", "--key", f"www/{key}")


def test_objects_are_what_s3_can_serve_and_only_changes_travel(s3_server, site, tmp_path, monkeypatch):
    output = tmp_path / "output"
    shutil.copytree(site.output, output)
    first = deploy.deploy(output, TARGET, tmp_path, {"SECURITY_HEADERS": pelicanconf.SECURITY_HEADERS})
    published = keys(s3_server)
    served = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    assert set(published) == {k for k in served if not k.endswith((".gz", ".br")) and k != "_headers"} | {
        deploy_s3.MANIFEST}
    assert f"{len(published) - 1} object(s) uploaded, 0 unchanged, 0 deleted" in first

    page = head(s3_server, "index.html")
    assert (page["ContentType"], page["ContentEncoding"], page["CacheControl"]) == (
        "text/html; charset=utf-8", "gzip", "no-cache")
    body = tmp_path / "index.html.gz"
    s3_server.aws("s3api", "get-object", "--bucket", "site", "--key", "www/index.html", str(body))
    assert gzip.decompress(body.read_bytes()) == (output / "index.html").read_bytes()
    css = head(s3_server, "theme/css/site.css")
    assert (css["ContentType"], css["ContentEncoding"]) == ("text/css; charset=utf-8", "gzip")
    variant = next(k for k in published if k.startswith("images/") and k.endswith("-480w.webp"))
    assert head(s3_server, variant)["CacheControl"] == "public, max-age=31536000, immutable"
    assert head(s3_server, variant)["ContentType"] == "image/webp" and "ContentEncoding" not in head(s3_server, variant)
    assert head(s3_server, "feeds/all.atom.xml")["ContentType"] == "application/atom+xml; charset=utf-8"

    again = deploy.deploy(output, TARGET, tmp_path, {})
    assert "nothing changed" in again
    assert {k: v["LastModified"] for k, v in keys(s3_server).items()} == {
        k: v["LastModified"] for k, v in published.items()}

    page_file = output / "about/index.html"
    page_file.write_text(page_file.read_text(encoding="utf-8").replace("</main>", "<p>New.</p></main>"),
                         encoding="utf-8")
    shutil.rmtree(output / "blog/rebuild-trust-after-emotional-distance")
    edited = deploy.deploy(output, TARGET, tmp_path, {})
    assert "1 object(s) uploaded" in edited and "1 deleted" in edited
    assert "blog/rebuild-trust-after-emotional-distance/index.html" not in keys(s3_server)

    # Same bytes, other headers (a new caching rule for photographs): those objects go up again.
    monkeypatch.setattr(deploy_s3, "A_DAY", "public, max-age=3600")
    photographs = [k for k in keys(s3_server) if head(s3_server, k)["CacheControl"] == "public, max-age=86400"]
    assert photographs
    recached = deploy.deploy(output, TARGET, tmp_path, {})
    assert f"{len(photographs)} object(s) uploaded" in recached
    assert {head(s3_server, k)["CacheControl"] for k in photographs} == {"public, max-age=3600"}


def test_a_store_that_is_down_gets_one_clear_line(s3_server, tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<p>site</p>", encoding="utf-8")
    s3_server.process.terminate()
    s3_server.process.wait()
    with pytest.raises(SystemExit) as stopped:
        deploy.deploy(output, TARGET, tmp_path, {})
    message = str(stopped.value)
    assert message.startswith(f"Publishing to {TARGET} failed: Could not connect") and "\n" not in message


def test_pages_go_up_after_what_they_link_to():
    there = {"index.html", "blog/index.html", "blog/z/index.html"}  # the last publish's
    wanted = ["index.html", "blog/index.html", "blog/z/index.html", "blog/new/index.html", "images/a.jpg",
              "theme/css/site.css"]
    order = sorted(wanted, key=lambda key: deploy_s3.upload_order(key, there))
    assert order == ["images/a.jpg", "theme/css/site.css", "blog/new/index.html",  # new before changed pages
                     "blog/index.html", "blog/z/index.html", "index.html"]


def test_the_cdn_policy_carries_every_security_header(tmp_path):
    path = deploy_s3.write_cdn_policy(pelicanconf.SECURITY_HEADERS, tmp_path)
    policy = json.loads(path.read_text(encoding="utf-8"))
    security = policy["SecurityHeadersConfig"]
    assert security["ContentSecurityPolicy"]["ContentSecurityPolicy"] == pelicanconf.SECURITY_HEADERS["Content-Security-Policy"]
    assert security["FrameOptions"]["FrameOption"] == "DENY"
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == "no-referrer"
    assert security["StrictTransportSecurity"] == {"Override": True, "AccessControlMaxAgeSec": 31536000,
                                                   "IncludeSubdomains": True, "Preload": False}
    custom = {item["Header"]: item["Value"] for item in policy["CustomHeadersConfig"]["Items"]}
    assert custom == {"Permissions-Policy": pelicanconf.SECURITY_HEADERS["Permissions-Policy"],
                      "Cross-Origin-Opener-Policy": "same-origin"}
    assert policy["CustomHeadersConfig"]["Quantity"] == 2
