"""Photo galleries: the front matter's ``gallery`` through the image pipeline, shown as a grid of
links to each photo's full size, and every photo's problem reported at its own line."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import html5lib
import pytest
from PIL import Image

from sitegen.build import BuildResult
from sitegen.errors import BuildFailed
from sitegen.plan import photos as images
from tests.support import MakeSite, article, build_site, photo

PAGE = "2023/12/falas/index.html"

GALLERY = """\
    ---
    title: Falas
    date: 2023-12-03 10:30
    editor: Sefnat Besie
    location: Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan
    slug: falas
    gallery:
      - src: galeri/satu.jpg
        alt: Warga antre di posko kesehatan
        caption: Antrean pagi <b>hari</b>
        credit: Humas Polda NTT
      - src: galeri/dua.png
        alt: Kapolda menyerahkan bantuan
      - src: /assets/tiga.jpg
        alt: Peta lokasi
        credit: Bid Humas
    ---
    Isi berita.
    """

PHOTOS = {
    "content/2023/galeri/satu.jpg": photo(1600, 1000),
    "content/2023/galeri/dua.png": photo(700, 500, (200, 30, 30), kind="PNG"),
    "assets/tiga.jpg": photo(500, 500, (30, 160, 30)),
}


@pytest.fixture
def built(make_site: MakeSite) -> BuildResult:
    site = make_site(files={"content/2023/falas.md": GALLERY, **PHOTOS})
    return build_site(site, search=False)


def _page(result: BuildResult) -> str:
    return (result.output / PAGE).read_text()


def _gallery(html: str) -> str:
    match = re.search(r'<section class="gallery".*?</section>', html, re.S)
    assert match is not None
    return match.group(0)


def test_every_photo_exists_in_every_width_and_format(built: BuildResult) -> None:
    gallery = _gallery(_page(built))
    urls = sorted({url for url in re.findall(r"/img/[0-9a-f]{16}-\d+\.(?:webp|jpg)", gallery)})
    widths_seen: dict[str, set[int]] = {}
    for url in urls:
        name, width = re.fullmatch(r"/img/([0-9a-f]{16})-(\d+)\.(?:webp|jpg)", url).groups()  # type: ignore[union-attr]
        widths_seen.setdefault(name, set()).add(int(width))
        with Image.open(built.output / url.lstrip("/")) as image:
            assert image.width == int(width)
    # three photos, each in every width the pipeline publishes for its size, WebP and JPEG
    assert sorted(sorted(seen) for seen in widths_seen.values()) == sorted(
        list(images.widths(width)) for width in (1600, 700, 500)
    )
    for url in urls:
        other = url.replace(".webp", ".jpg") if url.endswith(".webp") else url.replace(".jpg", ".webp")
        assert (built.output / other.lstrip("/")).is_file()


def test_the_grid_links_each_thumbnail_to_its_largest_jpeg(built: BuildResult) -> None:
    gallery = _gallery(_page(built))
    assert '<h2 id="galeri-foto">Galeri Foto</h2>' in gallery
    items = re.findall(r"<li><figure><a href=\"([^\"]+)\"><picture>(.*?)</picture></a>", gallery, re.S)
    assert len(items) == 3
    for href, picture in items:
        largest = max(int(w) for w in re.findall(r"-(\d+)\.jpg \d+w", picture))
        assert re.fullmatch(rf"/img/[0-9a-f]{{16}}-{largest}\.jpg", href)
        assert f'sizes="{images.GALLERY_SIZES}"' in picture
        assert 'loading="lazy"' in picture and re.search(r'width="\d+" height="\d+"', picture)
    assert 'alt="Warga antre di posko kesehatan"' in gallery
    # captions are text: the editor's markup is escaped, the credit is "Foto: …"
    assert 'Antrean pagi &lt;b&gt;hari&lt;/b&gt; <span class="photo-credit">Foto: Humas Polda NTT</span>' in gallery
    assert '<figcaption> <span class="photo-credit">Foto: Bid Humas</span></figcaption>' in gallery
    assert gallery.count("<figcaption>") == 2  # the photo with neither has none


def test_the_page_is_valid_html5_and_has_no_script_for_the_gallery(built: BuildResult) -> None:
    html = _page(built)
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(html)
    assert "<script" not in _gallery(html)


def test_the_first_gallery_photo_is_the_link_preview_without_a_featured_one(built: BuildResult) -> None:
    assert re.search(r'<meta property="og:image" content="https://warta-uji\.test/img/[0-9a-f]{16}-', _page(built))


def _errors(site: Path) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        build_site(site, search=False)
    return [d.format() for d in failed.value.report.sorted()]


def test_every_photos_problem_is_an_error_at_its_own_line(make_site: MakeSite) -> None:
    text = textwrap.dedent("""\
        ---
        title: Falas
        date: 2023-12-03 10:30
        editor: Sefnat Besie
        location: Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan
        gallery:
          - src: satu.jpg
            caption: tanpa alt
          - src: hilang.jpg
            alt: Foto yang tidak ada
          - src: surat.jpg
            alt: Bukan foto
          - src: dua.jpg
            alt: "  "
          - bukan-mapping.jpg
          - src: https://polri.go.id/a.jpg
            alt: Foto
          - src: baik.jpg
            alt: Foto yang baik
        ---
        Isi berita.
        """)
    files = {
        "content/2023/falas.md": text,
        "content/2023/satu.jpg": photo(),
        "content/2023/dua.jpg": photo(),
        "content/2023/baik.jpg": photo(),
        "content/2023/surat.jpg": b"<html>bukan foto</html>",
    }
    errors = _errors(make_site(files=files))
    why = "say what the photo shows, for readers who cannot see it"
    assert errors == [
        f"content/2023/falas.md:7: error: 'gallery' photo 1 needs 'alt': {why}",
        f"content/2023/falas.md:13: error: 'gallery' photo 4 needs 'alt': {why}",
        "content/2023/falas.md:15: error: 'gallery' photo 5 must be 'src' and 'alt' lines (and 'caption', "
        "'credit' if you like) indented below it, not 'bukan-mapping.jpg'",
        "content/2023/falas.md:16: error: 'gallery' photo 6: 'https://polri.go.id/a.jpg' is a web address: "
        "put the photo in the site folder",
    ]
    # with the front matter right, the files' problems: each at its photo's line, in one run
    fixed = text.replace("    caption: tanpa alt", "    alt: Foto satu").replace('alt: "  "', "alt: Foto dua")
    fixed = fixed.replace("  - bukan-mapping.jpg\n  - src: https://polri.go.id/a.jpg\n    alt: Foto\n", "")
    site = make_site(files={**files, "content/2023/falas.md": fixed}, name="fixed")
    assert _errors(site) == [
        "content/2023/falas.md:9: error: 'gallery' photo 'hilang.jpg': there is no file content/2023/hilang.jpg",
        "content/2023/falas.md:11: error: 'gallery' photo 'surat.jpg': content/2023/surat.jpg is not a photo "
        "sitegen can read (JPEG, PNG, WebP or GIF)",
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("foto.jpg", "'gallery' must be a list of photos, each a '- src: …' line with 'alt' (and 'caption', 'credit') "
         "below it, not 'foto.jpg'"),
        ([{"src": "foto.jpg", "alt": "Foto"}] * 51, "'gallery' has 51 photos; at most 50 are allowed"),
        ([{"src": "foto.jpg", "alt": "Foto", "kredit": "x"}],
         "'gallery' photo 1: unknown key 'kredit' — did you mean 'credit'?"),
    ],
)  # fmt: skip
def test_a_gallery_of_the_wrong_shape_is_an_error_at_the_key(make_site: MakeSite, value: object, message: str) -> None:
    site = make_site(files={"content/2023/falas.md": article(gallery=value), "content/2023/foto.jpg": photo()})
    assert _errors(site) == [f"content/2023/falas.md:6: error: {message}"]  # (a list in flow style: one line)


def test_a_forms_blank_rows_are_no_photos(make_site: MakeSite) -> None:
    gallery = [{"src": "", "alt": "", "caption": ""}, {"src": "foto.jpg", "alt": "Foto", "credit": ""}]
    site = make_site(files={"content/2023/falas.md": article(gallery=gallery), "content/2023/foto.jpg": photo()})
    html = (build_site(site, search=False).output / PAGE).read_text()
    assert _gallery(html).count("<li>") == 1 and "<figcaption>" not in _gallery(html)
    empty = make_site(files={"content/2023/falas.md": article(gallery=[])}, name="empty")
    assert 'class="gallery"' not in (build_site(empty, search=False).output / PAGE).read_text()
