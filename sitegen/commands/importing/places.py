"""Finding an imported story's place in its words, from the places the site already knows.

Neither WordPress nor Blogger records where a story happened; Indonesian news says it in the
dateline (``KUPANG, …``, ``SoE –``) or the first paragraph. The places known are the
``location`` values of the site's articles (``Desa Falas, Kecamatan Kie, Kabupaten Timor
Tengah Selatan`` teaches three places, each with the places above it) and the written forms of
site.yaml's ``location_aliases``. A place is matched as whole words, case ignored, by its full
name (``Kecamatan Kie``) or its name without the administrative word (``Kie``; ``Kota Soe``
and ``Soe``). The most specific place found wins (a village over a district over a regency),
the earliest on a tie. A name shared by two places (``Kupang``: Kabupaten Kupang or Kota
Kupang) decides nothing: it is returned as ambiguous, for a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.read.frontmatter import split

_ADMINISTRATIVE = re.compile(r"^(?:desa|kelurahan|kecamatan|kabupaten|kota|provinsi|dusun|kab\.|kec\.|kel\.)\s+", re.I)

_SHORTEST = 3  # a shorter name matches too many words that are no place


@dataclass(frozen=True)
class Found:
    location: str | None  # the place, with the places above it: "Kecamatan Kie, Kabupaten …"
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (name, the places it could be)


class Places:
    def __init__(self, locations: Iterable[str], aliases: Iterable[tuple[str, str]] = ()) -> None:
        self.names: dict[str, set[str]] = {}
        chains: dict[str, str] = {}  # a place's own name → its location
        for location in locations:
            parts = [p.strip() for p in location.split(",") if p.strip()]
            for index, part in enumerate(parts):
                chain = ", ".join(parts[index:])
                chains.setdefault(part.casefold(), chain)
                for name in _names(part):
                    self.names.setdefault(name.casefold(), set()).add(chain)
        for written, canonical in aliases:
            chain = chains.get(canonical.strip().casefold(), canonical.strip())
            self.names.setdefault(" ".join(written.split()).casefold(), set()).add(chain)
        usable = sorted((n for n in self.names if len(n) >= _SHORTEST), key=lambda n: (-len(n), n))
        alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in usable)
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I) if usable else None

    @classmethod
    def of_site(cls, site_dir: Path, config: SiteConfig) -> Places:
        return cls(_site_locations(site_dir), config.location_aliases)

    def find(self, text: str) -> Found:
        if self.pattern is None:
            return Found(None)
        best: tuple[int, int, str] | None = None
        ambiguous: dict[str, tuple[str, ...]] = {}
        for match in self.pattern.finditer(text):
            chains = self.names.get(" ".join(match.group(0).split()).casefold(), set())
            if len(chains) != 1:
                ambiguous.setdefault(match.group(0), tuple(sorted(chains)))
                continue
            chain = next(iter(chains))
            candidate = (-chain.count(",") - 1, match.start(), chain)
            best = candidate if best is None else min(best, candidate)
        if best is not None:
            return Found(best[2])
        return Found(None, tuple(ambiguous.items()))


def _names(part: str) -> list[str]:
    """``Kecamatan Kota Soe`` → the full name, ``Kota Soe`` and ``Soe``."""
    names = [" ".join(part.split())]
    while (shorter := _ADMINISTRATIVE.sub("", names[-1], count=1)) != names[-1] and shorter:
        names.append(shorter)
    return names


def _site_locations(site_dir: Path) -> set[str]:
    """The ``location`` of every article under content/ that has one that can be read."""
    found: set[str] = set()
    for path in sorted((site_dir / "content").rglob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        document, _problems = split(path.name, text)
        if document is None:
            continue
        item = document.fields.get("location")
        if item is not None and isinstance(item.value, str) and item.value.strip():
            found.add(" ".join(item.value.split()))
    return found
