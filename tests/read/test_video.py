"""YouTube videos in a body become click-to-load players: which addresses, which markup, and what
a hostile body cannot make of them."""

from __future__ import annotations

import re

import html5lib
import pytest

from sitegen.read import markup, video

ID = "Ab3_-xY9zQ0"  # a test ID: eleven characters of the allowed alphabet, no real video

PLAYER_LINK = f'<a href="https://www.youtube.com/watch?v={ID}" data-youtube="{ID}"'

THUMBNAIL = (
    f'<img src="https://i.ytimg.com/vi/{ID}/hqdefault.jpg" alt="Video YouTube" width="480" height="360" loading="lazy">'
)


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/watch?v={ID}",
        f"https://youtube.com/watch?v={ID}&t=42s",
        f"https://m.youtube.com/watch?feature=share&v={ID}",
        f"http://youtu.be/{ID}",
        f"https://youtu.be/{ID}?si=abc",
        f"https://www.youtube.com/shorts/{ID}",
        f"https://www.youtube.com/live/{ID}",
        f"https://www.youtube.com/embed/{ID}?rel=0",
        f"https://www.youtube-nocookie.com/embed/{ID}",
        f"  HTTPS://WWW.YOUTUBE.COM/watch?v={ID}  ",
    ],
)
def test_the_addresses_of_one_video(url: str) -> None:
    assert video.video_id(url) == ID


@pytest.mark.parametrize(
    "url",
    [
        f"javascript:alert(1)//https://youtu.be/{ID}",
        f"https://www.youtube.com.example.org/watch?v={ID}",
        f"https://example.org/youtube.com/watch?v={ID}",
        f"https://evil@www.youtube.com/watch?v={ID}",
        f"https://www.youtube.com:8443/watch?v={ID}",
        f"https://youtu.be/{ID}x",  # twelve characters
        "https://youtu.be/Ab3_-xY9zQ",  # ten
        "https://youtu.be/Ab3_-xY9z%22",
        'https://youtu.be/Ab3_-xY9z"',
        "https://youtu.be/Ab3_-xY9zＱ",  # a full-width letter
        "https://youtu.be/Ab3_-xY9z\nQ",
        f"https://www.youtube.com/watch?v={ID}&v=Zz3_-xY9zQ0",  # two videos: neither
        "https://www.youtube.com/embed/videoseries?list=PL0123456789",
        f"https://www.youtube.com/playlist?list={ID}",
        f"https://www.youtube.com/watch/{ID}",
        f"ftp://youtu.be/{ID}",
        f"//youtu.be/{ID}",
        "",
    ],
)
def test_anything_else_is_no_video(url: str) -> None:
    assert video.video_id(url) is None


def _players(html: str) -> list[str]:
    return re.findall(r'<figure class="video">.*?</figure>', html)


def test_a_bare_address_on_its_own_paragraph_is_a_player_with_youtubes_thumbnail() -> None:
    html = markup.render(f"Pembuka.\n\nhttps://youtu.be/{ID}\n\nPenutup.")
    (player,) = _players(html)
    assert player == (
        f'<figure class="video">{PLAYER_LINK} aria-label="Putar video: Video YouTube">{THUMBNAIL}'
        '<span class="video-play" aria-hidden="true">Putar video</span></a></figure>'
    )
    assert html.startswith("<p>Pembuka.</p>") and html.endswith("<p>Penutup.</p>")
    assert "<iframe" not in html and "<script" not in html


def test_a_link_with_text_gives_the_title_and_the_caption() -> None:
    html = markup.render(f"[Patroli malam di *Kupang*](https://www.youtube.com/shorts/{ID})")
    (player,) = _players(html)
    assert 'aria-label="Putar video: Patroli malam di Kupang"' in player
    assert player.endswith("<figcaption>Patroli malam di Kupang</figcaption></figure>")
    assert markup.render(f"<https://youtu.be/{ID}>").count("<figcaption>") == 0  # the address is no caption


