"""Publishing to S3 (or any S3-compatible store), as S3 can serve it.

S3 serves each object with the headers it was uploaded with and never picks
between encodings, so:
- text (HTML, CSS, JavaScript, feeds, JSON, SVG) is uploaded gzip-compressed
  under its own name with Content-Encoding: gzip (every browser reads gzip);
  the build's .gz and .br copies are not uploaded;
- each object gets its Content-Type, and a Cache-Control by kind: pages, feeds
  and unhashed assets revalidate (no-cache); files whose name holds a content
  hash (image variants, the search index) are kept a year (immutable); other
  images a day;
- only objects whose bytes or headers changed are uploaded (their MD5 against
  S3's ETag; their headers against the manifest the last publish left,
  MANIFEST), new files before the pages that link to them, new pages before
  changed ones, and removed files are deleted last: a publish cut short never
  leaves a link to an object that is not there yet or any more (S3 has no
  atomic switch, so until the next publish completes some pages may be the
  new version and some the old);
- the security headers, which S3 cannot send, go in the CDN in front: the
  publish writes the CloudFront response-headers policy for SECURITY_HEADERS
  (cdn_headers_policy) beside the build reports.
Credentials and the endpoint come from the usual AWS settings (environment,
~/.aws): AWS_ENDPOINT_URL points at an S3-compatible store.
"""

import gzip
import hashlib
import json
import mimetypes
import re
from pathlib import Path

TEXT_TYPES = {"text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
              "application/json", "application/xml", "text/xml", "application/atom+xml",
              "application/rss+xml", "image/svg+xml", "application/manifest+json"}
TYPES = {".atom.xml": "application/atom+xml", ".rss.xml": "application/rss+xml", ".js": "text/javascript",
         ".webp": "image/webp", ".ico": "image/x-icon", ".pagefind": "application/octet-stream"}
NOT_UPLOADED = re.compile(r"(\.gz|\.br)$|^_headers$")  # copies for other hosts, Netlify's header file
HASHED = re.compile(r"[.-][0-9a-f]{8,}[.-]|\.pf_(fragment|index|meta)$|pagefind/.*\.pagefind$")
MANIFEST = ".publish-manifest.json"  # {key: digest of its headers}, written last
REVALIDATE = "no-cache"
A_YEAR = "public, max-age=31536000, immutable"
A_DAY = "public, max-age=86400"


def content_type(name):
    suffix = "".join(Path(name).suffixes[-2:]).lower()  # feeds are .atom.xml and .rss.xml
    suffix = suffix if suffix in TYPES else Path(name).suffix.lower()
    kind = TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind in TEXT_TYPES else kind


def cache_control(name, kind):
    if HASHED.search(name):
        return A_YEAR
    if kind.startswith("image/") and not kind.startswith("image/svg"):
        return A_DAY
    return REVALIDATE


def objects(output):
    """{key below the prefix: (body, headers)} of everything the site serves."""
    found = {}
    for path in sorted(Path(output).rglob("*")):
        key = path.relative_to(output).as_posix()
        if not path.is_file() or NOT_UPLOADED.search(key):
            continue
        body, kind = path.read_bytes(), content_type(key)
        headers = {"ContentType": kind, "CacheControl": cache_control(key, kind)}
        if kind.split(";")[0] in TEXT_TYPES:
            body = gzip.compress(body, 9, mtime=0)  # the same bytes for the same page, every build
            headers["ContentEncoding"] = "gzip"
        found[key] = (body, headers)
    return found


def upload_order(key, there=()):
    """Assets first, then new pages, then changed pages (which may link to the
    new ones), the home page last."""
    return (key.endswith(".html"), key in there, key == "index.html", key)


def headers_digest(headers):
    return hashlib.sha256(json.dumps(headers, sort_keys=True).encode()).hexdigest()[:32]


def _manifest(client, bucket, prefix, there):
    if MANIFEST not in there:
        return {}  # a store published before manifests: headers unknown, so every object is sent once
    try:
        return json.loads(client.get_object(Bucket=bucket, Key=prefix + MANIFEST)["Body"].read())
    except ValueError:
        return {}


def publish(output, bucket, prefix, client):
    """Bring s3://bucket/prefix to the site in `output`; returns (uploaded, unchanged, deleted)."""
    prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
    there = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        there.update({item["Key"][len(prefix):]: item["ETag"].strip('"') for item in page.get("Contents", [])})
    published_headers = _manifest(client, bucket, prefix, there)
    there.pop(MANIFEST, None)
    wanted = objects(output)
    uploaded = 0
    for key in sorted(wanted, key=lambda k: upload_order(k, there)):
        body, headers = wanted[key]
        if (there.get(key) == hashlib.md5(body, usedforsecurity=False).hexdigest()
                and published_headers.get(key) == headers_digest(headers)):
            continue
        client.put_object(Bucket=bucket, Key=prefix + key, Body=body, **headers)
        uploaded += 1
    removed = sorted(set(there) - set(wanted))
    for start in range(0, len(removed), 1000):
        client.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": prefix + k} for k in removed[start:start + 1000]]})
    manifest = {key: headers_digest(headers) for key, (_body, headers) in sorted(wanted.items())}
    if manifest != published_headers:
        client.put_object(Bucket=bucket, Key=prefix + MANIFEST, Body=json.dumps(manifest).encode(),
                          ContentType="application/json", CacheControl="no-store")
    return uploaded, len(wanted) - uploaded, len(removed)


def cdn_headers_policy(security_headers, name="therapy-ties-security-headers"):
    """CloudFront's ResponseHeadersPolicyConfig for SECURITY_HEADERS
    (`aws cloudfront create-response-headers-policy --response-headers-policy-config file://…`)."""
    headers = dict(security_headers)
    security, custom = {}, []
    if "Content-Security-Policy" in headers:
        security["ContentSecurityPolicy"] = {"Override": True,
                                             "ContentSecurityPolicy": headers.pop("Content-Security-Policy")}
    if headers.pop("X-Content-Type-Options", None) == "nosniff":
        security["ContentTypeOptions"] = {"Override": True}
    if "X-Frame-Options" in headers:
        security["FrameOptions"] = {"Override": True, "FrameOption": headers.pop("X-Frame-Options").upper()}
    if "Referrer-Policy" in headers:
        security["ReferrerPolicy"] = {"Override": True, "ReferrerPolicy": headers.pop("Referrer-Policy")}
    hsts = headers.pop("Strict-Transport-Security", None)
    if hsts:
        age = re.search(r"max-age=(\d+)", hsts)
        security["StrictTransportSecurity"] = {
            "Override": True, "AccessControlMaxAgeSec": int(age.group(1)) if age else 31536000,
            "IncludeSubdomains": "includesubdomains" in hsts.lower(), "Preload": "preload" in hsts.lower()}
    custom = [{"Header": header, "Value": value, "Override": True} for header, value in headers.items()]
    return {"Name": name, "Comment": "Made from SECURITY_HEADERS in pelicanconf.py by invoke publish",
            "SecurityHeadersConfig": security,
            "CustomHeadersConfig": {"Quantity": len(custom), "Items": custom}}


def write_cdn_policy(security_headers, folder):
    path = Path(folder) / "cloudfront-response-headers-policy.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(cdn_headers_policy(security_headers), indent=2) + "\n", encoding="utf-8")
    return path
