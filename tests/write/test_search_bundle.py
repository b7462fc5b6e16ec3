"""Pagefind's bundle put in order: the CBOR codec reads exactly what it writes back, and a
bundle laid out otherwise is refused rather than rewritten."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from sitegen.write.search_bundle import SIGNATURE, BundleUnknown, decode, encode, put_in_order

VALUES = [0, 23, 24, 255, 256, 65_535, 65_536, 2**32, -1, -25, "", "lokasi", "é" * 30, b"\x00\x01", [], [[1, "a"], [2]]]


@pytest.mark.parametrize("value", VALUES)
def test_the_codec_writes_back_what_it_read(value: object) -> None:
    data = encode(value)
    assert decode(data) == (value, len(data))


def _store(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(SIGNATURE + encode(value)))


def _load(path: Path) -> object:
    return decode(gzip.decompress(path.read_bytes())[len(SIGNATURE) :])[0]


def test_filters_and_their_values_are_put_in_order_and_named_by_their_content(tmp_path: Path) -> None:
    bundles = []
    for n, (first, second) in enumerate([("topik", "lokasi"), ("lokasi", "topik")]):
        bundle = tmp_path / str(n)
        filters = {
            "topik": ["topik", [["Polri", [1]], ["Budaya", [0, 2]]] if n else [["Budaya", [0, 2]], ["Polri", [1]]]],
            "lokasi": ["lokasi", [["Kota Kupang", [0, 1, 2]]]],
        }
        for name in (first, second):
            _store(bundle / "filter" / f"id_{name}{n}.pf_filter", filters[name])
        _store(
            bundle / f"pagefind.id_meta{n}.pf_meta",
            ["1.5.2", [], [], [[first, f"id_{first}{n}"], [second, f"id_{second}{n}"]], []],
        )
        (bundle / "pagefind-entry.json").write_text(f'{{"languages":{{"id":{{"hash":"id_meta{n}"}}}}}}')
        put_in_order(bundle, "id")
        bundles.append({p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()})
    assert bundles[0] == bundles[1]
    meta_name = next(name for name in bundles[0] if name.endswith(".pf_meta"))
    meta = _load(tmp_path / "0" / meta_name)
    assert isinstance(meta, list) and [pair[0] for pair in meta[3]] == ["lokasi", "topik"]
    topik = _load(tmp_path / "0" / "filter" / f"{meta[3][1][1]}.pf_filter")
    assert topik == ["topik", [["Budaya", [0, 2]], ["Polri", [1]]]]
    assert meta_name.removeprefix("pagefind.").removesuffix(".pf_meta") in bundles[0]["pagefind-entry.json"].decode()


def test_a_bundle_laid_out_otherwise_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pagefind.id_x.pf_meta").write_bytes(gzip.compress(b"not pagefind"))
    with pytest.raises(BundleUnknown, match="signature"):
        put_in_order(tmp_path, "id")
    (tmp_path / "pagefind.id_x.pf_meta").write_bytes(gzip.compress(SIGNATURE + b"\xa1\x01\x02"))  # a CBOR map
    with pytest.raises(BundleUnknown, match="type 5"):
        put_in_order(tmp_path, "id")
