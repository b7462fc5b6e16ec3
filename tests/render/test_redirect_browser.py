"""A redirect page lands on the article in a real browser (Chromium, headless, loopback only)."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from pathlib import Path

from tests.support import MakeSite, article, build_site, require_chromium


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_redirect_page_lands_on_the_article(make_site: MakeSite, tmp_path: Path) -> None:
    chromium = require_chromium()
    output = tmp_path / "out"
    output.mkdir()
    handler = functools.partial(QuietHandler, directory=str(output))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    site = make_site(files={"content/2023/falas.md": article("Kabar dari Falas.", aliases=["/2019/05/berita-lama/"])})
    shutil.rmtree(output)
    build_site(site, output=output, base_url=base, search=False)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        done = subprocess.run(
            [
                str(chromium),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                f"--user-data-dir={tmp_path / 'profile'}",
                "--virtual-time-budget=5000",
                "--dump-dom",
                f"{base}2019/05/berita-lama/",
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
    dom = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert "Kabar dari Falas." in dom  # the article's body: the browser followed the refresh
    assert "Berita ini telah pindah" not in dom
    assert f'<link rel="canonical" href="{base}2023/12/falas/">' in dom
