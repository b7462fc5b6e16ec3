"""``sitegen check``: what a build checks, plus links, images, placeholders and tags, writing nothing."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import Result

from sitegen.commands import new as newsroom
from sitegen.commands.check import check_site
from sitegen.commands.check.report import github_annotation
from sitegen.errors import error, warning
from sitegen.i18n import verbatim
from tests.conftest import RunCli
from tests.support import REPO, MakeSite, article, tree

CLEAN = re.compile(r"checked (\d+) articles?, \d+ pages and \d+ links: 0 errors, 0 warnings")
NOT_RENDERED = "; pages and links are checked once the errors are fixed"

BELU = article(
    "Isi.\n\n## Bagian Dua\n\nTeks.",
    title="Belu",
    date="2023-10-20 09:40",
    location="Desa Silawan, Kecamatan Tasifeto Timur, Kabupaten Belu",
    tags="[Polri]",
)

# Line 8 is the first line of the body (seven lines of front matter with its fences).
FALAS_BODY = """
Paragraf pembuka.

## Foto Kegiatan

Lihat [berita Belu](/2023/10/belu/) dan [topik Polri](/tag/polri/).
Tautan [rusak](/2023/10/tidak-ada/).
Tautan [relatif](../../10/belu/#bagian-dua) ke bagian lain.
Jangkar [salah](/2023/10/belu/#tidak-ada).
Ke [foto di halaman ini](#foto-kegiatan) dan ke [bagian yang tidak ada](#penutup).
Alamat [lengkap](https://warta-uji.test/2023/10/hilang/) dan [situs Polri](https://polri.go.id/).
Surat ke [redaksi](mailto:redaksi@example.com) atau [draf](/2023/11/draf/).

![Peta lokasi](/assets/peta.png)

![](/assets/denah.png)

Berita [lama](../../11/lama/).
"""


def png() -> bytes:
    """A real 1×1 PNG: image files are read, not only linked."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixel = zlib.compress(b"\0\0\0\0")  # filter byte, then one RGB pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixel) + chunk(b"IEND", b"")


def lines(result: Result) -> list[str]:
    return result.stdout.splitlines()


def test_a_clean_site_exits_0_with_a_summary(make_site: MakeSite, run_cli: RunCli) -> None:
    site = make_site(files={"content/2023/belu.md": BELU, "content/2023/falas.md": article("[Belu](/2023/10/belu/)")})
    result = run_cli("check", str(site))
    assert result.exit_code == 0, result.output
    assert len(lines(result)) == 1
    match = CLEAN.fullmatch(lines(result)[0])
    assert match and match.group(1) == "2"
    assert result.stderr == ""


def test_check_writes_nothing_not_even_the_cache(make_site: MakeSite, run_cli: RunCli) -> None:
    site = make_site(files={"content/2023/belu.md": BELU})
    before = tree(site)
    assert run_cli("check", str(site)).exit_code == 0
    assert tree(site) == before
    assert sorted(p.name for p in site.iterdir()) == ["assets", "content", "layouts", "site.yaml"]


def test_links_and_images_in_articles_are_reported_at_their_markdown_lines(
    make_site: MakeSite, run_cli: RunCli
) -> None:
    files = {
        "content/2023/belu.md": BELU,
        "content/2023/falas.md": article(FALAS_BODY, title="Falas", tags="[Polri]"),
        "content/2023/draf.md": article(
            "Lihat [Belu](/2023/10/belu/) dan [hilang](/2023/10/hilang/).\n\n![](/assets/peta.png)",
            date="2023-11-01 08:00",
            draft="true",
        ),
        "content/2099/jadwal.md": article("Lihat [draf](/2023/11/draf/).", date="2099-01-01 08:00"),
        "assets/peta.png": png(),
        "assets/denah.png": png(),
    }
    result = run_cli("check", str(make_site(files=files)))

    assert result.exit_code == 1
    assert lines(result)[:-1] == [
        "content/2023/draf.md:8: error: link '/2023/10/hilang/' leads to no page or file of the site",
        "content/2023/draf.md:10: error: image '/assets/peta.png' has no alt text: say what it shows in "
        "![…](/assets/peta.png)",
        "content/2023/falas.md:13: error: link '/2023/10/tidak-ada/' leads to no page or file of the site",
        "content/2023/falas.md:15: error: link '/2023/10/belu/#tidak-ada': there is no id 'tidak-ada' on "
        "/2023/10/belu/",
        "content/2023/falas.md:16: error: link '#penutup': there is no id 'penutup' on /2023/12/falas/",
        "content/2023/falas.md:17: error: link 'https://warta-uji.test/2023/10/hilang/' leads to no page or file of "
        "the site",
        "content/2023/falas.md:18: error: link '/2023/11/draf/' leads to content/2023/draf.md, a draft: it is not on "
        "the site yet",
        "content/2023/falas.md:22: error: image '/assets/denah.png' has no alt text: say what it shows in "
        "![…](/assets/denah.png)",
        "content/2023/falas.md:24: error: link '../../11/lama/' (/2023/11/lama/) leads to no page or file of the site",
    ]
    assert re.fullmatch(r"checked 4 articles, \d+ pages and \d+ links: 9 errors, 0 warnings", lines(result)[-1])


def test_a_link_without_its_trailing_slash_resolves(make_site: MakeSite, run_cli: RunCli) -> None:
    files = {"content/2023/belu.md": BELU, "content/2023/falas.md": article("[Belu](/2023/10/belu)")}
    result = run_cli("check", str(make_site(files=files)))
    assert result.exit_code == 0, result.output


def test_a_site_under_a_path_wants_links_under_it(make_site: MakeSite, run_cli: RunCli) -> None:
    body = """
    Benar: [Belu](/portal/2023/10/belu/) dan [relatif](../../10/belu/).
    Salah: [Belu](/2023/10/belu/).
    Situs lain di host yang sama: [lain](https://x.github.io/lain/).
    """
    files = {"content/2023/belu.md": BELU, "content/2023/falas.md": article(body)}
    result = run_cli("check", str(make_site({"base_url": "https://x.github.io/portal/"}, files)))
    assert result.exit_code == 1
    assert lines(result)[:-1] == [
        "content/2023/falas.md:8: error: link '/2023/10/belu/' is outside the site: links into it start with /portal/"
    ]


def test_broken_links_in_layouts_are_reported_once_at_the_layout(make_site: MakeSite, run_cli: RunCli) -> None:
    not_found = """
    {% extends "base.html" %}
    {% block content %}
    <h1>Tidak ditemukan</h1>
    <p><a href="/kontak/">Kontak</a></p>
    <p><a href="{{ '/'|url }}#tidak-ada">Beranda</a> <img src="{{ '/assets/logo.png'|url }}"></p>
    {% endblock %}
    """
    files = {"content/2023/belu.md": BELU, "layouts/404.html": not_found, "assets/logo.png": png()}
    result = run_cli("check", str(make_site(files=files)))
    assert result.exit_code == 1
    assert lines(result)[:-1] == [
        # written through an expression: the layout is known, not the line
        "layouts/404.html: error: link '/#tidak-ada': there is no id 'tidak-ada' on / (on /404.html)",
        "layouts/404.html:4: error: link '/kontak/' leads to no page or file of the site (on /404.html)",
        "layouts/404.html:5: error: image '/assets/logo.png' has no alt attribute (alt=\"\" marks a decorative one) "
        "(on /404.html)",
    ]


def test_a_layout_link_on_every_page_is_one_problem(make_site: MakeSite, run_cli: RunCli) -> None:
    site = make_site(files={"content/2023/belu.md": BELU})
    base = (site / "layouts/base.html").read_text(encoding="utf-8")
    (site / "layouts/base.html").write_text(base.replace("<main", '<a href="/kontak/">Kontak</a>\n<main'))
    line = base[: base.index("<main")].count("\n") + 1
    result = run_cli("check", str(site))
    assert result.exit_code == 1
    [problem] = lines(result)[:-1]
    assert re.fullmatch(
        rf"layouts/base.html:{line}: error: link '/kontak/' leads to no page or file of the site "
        r"\(on \d+ pages, e.g. /\)",
        problem,
    )


def test_errors_of_the_build_are_all_reported_and_stop_the_link_check(make_site: MakeSite, run_cli: RunCli) -> None:
    files = {
        "content/2023/belu.md": BELU,
        "content/2024/banjir.md": article("[rusak](/tidak-ada/)", date="'2024-02-30 08:00'", tag="[Polri]"),
        "layouts/extra.html": "{% if %}\n",
    }
    result = run_cli("check", str(make_site(files=files)))
    assert result.exit_code == 1
    assert lines(result) == [
        "content/2024/banjir.md:3: error: 'date': '2024-02-30 08:00' is an impossible date (the month has no such day)",
        "content/2024/banjir.md:6: warning: unknown key 'tag' — did you mean 'tags'?",
        "layouts/extra.html:1: error: layout syntax error: Expected an expression, got 'end of statement block'",
        "2 errors, 1 warning" + NOT_RENDERED,
    ]


def test_a_layout_failing_while_rendering_is_reported(make_site: MakeSite, run_cli: RunCli) -> None:
    files = {
        "content/2023/belu.md": BELU,
        "layouts/404.html": '{% extends "base.html" %}\n{% block content %}{{ tidak_ada }}{% endblock %}\n',
    }
    result = run_cli("check", str(make_site(files=files)))
    assert result.exit_code == 1
    assert lines(result) == [
        "layouts/404.html:2: error: while rendering /404.html: 'tidak_ada' is undefined",
        "1 error, 0 warnings" + NOT_RENDERED,
    ]


def test_a_page_over_the_weight_budget_is_an_error(make_site: MakeSite, run_cli: RunCli) -> None:
    files = {"content/2023/belu.md": article("Kata " * 4000, title="Belu", date="2023-10-20 09:40")}
    result = run_cli("check", str(make_site({"page_budget_kb": 10}, files)))
    assert result.exit_code == 1
    [problem] = lines(result)[:-1]
    assert re.fullmatch(
        r"content/2023/belu.md: error: its page 2023/10/belu/index.html weighs \d+\.\d KB .*: "
        r"over the 10 KB budget of site.yaml",
        problem,
    )


def test_a_new_article_fails_the_check_until_its_placeholders_are_filled(
    make_site: MakeSite, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(files={"content/2023/belu.md": BELU})
    monkeypatch.setenv("PATH", "")  # no git: the editor is a placeholder too
    created = run_cli("new", "Patroli Malam", "--site", str(site), "--tags", "Polri")
    assert created.exit_code == 0, created.output
    path = site / "content" / created.stdout.strip().split("/content/")[1]

    result = run_cli("check", str(site))
    assert result.exit_code == 1
    source = path.relative_to(site).as_posix()
    assert lines(result)[:-1] == [
        f"{source}:4: error: 'editor' is still a placeholder: '{newsroom.EDITOR_PLACEHOLDER}'",
        f"{source}:5: error: 'location' is still a placeholder: '{newsroom.LOCATION_PLACEHOLDER}'",
        f"{source}:7: error: 'dateline' is still a placeholder: '{newsroom.DATELINE_PLACEHOLDER}'",
        f"{source}:9: error: the story is still the placeholder 'Tulis berita di sini.'",
    ]

    text = path.read_text(encoding="utf-8")
    text = text.replace(f"'{newsroom.EDITOR_PLACEHOLDER}'", "Maria Ndun")
    text = text.replace(f"'{newsroom.LOCATION_PLACEHOLDER}'", "Kelurahan Oebobo, Kota Kupang")
    text = text.replace(f"'{newsroom.DATELINE_PLACEHOLDER}'", "Kupang")
    text = text.replace(newsroom.BODY_PLACEHOLDER, "Polisi berpatroli malam di Kota Kupang.")
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", str(site))
    assert result.exit_code == 0, result.output
    assert CLEAN.fullmatch(lines(result)[0])


TAGGED = {
    "content/2023/a.md": article(tags="[Kamtibmas, Pemilu 2019, Polres Kupang, Lalu Lintas, Polri]"),
    "content/2023/b.md": article(tags="[Kamtibmas, Pemilu 2024, Lalulintas, polri]"),
    "content/2023/c.md": article(tags="Kamtibmass, Polresta Kupang, Polri"),
}


def test_tags_one_slip_apart_are_warnings_and_strict_makes_them_fail(make_site: MakeSite, run_cli: RunCli) -> None:
    site = make_site(files=TAGGED)
    result = run_cli("check", str(site))
    assert result.exit_code == 0, result.output
    assert lines(result)[:-1] == [
        "content/2023/a.md:6: warning: tag 'Lalu Lintas' looks like a misspelling of 'Lalulintas' (1 article); "
        "they are two topics until one spelling is used",
        "content/2023/b.md:6: warning: tag 'Lalulintas' looks like a misspelling of 'Lalu Lintas' (1 article); "
        "they are two topics until one spelling is used",
        "content/2023/b.md:6: warning: tag 'polri' is written 'Polri' elsewhere; both are filed under 'Polri'",
        "content/2023/c.md:6: warning: tag 'Kamtibmass' looks like a misspelling of 'Kamtibmas' (2 articles); "
        "they are two topics until one spelling is used",
    ]
    assert re.fullmatch(r"checked 3 articles, \d+ pages and \d+ links: 0 errors, 4 warnings", lines(result)[-1])

    strict = run_cli("check", str(site), "--strict")
    assert strict.exit_code == 1
    assert strict.stdout == result.stdout


def test_github_format_annotates_the_lines_of_the_repository_files(
    make_site: MakeSite, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    files = {
        "content/2023/belu.md": BELU,
        "content/2023/falas.md": article("Lihat [rusak](/2023/10/tidak-ada/).", tags="[polri]", foto="x"),
    }
    site = make_site(files=files)
    monkeypatch.chdir(tmp_path)  # the checkout; the site is its folder site/
    result = run_cli("check", "site", "--format", "github")
    assert result.exit_code == 1
    assert lines(result)[:-1] == [
        "::warning file=site/content/2023/falas.md,line=6::tag 'polri' is written 'Polri' elsewhere; both are filed "
        "under 'Polri'",
        "::warning file=site/content/2023/falas.md,line=7::unknown key 'foto' — did you mean 'image'?",
        "::error file=site/content/2023/falas.md,line=9::link '/2023/10/tidak-ada/' leads to no page or file of "
        "the site",
    ]
    assert re.fullmatch(r"checked 2 articles, \d+ pages and \d+ links: 1 error, 2 warnings", lines(result)[-1])

    monkeypatch.chdir(site)
    here = run_cli("check", "--format", "github")
    assert here.stdout == result.stdout.replace("file=site/", "file=")

    monkeypatch.chdir(REPO)  # a site outside the current folder keeps its own paths
    outside = run_cli("check", str(site), "--format", "github")
    assert outside.stdout == here.stdout


def test_github_annotations_escape_what_the_workflow_command_syntax_reserves() -> None:
    problem = error("content/a,b:c.md", 3, verbatim("100% selesai\r\nbaris dua: a, b"))
    assert github_annotation(problem, problem.path) == (
        "::error file=content/a%2Cb%3Ac.md,line=3::100%25 selesai%0D%0Abaris dua: a, b"
    )
    assert github_annotation(warning("site.yaml", None, verbatim("x")), "site.yaml") == "::warning file=site.yaml::x"


def test_a_folder_without_site_yaml_is_an_error(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("check", str(tmp_path))
    assert result.exit_code == 1
    assert lines(result) == [
        f"site.yaml: error: no site.yaml in {tmp_path}: is this a site folder?",
        "1 error, 0 warnings" + NOT_RENDERED,
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "Error: Invalid value for '--format': 'xml' is not one of 'text', 'github'."),
        (["/tidak/ada"], "Error: Invalid value for '[SITE_DIR]': Directory '/tidak/ada' does not exist."),
        (["--strik"], "Error: No such option '--strik'. Did you mean '--strict'?"),
    ],
)
def test_usage_errors_exit_2(make_site: MakeSite, run_cli: RunCli, args: list[str], message: str) -> None:
    site = make_site(files={"content/2023/belu.md": BELU})
    result = run_cli("check", *args, *([] if args[0] == "/tidak/ada" else [str(site)]))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == message


def test_the_shipped_portal_checks_clean() -> None:
    result = check_site(REPO)
    assert [d.format() for d in result.report.sorted()] == []
    assert result.rendered and result.links > 10 * result.pages


def test_profile_problems_are_annotated_on_their_lines(
    make_site: MakeSite, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    files = {
        "content/2023/belu.md": BELU,
        "editors/sefnat.md": "---\nname: Sefnat Besie\njabatn: Bhabinkamtibmas\nphoto: sefnat.jpg\n---\n",
        "editors/lain.md": "---\nname: Editor Lain\nlinks:\n  Situs: www.contoh.id\n---\n",
    }
    make_site(files=files)
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "site", "--format", "github")
    assert result.exit_code == 1
    assert lines(result)[:-1] == [
        "::error file=site/editors/lain.md,line=3::'links', link 1: 'www.contoh.id' must start with https:// "
        "(or http://, or mailto: for e-mail)",
        "::warning file=site/editors/sefnat.md,line=3::unknown key 'jabatn' — did you mean 'jabatan'?",
        "::error file=site/editors/sefnat.md,line=4::'photo': there is no file editors/sefnat.jpg",
    ]
