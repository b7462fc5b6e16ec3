"""Photo references (sitegen/read/image_refs.py): read with the article, from its Markdown and
its rendered body, resolved to site paths without opening any photo."""

from __future__ import annotations

import sys
import types
from typing import Any

from sitegen.read import image_refs


def test_references_are_read_with_the_article_not_the_photo() -> None:
    refs, problems = image_refs.body_references(
        "content/2023/falas.md",
        '<p><img alt="A &amp; B" src="foto%20desa.jpg"></p><p><img alt="" src="https://x.test/a.jpg">'
        '<img alt="C" src="/assets/c.png"></p>',
        "![A & B](foto%20desa.jpg)\n\n![](https://x.test/a.jpg) ![C](/assets/c.png)",
        9,
    )
    assert problems == []
    assert [(r.src, r.path, r.alt, r.line, r.kind) for r in refs] == [
        ("foto%20desa.jpg", "content/2023/foto desa.jpg", "A & B", 9, "body"),
        ("/assets/c.png", "assets/c.png", "C", 11, "body"),
    ]
    assert image_refs.resolve("content/2023/falas.md", "../2024/x.jpg") == ("content/2024/x.jpg", None)
    assert image_refs.resolve("content/falas.md", "//cdn.test/x.jpg") == (None, None)


def test_only_real_img_tags_are_references() -> None:
    body_html = (
        "<p><a title=\"<img src=palsu.jpg>\">l</a><abbr title='<IMG src=palsu2.jpg>'>x</abbr></p>"
        '<pre><code>&lt;img src="palsu3.jpg"&gt;</code></pre>'
        '<iframe src="https://www.youtube.com/embed/x"><img src="palsu4.jpg" alt="P"></iframe>'
        '<p><img src="asli.jpg" alt="A"></p>'
    )
    refs, problems = image_refs.body_references("content/a.md", body_html, "teks\n\n![A](asli.jpg)", 5)
    assert problems == []
    assert [(r.src, r.line) for r in refs] == [("asli.jpg", 7)]


def test_finding_the_lines_of_many_photos_is_linear() -> None:
    # each photo on a line of its own: finding each line again from the top is quadratic work;
    # the work is counted in the module's own Python lines, and stopped past a linear bound
    count = 5_000
    body = "\n".join(f"![Foto {n}](foto-{n}.jpg)" for n in range(count))
    body_html = "\n".join(f'<p><img alt="Foto {n}" src="foto-{n}.jpg"></p>' for n in range(count))
    bound = 60 * count
    executed = 0

    def tracer(frame: types.FrameType, event: str, arg: object) -> Any:
        nonlocal executed
        if frame.f_code.co_filename != image_refs.__file__:
            return None
        if event == "line":
            executed += 1
            if executed > bound:
                raise AssertionError("more than linear work")
        return tracer

    sys.settrace(tracer)
    try:
        refs, problems = image_refs.body_references("content/a.md", body_html, body, 7)
    finally:
        sys.settrace(None)
    assert problems == []
    assert [r.line for r in refs] == [7 + n for n in range(count)]
    assert refs[-1].src == f"foto-{count - 1}.jpg"


def test_lines_are_still_found_when_photos_are_out_of_order() -> None:
    body = "![Satu][s] dan ![Dua](dua.jpg)\n\n![Tiga](satu.jpg)\n\n[s]: satu.jpg"
    body_html = (
        '<p><img alt="Satu" src="satu.jpg"> dan <img alt="Dua" src="dua.jpg"></p>\n'
        '<p><img alt="Tiga" src="satu.jpg"></p>'
    )
    refs, _ = image_refs.body_references("content/a.md", body_html, body, 1)
    assert [(r.src, r.line) for r in refs] == [("satu.jpg", 3), ("dua.jpg", 1), ("satu.jpg", 5)]
