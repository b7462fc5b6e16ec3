"""The rewrite of a body's photos (sitegen/render/picture.py): only real ``<img>`` start tags, as an
HTML5 parser finds them, are replaced; every other byte of the sanitized body stays as it was."""

from __future__ import annotations

import pytest

from sitegen.plan.photos import ImageInfo, Variant
from sitegen.render.picture import rewrite

FOTO = ImageInfo(
    "foto.jpg",
    (Variant("/img/f-400.webp", 400, 250, "webp"), Variant("/img/f-400.jpg", 400, 250, "jpeg")),
    400,
    250,
    "Foto",
)


def marked(info: ImageInfo, attributes: dict[str, str]) -> str:
    return f"<picture>{attributes.get('alt', '')}</picture>"


# text that merely holds an <img>: inside attributes (however quoted or escaped), in code, in
# comments, in an iframe's raw text; never to be touched
NOT_AN_IMG = {
    "title, double quotes": '<a title="<img src=foto.jpg alt=x><script>alert(document.domain)</script>">l</a>',
    "title, single quotes": "<a title='<img src=foto.jpg>'>l</a>",
    "title, escaped": '<a title="&lt;img src=foto.jpg&gt;" rel="noopener">l</a>',
    "title with '>' first": '<a title="x > <img src=foto.jpg>">l</a>',
    "upper case in a title": '<abbr title="<IMG SRC=foto.jpg>">l</abbr>',
    "code": '<pre><code>&lt;img src="foto.jpg"&gt;</code></pre>',
    "iframe text": '<iframe src="https://www.youtube.com/embed/x"><img src="foto.jpg"></iframe>',
    "comment": '<!-- <img src="foto.jpg"> -->',
    "an attribute of an img": '<img src="lain.jpg" alt="<img src=foto.jpg>">',
}


@pytest.mark.parametrize("fragment", NOT_AN_IMG.values(), ids=NOT_AN_IMG.keys())
def test_text_that_holds_an_img_is_left_byte_for_byte(fragment: str) -> None:
    assert rewrite(fragment, [FOTO], marked) == fragment


REAL_IMG = {
    "plain": ('<p><img src="foto.jpg" alt="A"></p>', "<p><picture>A</picture></p>"),
    "upper case": ('<p><IMG SRC="foto.jpg" ALT="A"></p>', "<p><picture>A</picture></p>"),
    "slash before the attributes": ("<img/src=foto.jpg alt=A>", "<picture>A</picture>"),
    "'>' in a value": ('<img title="a>b" src="foto.jpg" alt="A">x', "<picture>A</picture>x"),
    "single quotes": ("<img src='foto.jpg' alt='a\"b'>", '<picture>a"b</picture>'),
    "after an attribute that holds one": (
        '<a title="<img src=foto.jpg>">l</a><img src="foto.jpg" alt="B">',
        '<a title="<img src=foto.jpg>">l</a><picture>B</picture>',
    ),
    "another photo": (
        '<img src="lain.jpg" alt="L"><img src="foto.jpg">',
        '<img src="lain.jpg" alt="L"><picture></picture>',
    ),
}


@pytest.mark.parametrize(("fragment", "expected"), REAL_IMG.values(), ids=REAL_IMG.keys())
def test_real_img_tags_are_replaced(fragment: str, expected: str) -> None:
    assert rewrite(fragment, [FOTO], marked) == expected
