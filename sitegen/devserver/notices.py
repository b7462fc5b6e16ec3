"""What the preview shows an editor on top of the site, in Indonesian: the overlay of a failed
build (over the last good page), the page of an article held back (a draft, a scheduled
one), the search page's notice when the preview has no index, and the marks on placeholders
that ``sitegen new`` left. All of it is added on the way out: none reaches the output folder.

Every text that comes from the site (an error's file and message) is escaped here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

# as ``sitegen new`` writes them (sitegen/commands/new.py; the preview cannot import commands)
PLACEHOLDER = "TODO"
BODY_PLACEHOLDER = "Tulis berita di sini."

TODO_BANNER = "Masih ada isian TODO di berita ini"

SEARCH_OFF = "Pencarian belum tersedia di pratinjau ini"

# under the overlay when no build has succeeded yet
EMPTY_PAGE = b"""<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Pembangunan gagal \xe2\x80\x93 pratinjau sitegen</title></head>
<body></body></html>
"""

# a diagnostic as the build formats it: ``path:line: error: message`` or ``path: error: message``
_DIAGNOSTIC = re.compile(
    r"(?P<path>[^:\n]+?)(?::(?P<line>\d+))?: (?P<message>(?:error|warning|kesalahan|peringatan): .*)", re.DOTALL
)

# text that starts with a placeholder, right after a tag
_PLACEHOLDER_TEXT = re.compile(
    rb">\s*(?:" + re.escape(PLACEHOLDER.encode()) + rb"|" + re.escape(BODY_PLACEHOLDER.encode()) + rb")"
)


@dataclass(frozen=True)
class HeldArticle:
    """An article the build holds back: ``reason`` "draft" or "future"; ``due``, when a
    scheduled one is published (in Indonesian, in the site's time zone)."""

    title: str
    reason: str
    due: str = ""

    @property
    def heading(self) -> str:
        if self.reason == "draft":
            return "Berita ini belum terbit: draf"
        return f"Berita ini belum terbit: dijadwalkan terbit {self.due}"


def held_page(held: HeldArticle) -> bytes:
    """The page a preview tab shows at the address of an article held back."""
    if held.reason == "draft":
        advice = (
            "Hapus baris <code>draft: true</code> dari kepala berita untuk menerbitkannya, atau jalankan "
            "<code>sitegen serve --drafts</code> untuk melihat draf di pratinjau."
        )
    else:
        advice = (
            "Berita ini terbit sendiri pada pembangunan otomatis pertama setelah waktunya tiba. Jalankan "
            "<code>sitegen serve --future</code> untuk melihatnya di pratinjau sekarang."
        )
    return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(held.heading)} – pratinjau sitegen</title>
