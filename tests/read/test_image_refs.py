"""Photo references (sitegen/read/image_refs.py): read with the article, from its Markdown and
its rendered body, resolved to site paths without opening any photo."""

from __future__ import annotations

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
