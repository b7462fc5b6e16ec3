"""Google Discover and link previews: large crops of the featured photo in the structured data,
a 1200×630 preview image small enough for WhatsApp, and ``max-image-preview:large``."""

from __future__ import annotations

import io
import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from sitegen.build import BuildResult
from tests.regenerate_golden import build_golden
from tests.support import MakeSite, article, build_site, photo

BASE = "https://warta-uji.test/"
PREVIEW_BUDGET = 300 * 1024


class _Head(HTMLParser):
    """The page's <meta> values and its JSON-LD."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.json_ld: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (key := values.get("property") or values.get("name")):
            self.meta.setdefault(key, []).append(values.get("content") or "")
        self._in_json = tag == "script" and values.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._in_json = False

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.json_ld.append(data)


def head(page: Path) -> _Head:
    parser = _Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def published(output: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    path = output / url.removeprefix(BASE)
    assert path.is_file(), url
    return path


def jpeg_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        assert image.format == "JPEG"
        return image.size


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_golden(tmp_path_factory.mktemp("golden"))


LARGE = "2024/02/logistik-pemilu-alor/index.html"  # featured photo 1600×1000
SMALL = "2023/12/kapolda-ntt-bakti-kesehatan-desa-falas/index.html"  # featured photo 480×320
BODY_ONLY = "2023/09/operasi-zebra-turangga-2023-kota-kupang/index.html"  # a body photo only


def test_structured_data_offers_16x9_4x3_and_1x1_crops_1200_wide(golden: BuildResult) -> None:
    page = head(golden.output / LARGE)
    (data,) = (json.loads(text) for text in page.json_ld)
    images = data["image"]
    assert [(i["@type"], i["width"], i["height"]) for i in images] == [
        ("ImageObject", 1200, 675),
        ("ImageObject", 1200, 900),
        ("ImageObject", 1200, 1200),
    ]
    for image in images:
        assert jpeg_size(published(golden.output, image["url"])) == (image["width"], image["height"])
    assert len({image["url"] for image in images}) == 3


def test_the_link_preview_is_a_1200x630_jpeg_within_300_kb(golden: BuildResult) -> None:
    meta = head(golden.output / LARGE).meta
    (url,) = meta["og:image"]
    file = published(golden.output, url)
    assert jpeg_size(file) == (1200, 630)
    assert file.stat().st_size <= PREVIEW_BUDGET
    assert (meta["og:image:width"], meta["og:image:height"], meta["og:image:type"]) == (
        ["1200"],
        ["630"],
        ["image/jpeg"],
    )
    assert meta["twitter:card"] == ["summary_large_image"]


def test_article_pages_allow_large_image_previews(golden: BuildResult) -> None:
    for name in (LARGE, SMALL, BODY_ONLY):
        assert head(golden.output / name).meta["robots"] == ["max-image-preview:large"]
    assert "robots" not in head(golden.output / "index.html").meta  # the list pages are left as they were


def test_a_photo_narrower_than_1200_keeps_its_single_image(golden: BuildResult) -> None:
    page = head(golden.output / SMALL)
    (data,) = (json.loads(text) for text in page.json_ld)
    image = data["image"]
    assert (image["@type"], image["width"], image["height"]) == ("ImageObject", 480, 320)
    assert image["url"].endswith("-480.jpg")
    assert page.meta["og:image"] == [image["url"]]
    assert (page.meta["og:image:width"], page.meta["og:image:height"]) == (["480"], ["320"])
    crops = [p.name for p in (golden.output / "img").iterdir() if re.search(r"-1200x\d+\.jpg$", p.name)]
    assert len(crops) == 4  # the large featured photo's three crops and its preview, nothing else


def _noise(width: int, height: int) -> bytes:
    """A photo JPEG compresses badly: every pixel random (seeded, so the test is deterministic)."""
    rng = random.Random(15)
    image = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def test_a_preview_that_compresses_badly_is_made_smaller_step_by_step(make_site: MakeSite) -> None:
    fields = {"image": {"src": "derau.jpg", "alt": "Derau"}}
    site = make_site(files={"content/2023/derau.md": article(**fields), "content/2023/derau.jpg": _noise(1800, 1200)})
    first = build_site(site)
    assert not first.report.items
    meta = head(first.output / "2023/12/derau/index.html").meta
    preview = published(first.output, meta["og:image"][0])
    assert jpeg_size(preview) == (1200, 630)
    assert preview.stat().st_size <= PREVIEW_BUDGET
    # the crops keep the usual quality: at it the preview would have been too heavy
    crops = sorted((first.output / "img").glob("*-1200x675.jpg"))
    assert len(crops) == 1 and crops[0].stat().st_size > PREVIEW_BUDGET
    again = build_site(site, output=site / "again", use_cache=False)
    assert (again.output / preview.relative_to(first.output)).read_bytes() == preview.read_bytes()


@pytest.mark.parametrize("size", [(1199, 900), (900, 1600)])
def test_crops_need_a_photo_at_least_1200_wide(make_site: MakeSite, size: tuple[int, int]) -> None:
    fields = {"image": {"src": "foto.jpg", "alt": "Foto"}}
    site = make_site(files={"content/2023/a.md": article(**fields), "content/2023/foto.jpg": photo(*size)})
    result = build_site(site)
    assert not [p for p in (result.output / "img").iterdir() if re.search(r"-1200x\d+\.jpg$", p.name)]
    (data,) = (json.loads(text) for text in head(result.output / "2023/12/a/index.html").json_ld)
    assert isinstance(data["image"], dict)


def test_crops_are_made_for_the_featured_photo_only(make_site: MakeSite) -> None:
    site = make_site(
        files={"content/2023/a.md": article("![Warga](foto.jpg)"), "content/2023/foto.jpg": photo(1600, 1000)}
    )
    result = build_site(site)
    assert not [p for p in (result.output / "img").iterdir() if re.search(r"-1200x\d+\.jpg$", p.name)]
    meta = head(result.output / "2023/12/a/index.html").meta
    assert meta["og:image"][0].endswith("-1200.jpg")
    assert (meta["og:image:width"], meta["og:image:height"]) == (["1200"], ["750"])


def test_a_tall_photo_is_cropped_around_its_centre(make_site: MakeSite) -> None:
    # a portrait: red top and bottom quarters, a blue middle; every crop is taken from the middle
    image = Image.new("RGB", (1200, 2400), (200, 0, 0))
    image.paste((0, 0, 200), (0, 600, 1200, 1800))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    fields = {"image": {"src": "tinggi.jpg", "alt": "Tinggi"}}
    site = make_site(files={"content/2023/a.md": article(**fields), "content/2023/tinggi.jpg": out.getvalue()})
    result = build_site(site)
    for crop in sorted((result.output / "img").glob("*-1200x*.jpg")):
        with Image.open(crop) as shown:
            width, height = shown.size
            for x, y in ((10, 10), (width - 10, height - 10), (width // 2, height // 2)):
                red, _, blue = shown.convert("RGB").getpixel((x, y))  # type: ignore[misc]
                assert blue > 150 and red < 60, (crop.name, x, y)
