"""Benchmark: ``sitegen import wordpress`` of a generated export, its time and peak memory.

Writes a WordPress export of N posts (default 20,000; each with classic-editor paragraphs, a
[caption] photo, a list, a YouTube line, tags, a comment and an attachment) into a temporary
folder, then imports it into a scratch site in the same process and prints the seconds and
the peak resident memory (``resource.getrusage``). The export is written as a stream, so the
peak is the import's. It is a benchmark, not a test:

    .venv/bin/python bench/import_bench.py [--posts 20000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Bench</title>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>humas</wp:author_login>
<wp:author_display_name><![CDATA[Humas Polda]]></wp:author_display_name></wp:author>
"""

PARAGRAPH = (
    "Kepolisian bersama warga menggelar kegiatan &amp; dialog “Jumat Curhat” untuk menjaga keamanan dan "
    "ketertiban masyarakat. Kegiatan berlangsung tertib, dihadiri tokoh agama, tokoh adat dan pemuda.\n\n"
)

PLACES = ("Desa Falas", "Kelurahan Oebobo", "Kecamatan Kie", "Kabupaten Belu", "Kota Kupang")


def post(i: int) -> str:
    year = 2015 + i % 9
    month = 1 + i % 12
    day = 1 + i % 28
    date = f"{year}-{month:02d}-{day:02d} {i % 24:02d}:{i % 60:02d}:00"
    slug = f"berita-{i}"
    place = PLACES[i % len(PLACES)]
    upload = f"https://bench.example/wp-content/uploads/{year}/{month:02d}/foto-{i}-300x200.jpg"
    body = (
        f"{place.upper()}, Warta – Berita nomor {i} dari {place}.\n\n"
        + PARAGRAPH * 4
        + f'[caption id="attachment_{i}" width="300"]<img src="{upload}" alt="" /> Foto kegiatan {i}[/caption]\n\n'
        + "<ul>\n<li>Satu</li>\n<li>Dua</li>\n</ul>\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n"
        + PARAGRAPH * 3
    )
    return f"""<item>
<title>Berita {i}: Polisi &amp; Warga</title>
<link>https://bench.example/{year}/{month:02d}/{slug}/</link>
<dc:creator>humas</dc:creator>
<content:encoded><![CDATA[{body}]]></content:encoded>
<excerpt:encoded><![CDATA[Ringkasan {i}]]></excerpt:encoded>
<wp:post_id>{i}</wp:post_id>
<wp:post_date>{date}</wp:post_date>
<wp:post_date_gmt>{date}</wp:post_date_gmt>
<wp:post_name>{slug}</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="kamtibmas"><![CDATA[Kamtibmas]]></category>
<category domain="post_tag" nicename="tag-{i % 50}"><![CDATA[Topik {i % 50}]]></category>
<wp:comment><wp:comment_id>{i}</wp:comment_id><wp:comment_content><![CDATA[Mantap]]></wp:comment_content></wp:comment>
</item>
<item>
<title>foto-{i}</title>
<wp:post_id>{1_000_000 + i}</wp:post_id>
<wp:status>inherit</wp:status>
<wp:post_parent>{i}</wp:post_parent>
<wp:post_type>attachment</wp:post_type>
<wp:attachment_url>{upload.replace("-300x200", "")}</wp:attachment_url>
</item>
"""


def write_export(path: Path, posts: int) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(HEAD)
        for i in range(posts):
            handle.write(post(i))
        handle.write("</channel>\n</rss>\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep it (default: a temporary one).")
    args = parser.parse_args()

    from sitegen.commands.importing.pipeline import run_import

    with tempfile.TemporaryDirectory() as temporary:
        root = args.keep or Path(temporary)
        root.mkdir(parents=True, exist_ok=True)
        site = root / "site"
        (site / "content").mkdir(parents=True, exist_ok=True)
        (site / "site.yaml").write_text("title: Bench\nbase_url: https://bench.example/\n", encoding="utf-8")
        export = root / "export.xml"
        started = time.perf_counter()
        write_export(export, args.posts)
        written = time.perf_counter() - started
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        outcome = run_import("wordpress", site, export, location="Provinsi Nusa Tenggara Timur", force=True)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        counts = outcome.counts()
        print(f"export: {args.posts:,} posts, {export.stat().st_size / 1e6:.1f} MB, written in {written:.1f} s")
        print(f"import: {seconds:.1f} s ({seconds / max(args.posts, 1) * 1000:.2f} ms a post)")
        print(f"peak RSS: {peak / 1024:.0f} MB (before the import: {before / 1024:.0f} MB)")
        print(f"imported {counts['imported']}, warnings {counts['warnings']}, errors {counts['errors']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
