"""What makes a local server that writes files safe to leave running.

- A random token per launch: it comes once in the address the editor opens,
  goes into an HttpOnly, SameSite=Strict cookie, and every request needs it.
- A Host other than 127.0.0.1:PORT or localhost:PORT is refused: a web page
  elsewhere cannot reach the editor through a name of its own (DNS rebinding).
- A request that changes something needs an Origin equal to the editor's own.
- Every answer carries a Content-Security-Policy of `default-src 'self'`;
  the one exception, CodeMirror's own style sheets (it writes them at run
  time), are allowed by a nonce made for each answer.
"""

import hmac
import secrets

from flask import abort, g, redirect, request

COOKIE = "editor_token"
SAFE_METHODS = ("GET", "HEAD")
# data: images: CodeMirror draws the wavy line under a finding with one.
POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'nonce-{nonce}'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'"
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def new_token():
    return secrets.token_urlsafe(32)


class Guard:
    def __init__(self, app, token, port):
        self.token, self.port = token, port
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        app.before_request(self.check)
        app.after_request(self.headers)

    def check(self):
        g.nonce = secrets.token_urlsafe(16)
        host = request.headers.get("Host", "")
        if host not in self.hosts:
            abort(421, "This editor answers only at 127.0.0.1 or localhost.")
        given = request.args.get("token")
        if request.method in SAFE_METHODS and given and self.matches(given):
            # The address with the token is opened once: keep it in the cookie, drop it from the address.
            response = redirect(request.path)
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
            return response
        if not self.matches(request.cookies.get(COOKIE, "")):
            abort(403, "Open the editor from its launcher (or the address `invoke write` printed).")
        if request.method not in SAFE_METHODS and request.headers.get("Origin") != f"http://{host}":
            abort(403, "Changes are accepted only from the editor's own page.")

    def matches(self, given):
        """In constant time, and as bytes: any text a request carries compares, non-ASCII too."""
        return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), self.token.encode())

    @staticmethod
    def headers(response):
        response.headers["Content-Security-Policy"] = POLICY.format(nonce=g.get("nonce", secrets.token_urlsafe(16)))
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
