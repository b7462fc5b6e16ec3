"""Planning again from the last plan (sitegen/plan/incremental.py) gives gather's plan: the same
pages in the same order with equal contexts, the same terms, related stories and problems,
after every change in long random series of them; and it keeps the pages a change cannot reach."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from sitegen.config import Alert, SiteConfig
from sitegen.plan.incremental import Plan, replan
from sitegen.plan.model import Site
from sitegen.plan.planner import gather
from sitegen.read.articles import ReadResult, read_article
from sitegen.read.profiles import EditorProfile, read_profile
from tests.support import FIXED_NOW, article

# an alert that expires during the series, when the clock moves on
ALERT = Alert(text="Jalan ditutup", level="penting", until=FIXED_NOW + dt.timedelta(days=20))
CONFIG = SiteConfig(title="Warta Uji NTT", base_url="https://warta-uji.test/", page_size=3, feed_size=4, alert=ALERT)

TAGS = ["Polri", "Kamtibmas", "Lalu Lintas", "Bencana", "Pemilu 2024", "polri", "Narkoba"]
PLACES = [
    "Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan",
    "Kecamatan Kie, Kabupaten Timor Tengah Selatan",
    "Desa Oinlasi, Kecamatan Amanatun Selatan, Kabupaten Timor Tengah Selatan",
    "Kecamatan KIE, Kabupaten Timor Tengah Selatan",
    "Kabupaten Alor",
    "Kecamatan Alor Barat Laut, Kabupaten Alor",
]
EDITORS = ["Sefnat Besie", "Ronal Ndun", "ronal ndun", "Yohanes Lake"]


def _text(rng: random.Random, n: int) -> str:
    fields: dict[str, object] = {
        "title": f"Berita nomor {n} {rng.choice(['', 'baru', 'lama'])}".strip(),
        "date": f"{rng.choice([2023, 2024])}-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d} "
        f"08:{rng.randint(0, 59):02d}",
        "tags": f"[{', '.join(rng.sample(TAGS, rng.randint(0, 3)))}]",
        "location": rng.choice(PLACES),
        "editor": rng.choice(EDITORS),
    }
    if rng.random() < 0.1:
        fields["draft"] = "true"
    if rng.random() < 0.1:
        fields["aliases"] = f"[/lama/{n}/]"
    if rng.random() < 0.15:  # dated after every article; shown from its date on, as the clock moves
        day = rng.choice(["2024-06-10", "2024-07-20", "2025-09-01"])
        fields["corrections"] = f"[{{date: {day} 09:00, text: Nama diperbaiki {n}.}}]"
    body = f"Paragraf pertama berita {n} {rng.randint(0, 3)}.\n\nParagraf kedua."
    return article(body, **fields)


def _profiles(rng: random.Random) -> tuple[EditorProfile, ...]:
    """Profiles for some of the editors, each with one of two titles."""
    found = []
    for name in ("Sefnat Besie", "Ronal Ndun", "Maria Ndoen"):
        if rng.random() < 0.5:
            jabatan = rng.choice(["Editor", "Kepala Subbidang"])
            text = f"---\nname: {name}\njabatan: {jabatan}\n---\nMeliput kamtibmas.\n"
            profile, problems = read_profile(f"editors/{name.lower().replace(' ', '-')}.md", text.encode())
            assert profile is not None and not problems
            found.append(profile)
    return tuple(found)


def _read(source: str, text: str) -> ReadResult:
    return read_article(source, text.encode(), CONFIG)


def _assert_same(plan: Plan, site: Site) -> None:
    got = plan.site
    assert [(p.path, p.template, p.in_sitemap, p.modified) for p in got.pages] == [
        (p.path, p.template, p.in_sitemap, p.modified) for p in site.pages
    ]
    for mine, theirs in zip(got.pages, site.pages, strict=True):
        assert mine.context == theirs.context, mine.path
    assert got.terms == site.terms
    assert got.articles == site.articles and got.held == site.held
    assert got.related is not None and site.related is not None
    assert got.related.choice == site.related.choice
    assert got.images == site.images and got.profiles == site.profiles


@pytest.mark.parametrize("seed", range(6))
def test_a_random_series_of_changes_plans_as_gather_does(seed: int) -> None:
    rng = random.Random(seed)
    texts = {f"content/berita-{n:02d}.md": _text(rng, n) for n in range(25)}
    results = {source: _read(source, text) for source, text in texts.items()}
    now = FIXED_NOW
    profiles = _profiles(rng)
    plan, _ = replan(None, CONFIG, list(results.values()), now, profiles=profiles)
    counter = 100
    for _ in range(25):
        action = rng.random()
        if action < 0.05:
            profiles = _profiles(rng)
        elif action < 0.15:
            counter += 1
            source = f"content/baru-{counter}.md"
            results[source] = _read(source, _text(rng, counter))
        elif action < 0.25 and len(results) > 3:
            del results[rng.choice(sorted(results))]
        elif action < 0.3:
            now = now + dt.timedelta(days=rng.choice([0, 15, 30, 400]))
        else:
            for source in rng.sample(sorted(results), rng.randint(1, 2)):
                results[source] = _read(source, _text(rng, int(source[-6:-3]) if source[-6:-3].isdigit() else 1))
        listed = [results[s] for s in sorted(results)]
        site, expected = gather(CONFIG, listed, now, profiles=profiles)
        plan, problems = replan(plan, CONFIG, listed, now, profiles=profiles)
        assert sorted(set(problems)) == sorted(set(expected))
        if site is None:
            assert plan is None
            plan, _ = replan(None, CONFIG, [r for r in listed if r.source != "x"], now, profiles=profiles)
            continue
        assert plan is not None
        _assert_same(plan, site)


def test_an_edit_of_the_words_keeps_every_other_page() -> None:
    texts = {f"content/berita-{n:02d}.md": _text(random.Random(n), n) for n in range(25)}
    results = {source: _read(source, text) for source, text in texts.items()}
    first, _ = replan(None, CONFIG, list(results.values()), FIXED_NOW)
    assert first is not None
    source = first.site.articles[len(first.site.articles) // 2].source  # (a published one)
    results[source] = _read(source, texts[source].replace("Paragraf kedua.", "Paragraf kedua, diperbarui."))
    second, _ = replan(first, CONFIG, list(results.values()), FIXED_NOW)
    assert second is not None
    old = {page.path: page for page in first.site.pages}
    made = [page.path for page in second.site.pages if old.get(page.path) is not page]
    edited = results[source].article
    assert edited is not None
    newest = {a.source for a in second.site.articles[: CONFIG.feed_size]}
    assert source not in newest
    expected = [edited.path]
    assert sorted(made) == sorted(expected)


def test_a_correction_falling_due_as_the_clock_moves_on_is_planned_as_gather_does() -> None:
    texts = {f"content/berita-{n:02d}.md": _text(random.Random(n), n) for n in range(10)}
    corrected = "corrections: [{date: 2024-06-10 09:00, text: Nama diperbaiki.}]\n---\n"
    texts["content/berita-03.md"] = (
        texts["content/berita-03.md"].replace("---\n", corrected, 2).replace(corrected, "---\n", 1)
    )
    results = [_read(source, text) for source, text in sorted(texts.items())]
    first, _ = replan(None, CONFIG, results, FIXED_NOW)
    later = FIXED_NOW + dt.timedelta(days=10)  # past the correction, before the alert's end
    site, _ = gather(CONFIG, results, later)
    second, _ = replan(first, CONFIG, results, later)
    assert first is not None and second is not None and site is not None
    _assert_same(second, site)
    page = next(p for p in second.site.pages if p.path == results[3].article.path)  # type: ignore[union-attr]
    assert "Nama diperbaiki." in repr(page.context["corrections"])  # type: ignore[typeddict-item]
