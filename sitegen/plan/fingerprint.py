"""Page fingerprints: a hash of everything a page's context holds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

_LEAVES = frozenset({str, int, float, bool, type(None)})


class Fingerprinter:
    """A hash of everything a page's context holds: two equal fingerprints mean the layout
    gets the same input, so the page's bytes are the same.

    Objects with a ``digest`` attribute (articles) stand for it; composites are hashed
    from their parts and memoized by identity for one build. An unknown type is an error,
    never silently skipped: that would make incremental builds unsound.
    """

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, str]] = {}
        self._fields: dict[type, tuple[str, ...]] = {}

    def __call__(self, value: object) -> str:
        # Leaves are written with repr (which quotes and escapes strings), composites as
        # hex digests of their parts joined by NUL: the encoding is unambiguous. This runs
        # for every value of every page's context (hundreds of thousands per build), so the
        # common cases come first, memo hits return without another call, and containers
        # hash their items without a call each.
        kind = type(value)
        if kind in _LEAVES:
            return repr(value)
        if kind is tuple or kind is list or kind is dict:
            hit = self._memo.get(id(value))
            if hit is not None and hit[0] is value:
                return hit[1]
            return self._container(value, kind)
        own = getattr(value, "digest", None)
        if own.__class__ is str and own:
            return "#" + own
        if kind is dt.datetime:
            return f"dt:{value.isoformat()}:{value.tzinfo!s}"  # type: ignore[attr-defined]
        return self._dataclass(value, kind)

    def _container(self, value: object, kind: type) -> str:
        """A tuple, list or dict, from its items; memoized by identity."""
        if kind is dict:
            # in the order the planner made it: the same code makes the same order, and
            # another order could only cost a needless render, never a stale page
            result = _hash("map", *[f"{k!r}:{self._part(v)}" for k, v in value.items()])  # type: ignore[attr-defined]
        else:
            result = _hash("seq", *[self._part(item) for item in value])  # type: ignore[attr-defined]
        self._memo[id(value)] = (value, result)
        return result

    def _dataclass(self, value: object, kind: type) -> str:
        """A dataclass without a digest of its own, from its fields; memoized by identity."""
        key = id(value)
        hit = self._memo.get(key)
        if hit is not None and hit[0] is value:
            return hit[1]
        names = self._field_names(kind)
        if names is None:
            raise TypeError(f"cannot fingerprint a {kind.__name__} in a page context")
        result = _hash(kind.__qualname__, *[self(getattr(value, name)) for name in names])
        self._memo[key] = (value, result)
        return result

    def _part(self, value: object) -> str:
        """One item of a container: the objects that carry their own digest (cards, links,
        articles) without the general dispatch."""
        if type(value) in _LEAVES:
            return repr(value)
        own = getattr(value, "digest", None)
        if own.__class__ is str and own:
            return "#" + own
        return self(value)

    def _field_names(self, kind: type) -> tuple[str, ...] | None:
        names = self._fields.get(kind)
        if names is None and dataclasses.is_dataclass(kind):
            names = self._fields[kind] = tuple(f.name for f in dataclasses.fields(kind))
        return names


def _hash(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()
