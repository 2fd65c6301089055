"""Which web server the editor (editor/) runs on: Starlette with uvicorn, or
Flask with waitress, measured the way the author meets them.

- start: from starting Python to the first answer (she double-clicks the launcher);
- small: one small JSON request (a save, the findings), median of many;
- page: a 200 KB file (the editor's script), median of many.

Each is a ratio to the first server's figure measured in the same run.

    python3 benchmarks/editor_server.py [--requests 300]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.site_checks import free_port  # noqa: E402 (the project's, beside this folder)

APPS = {
    "starlette+uvicorn": """
        from starlette.applications import Starlette
        from starlette.responses import JSONResponse, FileResponse
        from starlette.routing import Route
        import uvicorn, sys
        async def small(request): return JSONResponse({"ok": True})
        def page(request): return FileResponse(sys.argv[2])
        app = Starlette(routes=[Route("/small", small), Route("/page", page)])
        uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
    """,
    "flask+waitress": """
        from flask import Flask, jsonify, send_file
        import waitress, sys
        app = Flask(__name__)
        @app.get("/small")
        def small(): return jsonify(ok=True)
        @app.get("/page")
        def page(): return send_file(sys.argv[2])
        waitress.serve(app, host="127.0.0.1", port=int(sys.argv[1]), _quiet=True)
    """,
}


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def measure(name, code, payload, requests):
    port = free_port()
    script = Path(tempfile.mkdtemp()) / "app.py"
    script.write_text(textwrap.dedent(code), encoding="utf-8")
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(script), str(port), str(payload)])
    try:
        while True:
            try:
                get(f"http://127.0.0.1:{port}/small")
                break
            except OSError:
                time.sleep(0.005)
        started = time.perf_counter() - start
        timings = {}
        for path in ("small", "page"):
            samples = []
            for _ in range(requests):
                t = time.perf_counter()
                get(f"http://127.0.0.1:{port}/{path}")
                samples.append(time.perf_counter() - t)
            timings[path] = statistics.median(samples)
        return {"start": started, **timings}
    finally:
        process.terminate()
        process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    payload = Path(tempfile.mkdtemp()) / "editor.js"
    payload.write_bytes(b"x" * 200_000)
    results = {name: measure(name, code, payload, args.requests) for name, code in APPS.items()}
    baseline = results["starlette+uvicorn"]
    print(f"{'server':20} {'start':>14} {'small request':>18} {'200 KB file':>18}")
    for name, r in results.items():
        cells = [f"{r[k] * 1000:7.1f} ms {r[k] / baseline[k]:4.2f}x" for k in ("start", "small", "page")]
        print(f"{name:20} " + " ".join(f"{c:>18}" for c in cells))


if __name__ == "__main__":
    main()
