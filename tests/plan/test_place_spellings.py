"""Places written differently: merged per level with a warning, aliases applied everywhere they show."""

from __future__ import annotations

from tests.site.test_portal import L_KIE, TTS, count_text, dom, stories, text
from tests.support import MakeSite, article, build_site, formatted


def test_a_district_spelled_differently_in_case_is_merged_with_a_warning(make_site: MakeSite) -> None:
    site = make_site(
        files={
            "content/a.md": article(location=f"Desa Falas, Kecamatan Kie, {TTS}"),
            "content/b.md": article(date="2023-12-04 10:30", location=f"Kecamatan Kie, {TTS}"),
            "content/c.md": article(date="2023-12-05 10:30", location=f"Desa Falas, Kecamatan KIE, {TTS}"),
        }
    )
    result = build_site(site)
    root = dom(result.output, L_KIE)
    assert (text(root.find(".//h1")), count_text(root)) == ("Lokasi: Kecamatan Kie", "3 berita · RSS")  # merged
    assert stories(root) == ["/2023/12/c/", "/2023/12/b/", "/2023/12/a/"]
    assert formatted(result.report) == [
        "content/c.md:5: warning: place 'Kecamatan KIE' is written 'Kecamatan Kie' elsewhere; "
        "both are filed under 'Kecamatan Kie'"
    ]


def test_a_village_spelled_differently_in_punctuation_is_merged_with_a_warning(make_site: MakeSite) -> None:
    site = make_site(
        files={
            "content/a.md": article(location=f"Desa Oe-Nai, Kecamatan Kie, {TTS}"),
            "content/b.md": article(date="2023-12-04 10:30", location=f"Desa Oe-Nai, Kecamatan Kie, {TTS}"),
            "content/c.md": article(date="2023-12-05 10:30", location=f"Desa Oe Nai, Kecamatan Kie, {TTS}"),
        }
    )
    result = build_site(site)
    assert stories(dom(result.output, L_KIE + "desa-oe-nai/")) == ["/2023/12/c/", "/2023/12/b/", "/2023/12/a/"]
    assert formatted(result.report) == [
        "content/c.md:5: warning: place 'Desa Oe Nai' is written 'Desa Oe-Nai' elsewhere; "
        "both are filed under 'Desa Oe-Nai'"
    ]


def test_an_alias_is_shown_everywhere_the_place_is(make_site: MakeSite) -> None:
    import json
    import re

    site = make_site(
        {"location_aliases": {"Kab. TTS": TTS}},
        files={"content/a.md": article(location="Desa Oinlasi, Kab. TTS")},
    )
    result = build_site(site)
    home = (result.output / "index.html").read_text()
    assert f"Desa Oinlasi, {TTS}" in home and "Kab. TTS" not in home
    page = (result.output / "2023/12/a/index.html").read_text()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["contentLocation"]["name"] == f"Desa Oinlasi, {TTS}"