def test_a_linked_image_is_the_local_poster_and_stays_an_img_for_the_image_pipeline() -> None:
    html = markup.render(f"[![Personel berpatroli di Pasar Oeba](foto/poster.jpg)](https://youtu.be/{ID})")
    (player,) = _players(html)
    assert '<img alt="Personel berpatroli di Pasar Oeba" src="foto/poster.jpg">' in player
    assert "i.ytimg.com" not in player
    assert 'aria-label="Putar video: Personel berpatroli di Pasar Oeba"' in player


def test_an_embed_the_sanitizer_kept_becomes_a_player_and_no_iframe_is_left() -> None:
    pasted = (
        f'<iframe width="560" height="315" src="https://www.youtube.com/embed/{ID}?si=x" '
        'title="YouTube video player" frameborder="0" allow="autoplay" allowfullscreen></iframe>'
    )
    html = markup.render(f"Pembuka.\n\n{pasted}\n\nTeks {pasted} di tengah kalimat.")
    assert "<iframe" not in html
    assert len(_players(html)) == 1 and "<figcaption>" not in html  # YouTube's generic title is no caption
    # amid a sentence no figure can stand: a plain link
    assert f'<p>Teks <a href="https://www.youtube.com/watch?v={ID}">Tonton video di YouTube</a> di tengah' in html
    titled = markup.render(f'<iframe src="https://www.youtube.com/embed/{ID}" title="Apel &quot;Siaga&quot;"></iframe>')
    assert "<figcaption>Apel &quot;Siaga&quot;</figcaption>" in titled


def test_an_embed_that_is_no_video_becomes_a_plain_link() -> None:
    html = markup.render('<iframe src="https://www.youtube.com/embed/videoseries?list=PL0123456789"></iframe>')
    assert "<iframe" not in html and not _players(html)
    assert '<a href="https://www.youtube.com/embed/videoseries?list=PL0123456789">Tonton video di YouTube</a>' in html
    # an embed whose address the sanitizer refused is left out, not an empty frame
    refused = markup.render('<iframe src="https://www.youtube.com/embed/../redirect"></iframe>\n\nPenutup.')
    assert refused == "\n\n<p>Penutup.</p>"


@pytest.mark.parametrize(
    "body",
    [
        f"Simak di https://youtu.be/{ID} hari ini.",  # amid text
        f"[satu](https://youtu.be/{ID}) dan [dua](https://youtu.be/{ID})",
        f"https://youtu.be/{ID}x",
        "https://youtu.be/short",
        f"[klik](javascript:alert(1)//https://youtu.be/{ID})",
        f"```\nhttps://youtu.be/{ID}\n```",  # code stays code
        f"`https://youtu.be/{ID}`",
        f"> https://youtu.be/{ID}x",
    ],
)
def test_anything_but_one_video_alone_stays_what_the_sanitizer_made(body: str) -> None:
    html = markup.render(body)
    assert not _players(html) and "data-youtube" not in html
    assert "javascript:" not in html


def test_hostile_titles_and_attributes_cannot_leave_their_attribute() -> None:
    bodies = [
        f'[" onmouseover="alert(1)" x="](https://youtu.be/{ID})',
        f"[<img src=x onerror=alert(1)>](https://youtu.be/{ID})",
        f'[![" autofocus onfocus="alert(1)](poster.jpg)](https://youtu.be/{ID})',
        f'<a href="https://youtu.be/{ID}" onclick="alert(1)" data-youtube="x&quot; onload=alert(1)">klik</a>',
        f'<iframe src="https://www.youtube.com/embed/{ID}" title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" '
        'onload="alert(1)"></iframe>',
        f'<p><a href="https://youtu.be/{ID}" title="</p><script>alert(1)</script>">x</a></p>',
    ]
    for body in bodies:
        html = markup.render(body)
        tree = html5lib.parseFragment(html, namespaceHTMLElements=False)
        for element in tree.iter():
            assert element.tag not in ("script", "iframe"), body
            for name, value in element.attrib.items():
                assert not name.startswith("on") and name != "autofocus", (body, name)
                if name == "data-youtube":
                    assert value == ID, body
                if name == "href":
                    assert value.startswith("https://"), body


def test_the_player_needs_a_valid_id() -> None:
    with pytest.raises(AssertionError):
        video.player('x" onclick="', "")
    assert video.embed_players("<p>Tanpa video.</p>") == "<p>Tanpa video.</p>"