<style>
body {{ margin: 0; font: 17px/1.5 system-ui, sans-serif; background: #fffbeb; color: #1c1917; }}
main {{ max-width: 44rem; margin: 3rem auto; padding: 0 1rem; }}
h1 {{ font-size: 1.4rem; color: #92400e; }}
</style>
</head>
<body>
<main>
<h1>{html.escape(held.heading)}</h1>
<p><strong>{html.escape(held.title)}</strong></p>
<p>{advice}</p>
<p>Halaman ini hanya ada di pratinjau; halaman ini dimuat ulang sendiri setelah berkasnya disimpan.</p>
</main>
</body>
</html>
""".encode()


def error_overlay(errors: Sequence[str]) -> bytes:
    """The overlay listing a failed build's errors, laid over the last good page. Each
    message is shown as the build gives it; its file and line are named apart."""
    items = "\n".join(_error_item(line) for line in errors)
    return f"""<div id="sitegen-gagal" role="alert">
<style>
#sitegen-gagal {{ position: fixed; inset: 0; z-index: 2147483647; overflow: auto; padding: 2rem 1rem;
  background: rgba(43, 11, 14, .94); color: #fde8e8; font: 16px/1.5 system-ui, sans-serif; text-align: left; }}
#sitegen-gagal > div {{ max-width: 60rem; margin: 0 auto; }}
#sitegen-gagal h2 {{ font-size: 1.4rem; color: #ff8a8a; margin: 0 0 1rem; }}
#sitegen-gagal li {{ margin: .75rem 0; }}
#sitegen-gagal code, #sitegen-gagal .sitegen-pesan {{ white-space: pre-wrap; word-break: break-word;
  font: 15px/1.4 ui-monospace, monospace; color: #fde8e8; background: none; }}
#sitegen-gagal .sitegen-pesan {{ margin: .25rem 0 0; }}
#sitegen-gagal button {{ font: inherit; margin-top: 1rem; }}
</style>
<div>
<h2>Pembangunan terakhir gagal: {len(errors)} kesalahan</h2>
<ul>
{items}
</ul>
<p>Perbaiki berkas itu lalu simpan: halaman ini dimuat ulang sendiri. Di belakang pesan ini tampil
halaman dari pembangunan terakhir yang berhasil; perubahan Anda belum terlihat sampai kesalahannya
diperbaiki. Arti setiap pesan ada di <code>docs/panduan-editor.md</code>, bagian 7.</p>
<button type="button" onclick="this.closest('#sitegen-gagal').remove()">Tutup sementara</button>
</div>
</div>
""".encode()


def _error_item(line: str) -> str:
    found = _DIAGNOSTIC.fullmatch(line)
    if found is None:
        return f'<li><p class="sitegen-pesan">{html.escape(line)}</p></li>'
    where = f"Berkas <code>{html.escape(found['path'])}</code>"
    if found["line"]:
        where += f", baris {found['line']}"
    return f'<li>{where}<p class="sitegen-pesan">{html.escape(found["message"])}</p></li>'


def search_notice() -> bytes:
    """The notice on the search page of a preview without a search index."""
    return f"""<div id="sitegen-cari" role="note" style="background:#fef3c7;color:#78350f;padding:.75rem 1rem;\
font:16px/1.5 system-ui,sans-serif;border-bottom:2px solid #d97706">
<strong>{SEARCH_OFF}.</strong> Agar pratinjau tetap cepat, indeks pencarian tidak dibuat. Jalankan
<code>sitegen serve --search</code> untuk mencoba pencarian (indeksnya dibuat ulang setiap kali berita
berubah); <code>sitegen build</code> selalu membuatnya untuk situs yang diterbitkan.
</div>
""".encode()


def has_placeholders(page: bytes) -> bool:
    return _PLACEHOLDER_TEXT.search(page) is not None


_TODO_MARKS = """<div id="sitegen-todo" role="note">%s: isian yang ditandai belum diganti.</div>
<style>
#sitegen-todo { position: sticky; top: 0; z-index: 2147483646; background: #b45309; color: #fff;
  padding: .5rem 1rem; font: 600 16px/1.4 system-ui, sans-serif; }
.sitegen-todo-isian { outline: 3px dashed #b45309; background: #fef3c7; color: #78350f; }
</style>
<script>/* sitegen serve: marks the placeholders left by sitegen new (never in public/) */
document.addEventListener("DOMContentLoaded", function () {
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), node, marked = [];
  while ((node = walker.nextNode())) {
    var text = node.nodeValue.trim(), parent = node.parentNode;
    if ((text.indexOf("%s") === 0 || text === "%s") && parent && !parent.closest("#sitegen-todo")) {
      marked.push(parent);
    }
  }
  marked.forEach(function (element) { element.classList.add("sitegen-todo-isian"); });
});
</script>
"""


def todo_marks() -> bytes:
    """The banner and the marks on placeholders, for a page that holds some."""
    return (_TODO_MARKS % (TODO_BANNER, PLACEHOLDER, BODY_PLACEHOLDER)).encode()


def at_top(page: bytes, fragment: bytes) -> bytes:
    """``fragment`` right after the page's ``<body …>`` tag (or at its start)."""
    found = re.search(rb"<body\b[^>]*>", page, re.IGNORECASE)
    at = found.end() if found else 0
    return page[:at] + fragment + page[at:]


def at_end(page: bytes, fragment: bytes) -> bytes:
    """``fragment`` before the page's last ``</body>`` (or at its end)."""
    at = page.lower().rfind(b"</body>")
    return page + fragment if at < 0 else page[:at] + fragment + page[at:]
