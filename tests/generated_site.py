"""A seeded site of many ordinary articles, for the atomicity and determinism tests.

``articles(count, seed, edition)`` gives the same files for the same arguments; another
``edition`` changes every third article's title and body (so a build has work to do).
"""

from __future__ import annotations

import json
import random

from tests.support import article

PLACES = [
    "Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan",
    "Desa Silawan, Kecamatan Tasifeto Timur, Kabupaten Belu",
    "Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang",
    "Kecamatan Kalabahi, Kabupaten Alor",
    "Desa Noelbaki, Kecamatan Kupang Tengah, Kabupaten Kupang",
]
TAGS = ["Polri", "Kamtibmas", "Bakti Sosial", "Lalu Lintas", "Pemilu 2024", "Jum'at Curhat", "Narkoba", "Bencana"]
EDITORS = ["Sefnat Besie", "Maria Goreti Ndoen", "Yohanes Lake", "Tim Humas & Redaksi"]
WORDS = [
    "polres",
    "personel",
    "warga",
    "desa",
    "kegiatan",
    "bantuan",
    "keamanan",
    "patroli",
    "masyarakat",
    "ketertiban",
    "sosialisasi",
]


def articles(count: int, seed: int = 6, edition: int = 0) -> dict[str, str]:
    rng = random.Random(seed)
    files = {}
    for n in range(count):
        year = 2021 + n % 3
        words = [rng.choice(WORDS) for _ in range(rng.randint(60, 180))]
        title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize() + f" {n}"
        if edition and n % 3 == 0:
            title += f" (edisi {edition})"
            words.append(f"edisi{edition}")
        body = (
            "\n\n".join(" ".join(words[i : i + 30]).capitalize() + "." for i in range(0, len(words), 30))
            + f"\n\n- satu *{rng.choice(WORDS)}*\n- dua [tautan](https://polri.go.id/{n})\n"
        )
        files[f"content/{year}/berita-{n:04d}.md"] = article(
            body=body,
            title=f'"{title}"',
            date=f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}",
            editor=f'"{rng.choice(EDITORS)}"',
            location=f'"{rng.choice(PLACES)}"',
            tags=json.dumps(rng.sample(TAGS, rng.randint(1, 3))),
        )
    return files
