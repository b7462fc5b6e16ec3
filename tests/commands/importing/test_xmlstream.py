"""The streamed reading of an export: cleaning, forgotten namespaces, lines, a broken end."""

from __future__ import annotations

import io

import pytest
import yaml

from sitegen.commands.importing.places import Places
from sitegen.commands.importing.writer import yaml_value
from sitegen.commands.importing.xmlstream import CleanReader, StreamInfo, records


def test_forbidden_characters_are_removed_and_counted_across_reads() -> None:
    data = b"a\x0bb\x1f" + "c\ufffe".encode() + "d\ufffd\uffff".encode()
    reader = CleanReader(io.BytesIO(data))
    out = b""
    while not reader.eof:
        out += reader.read(3)  # small reads split the three bytes of U+FFFE
    assert out.decode() == "abcd\ufffd"
    assert reader.removed == 4


def test_records_with_their_lines_a_forgotten_prefix_and_a_truncated_end() -> None:
    data = (
        b'<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.1/">\n<channel>\n'
        b"<item><title>A\x0b&amp;B</title><excerpt:encoded><![CDATA[x\x1f]]></excerpt:encoded></item>\n"
        b"<item>\n<title>B</title></item>\n<item><title>C"
    )
    info = StreamInfo()
    found = [(r.line, r.element.findtext("title")) for r in records(io.BytesIO(data), lambda t, d: t == "item", info)]
    assert found == [(4, "A&B"), (5, "B")]
    assert info.removed_characters == 2
    assert info.declared == ["excerpt"]
    assert info.broken is not None and info.broken.line == 7


def test_places_most_specific_wins_and_shared_names_decide_nothing() -> None:
    places = Places(
        [
            "Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan",
            "Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang",
            "Desa Noelbaki, Kecamatan Kupang Tengah, Kabupaten Kupang",
            "Kelurahan Kampung Baru, Kecamatan Kota Soe, Kabupaten Timor Tengah Selatan",
        ],
        [("Kab. TTS", "Kabupaten Timor Tengah Selatan")],
    )
    assert places.find("KUPANG, Warta – di Kelurahan Oebobo.").location == (
        "Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang"
    )
    assert places.find("SoE – Polres bersiaga.").location == "Kecamatan Kota Soe, Kabupaten Timor Tengah Selatan"
    assert places.find("Kab. TTS – patroli").location == "Kabupaten Timor Tengah Selatan"
    assert places.find("Kupang Tengah dan Falas").location == (
        "Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan"
    )
    assert places.find("Kiera dan Falasi").location is None  # whole words only
    shared = places.find("KUPANG, Warta – razia.")
    assert shared.location is None
    assert shared.ambiguous == (("KUPANG", ("Kabupaten Kupang", "Kota Kupang")),)


@pytest.mark.parametrize(
    "value",
    [
        "Polisi & Warga Gelar “Jumat Curhat”",
        "Kab. TTS: patroli",
        "no",
        "Yes",
        "2024-01-02",
        "123",
        "- daftar",
        "&anchor",
        "a #b",
        "a, b",
        "[x]",
        "kapolda-di-énde",
        "/?p=12",
        "Ruang ",
        "'kutip'",
        "~",
        "Null",
        "1e3",
        ".5",
        "@x",
    ],
)
def test_front_matter_values_read_back_as_written(value: str) -> None:
    assert yaml.safe_load(f"k: {yaml_value(value)}")["k"] == value
    assert yaml.safe_load(f"k: {yaml_value([value, 'Polri'])}")["k"] == [value, "Polri"]
