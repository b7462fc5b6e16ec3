"""``aliases:``: the old paths an article was read at, each to redirect to its page.

An alias is a path of this site as a browser asks for it: ``/2019/05/berita-lama/``,
``/berita-lama.html``, or a query such as ``/?p=123`` (which no static file can answer: it
only goes into the redirect maps of hosts that can send a 301). It names a file the build
writes, so it is held to what a file name and both redirect maps can carry: no ``..``, no
host, no fragment, no control character, no character those maps give a meaning.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import quote, unquote

from sitegen.errors import Diagnostic, error
from sitegen.i18n import Message, msg
from sitegen.read.frontmatter import describe
from sitegen.util.yamltext import Field

MAX_ALIAS_LENGTH = 1000  # characters of one alias: far past any real old URL
MAX_SEGMENT_BYTES = 200  # of one decoded path segment: a file name on every disk

EXAMPLE = "/2019/05/berita-lama/"

# the ASCII an alias may hold (URL path and query characters); any other letter is kept
_PATH_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()+,;=@/%")
_QUERY_ASCII = _PATH_ASCII | frozenset("*:?")
_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)}

# what the redirect maps write as is; everything else is percent-encoded (never a quote, a
# backslash or a '$', which an nginx string would read as a variable)
_SAFE_PATH = "/-._~!&()+,;=@%"
_SAFE_QUERY = _SAFE_PATH + "*:?"


def read_aliases(source: str, item: Field | None, problems: list[Diagnostic]) -> tuple[str, ...]:
    """The aliases of an article's ``aliases`` key; its errors (at the key's line) go to ``problems``."""
    if item is None:
        return ()
    aliases, messages = parse_aliases(item.value)
    problems.extend(error(source, item.line, message) for message in messages)
    return aliases


def parse_aliases(value: Any) -> tuple[tuple[str, ...], list[Message]]:
    """The aliases of an ``aliases`` value (a list, or one text), each once, and what is wrong
    with the value (no alias is made of a wrong item)."""
    if value is None:
        return (), []
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list):
        return (), [
            msg(
                "'aliases' must be a list of old paths like {example}, not {kind}",
                example=EXAMPLE,
                kind=describe(values),
            )
        ]
    aliases: list[str] = []
    problems: list[Message] = []
    for item in values:
        if not isinstance(item, str):
            problems.append(
                msg("each alias must be a path like {example}, not {kind}", example=EXAMPLE, kind=describe(item))
            )
            continue
        alias = unicodedata.normalize("NFC", item.strip())
        why = alias_problem(alias)
        if why:
            problems.append(msg("alias {alias} {why}", alias=repr(alias), why=why))
        elif alias not in aliases:
            aliases.append(alias)
    return tuple(aliases), problems


def alias_problem(alias: str) -> Message | None:
    """Why ``alias`` is no path of this site a redirect can be made for, or None."""
    if not alias:
        return msg("is empty: write an old path like {example}", example=EXAMPLE)
    if len(alias) > MAX_ALIAS_LENGTH:
        return msg("is longer than {most} characters", most=MAX_ALIAS_LENGTH)
    if not alias.startswith("/") or alias.startswith("//"):
        return msg(
            "must be a path of this site starting with '/' (like {example}), without its scheme and host",
            example=EXAMPLE,
        )
    if "#" in alias:
        return msg("must not contain '#': a browser never sends what follows it")
    path, mark, query = alias.partition("?")
    why = _character_problem(path, _PATH_ASCII) or _character_problem(query, _QUERY_ASCII)
    if why:
        return why
    if _ESCAPE.search(alias):
        return msg("has a '%' that is not followed by two hexadecimal digits")
    if mark and not query:
        return msg("ends with an empty query '?'")
    try:
        path = page_path(alias)
    except UnicodeDecodeError:
        return msg("has percent escapes that are no UTF-8 text")
    return _path_problem(path) or _query_problem(query)


def _character_problem(part: str, allowed: frozenset[str]) -> Message | None:
    """The first character of ``part`` an alias may not hold there (a letter of any script may)."""
    bad = next((c for c in part if not (c in allowed or (not c.isascii() and c.isprintable()))), None)
    if bad is None:
        return None
    shown = repr(bad) if bad.isprintable() and bad != " " else f"U+{ord(bad):04X}"
    return msg("must not contain {shown}", shown=shown)


def _path_problem(path: str) -> Message | None:
    """What is wrong with the decoded path, as the file it names."""
    segments = path.strip("/").split("/") if path != "/" else []
    for segment in segments:
        if segment in ("", ".", ".."):
            return msg("must not contain '//', '.' or '..' segments")
        if any(not c.isprintable() or c in '\\"*:<>|?#' for c in segment):
            return msg("holds an escaped character no file name may hold")
        if len(segment.encode()) > MAX_SEGMENT_BYTES:
            return msg("has a part longer than {most} bytes", most=MAX_SEGMENT_BYTES)
        if segment.casefold().split(".")[0] in _WINDOWS_RESERVED:
            return msg("has '{segment}', a name Windows reserves", segment=segment)
    return None


def _query_problem(query: str) -> Message | None:
    if query and any(not name for name, _, _ in (part.partition("=") for part in query.split("&"))):
        return msg("must have a query of name=value parts, like /?p=123")
    return None


def is_query(alias: str) -> bool:
    """Whether the alias has a query: no static file answers it, only a redirect map."""
    return "?" in alias


def page_path(alias: str) -> str:
    """The site path of the redirect page of a path alias, decoded: a folder's ``/x/`` (and
    ``/x``, which a static host serves as ``/x/``) or a file's ``/x.html``."""
    path = unquote(alias.partition("?")[0], errors="strict")
    if path.endswith("/") or path.lower().endswith((".html", ".htm")):
        return path
    return path + "/"


def wire(alias: str) -> str:
    """The alias as a browser sends it, for the redirect maps: non-ASCII letters and what a
    map would read as syntax percent-encoded."""
    path, mark, query = alias.partition("?")
    return quote(path, safe=_SAFE_PATH) + mark + quote(query, safe=_SAFE_QUERY)
