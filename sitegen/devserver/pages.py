"""What the preview adds to the site's pages: the script that reloads a page when what it
would be served changes, and the overlay page shown while the last build failed.

Both are made for the preview only: neither ever reaches the site's output folder.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from sitegen.util.text import counted

EVENTS_PATH = "/__sitegen/events"

_RELOAD_SCRIPT = """<script>/* sitegen serve: reloads the page after each rebuild (never in public/) */
(function () {
  var served = %s, source = new EventSource(%s + "?page=" + encodeURIComponent(location.pathname));
  function check(event) { if (event.data !== served) { source.close(); location.reload(); } }
  source.addEventListener("reload", check);
  source.addEventListener("failed", check);
})();
</script>
"""


def inject(page: bytes, build_id: str) -> bytes:
    """The page with the reload script before its last ``</body>`` (or at the end)."""
    script = (_RELOAD_SCRIPT % (json.dumps(build_id), json.dumps(EVENTS_PATH))).encode()
    at = page.lower().rfind(b"</body>")
    if at < 0:
        return page + script
    return page[:at] + script + page[at:]


def overlay(errors: Sequence[str]) -> bytes:
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in errors)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed: sitegen serve</title>
<style>
body {{ margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #2b0b0e; color: #fde8e8; }}
main {{ max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ font-size: 1.4rem; color: #ff8a8a; }}
li {{ margin: .5rem 0; }}
code {{ white-space: pre-wrap; word-break: break-word; font: 15px/1.4 ui-monospace, monospace; }}
</style>
</head>
<body>
<main>
<h1>The last build failed: {counted(len(errors), "error")}</h1>
<ul>
{items}
</ul>
<p>Still serving the last good build for everything but pages. Fix the file and save:
this page reloads by itself.</p>
</main>
</body>
</html>
""".encode()
