"""What the preview adds to every page: the script that reloads it when what it would be
served changes, and sends it to the new address of an article that moved (a path on this
server only). The editor's notices (the failed build's overlay and the rest) are notices.py's.

Made for the preview only: it never reaches the site's output folder.
"""

from __future__ import annotations

import json

EVENTS_PATH = "/__sitegen/events"

_RELOAD_SCRIPT = """<script>/* sitegen serve: reloads the page after each rebuild (never in public/) */
(function () {
  var served = %s, source = new EventSource(%s + "?page=" + encodeURIComponent(location.pathname));
  function check(event) { if (event.data !== served) { source.close(); location.reload(); } }
  source.addEventListener("reload", check);
  source.addEventListener("failed", check);
  source.addEventListener("moved", function (event) {
    if (/^\\/(?![\\/\\])/.test(event.data)) { source.close(); location.replace(event.data + location.hash); }
  });
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
