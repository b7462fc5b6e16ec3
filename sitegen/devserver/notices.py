"""What the preview shows an editor on top of the site, in the site's language: the overlay of a
failed build (over the last good page), the page of an article held back (a draft, a scheduled
one), the search page's notice when the preview has no index, and the marks on placeholders
that ``sitegen new`` left. All of it is added on the way out: none reaches the output folder.

Each text is a message of sitegen's catalogue (sitegen/i18n.py), translated with the
``Translator`` the preview was given (the site's ``language:``; Indonesian when none is given).
Some templates hold markup (``<code>``, ``<strong>``): they are sitegen's own, and every value
put into them, and every text that comes from the site (an error's file and message, a
title), is escaped here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.i18n import DEFAULT_LANGUAGE, Translator, msg, msgn, translator

# as ``sitegen new`` writes them (sitegen/commands/new.py; the preview cannot import commands)
PLACEHOLDER = "TODO"
BODY_PLACEHOLDER = "Tulis berita di sini."

TODO_NOTE = msg("This story still has TODO fields: the marked ones have not been replaced yet.")

SEARCH_NOTE = msg(
    "<strong>Search is not available in this preview.</strong> To keep the preview fast, no search index "
    "is built. Run <code>sitegen serve --search</code> to try search (each save makes again the part of "
    "its index that holds a changed story); <code>sitegen build</code> always builds it for the published site."
)

# what an Indonesian site shows of the two notes above (the tests look for them)
TODO_BANNER = "Masih ada isian TODO di berita ini"
SEARCH_OFF = "Pencarian belum tersedia di pratinjau ini"


def default(translate: Translator | None) -> Translator:
    """``translate``, or the translator of a site that names no language (Indonesian)."""
    return translate if translate is not None else translator(DEFAULT_LANGUAGE)


def empty_page(translate: Translator | None = None) -> bytes:
    """Under the overlay when no build has succeeded yet."""
    t = default(translate)
    title = html.escape(t(msg("Build failed – sitegen preview")))
    return f"""<!doctype html>
<html lang="{html.escape(t.language)}"><head><meta charset="utf-8"><title>{title}</title></head>
<body></body></html>
""".encode()


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

    def heading(self, translate: Translator | None = None) -> str:
        t = default(translate)
        if self.reason == "draft":
            return t(msg("This story is not published yet: draft"))
        return t(msg("This story is not published yet: scheduled for {due}", due=self.due))


def held_page(held: HeldArticle, translate: Translator | None = None) -> bytes:
    """The page a preview tab shows at the address of an article held back."""
    t = default(translate)
    if held.reason == "draft":
        advice = msg(
            "Remove the line <code>draft: true</code> from the story's header to publish it, or run "
            "<code>sitegen serve --drafts</code> to see drafts in the preview."
        )
    else:
        advice = msg(
            "This story is published by itself with the first automatic build after its time comes. Run "
            "<code>sitegen serve --future</code> to see it in the preview now."
        )
    heading = html.escape(held.heading(t))
    title = html.escape(t(msg("{heading} – sitegen preview", heading=held.heading(t))))
    only_here = t(msg("This page exists only in the preview; it reloads by itself once its file is saved."))
    return f"""<!doctype html>
<html lang="{html.escape(t.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ margin: 0; font: 17px/1.5 system-ui, sans-serif; background: #fffbeb; color: #1c1917; }}
main {{ max-width: 44rem; margin: 3rem auto; padding: 0 1rem; }}
h1 {{ font-size: 1.4rem; color: #92400e; }}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<p><strong>{html.escape(held.title)}</strong></p>
<p>{t(advice)}</p>
<p>{html.escape(only_here)}</p>
</main>
</body>
</html>
""".encode()


def error_overlay(errors: Sequence[str], translate: Translator | None = None) -> bytes:
    """The overlay listing a failed build's errors, laid over the last good page. Each
    message is shown as the build gives it; its file and line are named apart."""
    t = default(translate)
    items = "\n".join(_error_item(line, t) for line in errors)
    heading = html.escape(t(msgn("The last build failed: {n} error", "The last build failed: {n} errors", len(errors))))
    advice = t(
        msg(
            "Fix that file and save it: this page reloads by itself. Behind this message is the page of "
            "the last build that succeeded; your changes do not show until the error is fixed. What each "
            "message means is in <code>docs/panduan-editor.md</code>, section 7."
        )
    )
    dismiss = html.escape(t(msg("Hide for now")))
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
<h2>{heading}</h2>
<ul>
{items}
</ul>
<p>{advice}</p>
<button type="button" onclick="this.closest('#sitegen-gagal').remove()">{dismiss}</button>
</div>
</div>
""".encode()


def _error_item(line: str, t: Translator) -> str:
    found = _DIAGNOSTIC.fullmatch(line)
    if found is None:
        return f'<li><p class="sitegen-pesan">{html.escape(line)}</p></li>'
    path = html.escape(found["path"])
    if found["line"]:
        where = t(msg("File <code>{path}</code>, line {line}", path=path, line=found["line"]))
    else:
        where = t(msg("File <code>{path}</code>", path=path))
    return f'<li>{where}<p class="sitegen-pesan">{html.escape(found["message"])}</p></li>'


def search_notice(translate: Translator | None = None) -> bytes:
    """The notice on the search page of a preview without a search index."""
    return f"""<div id="sitegen-cari" role="note" style="background:#fef3c7;color:#78350f;padding:.75rem 1rem;\
font:16px/1.5 system-ui,sans-serif;border-bottom:2px solid #d97706">
{default(translate)(SEARCH_NOTE)}
</div>
""".encode()


def has_placeholders(page: bytes) -> bool:
    return _PLACEHOLDER_TEXT.search(page) is not None


_TODO_MARKS = """<div id="sitegen-todo" role="note">%s</div>
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


def todo_marks(translate: Translator | None = None) -> bytes:
    """The banner and the marks on placeholders, for a page that holds some."""
    banner = html.escape(default(translate)(TODO_NOTE))
    return (_TODO_MARKS % (banner, PLACEHOLDER, BODY_PLACEHOLDER)).encode()


def at_top(page: bytes, fragment: bytes) -> bytes:
    """``fragment`` right after the page's ``<body …>`` tag (or at its start)."""
    found = re.search(rb"<body\b[^>]*>", page, re.IGNORECASE)
    at = found.end() if found else 0
    return page[:at] + fragment + page[at:]


def at_end(page: bytes, fragment: bytes) -> bytes:
    """``fragment`` before the page's last ``</body>`` (or at its end)."""
    at = page.lower().rfind(b"</body>")
    return page + fragment if at < 0 else page[:at] + fragment + page[at:]
