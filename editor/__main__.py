"""Start the editor: python3 -m editor [--port N] [--no-browser]  (invoke write)."""

import argparse
import webbrowser
from pathlib import Path

import waitress
from scripts.site_checks import free_port

from .app import create_app
from .guard import new_token

ROOT = Path(__file__).resolve().parent.parent


def serve(port=None, open_browser=True, root=ROOT):
    port = port or free_port()
    token = new_token()
    app = create_app(root, port, token)
    address = f"http://127.0.0.1:{port}/?token={token}"
    print(f"The editor is at {address}\nLeave this window open while you write; close it to stop the editor.",
          flush=True)
    if open_browser:
        webbrowser.open(address)
    # 127.0.0.1 only: nothing on the network can reach it.
    waitress.serve(app, host="127.0.0.1", port=port, threads=8, _quiet=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    serve(args.port or None, not args.no_browser)


if __name__ == "__main__":
    main()
