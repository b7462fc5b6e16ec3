"""Pagefind's bundle put in order: the CBOR codec reads exactly what it writes back, and a
bundle laid out otherwise is refused rather than rewritten."""

from __future__ import annotations

import gzip

import pytest

from sitegen.write.search_bundle import SIGNATURE, BundleUnknown, decode, encode, put_in_order

VALUES = [0, 23, 24, 255, 256, 65_535, 65_536, 2**32, -1, -25, "", "lokasi", "é" * 30, b"\x00\x01", [], [[1, "a"], [2]]]


@pytest.mark.parametrize("value", VALUES)
def test_the_codec_writes_back_what_it_read(value: object) -> None:
    data = encode(value)
    assert decode(data) == (value, len(data))


def _stored(value: object) -> bytes:
    return gzip.compress(SIGNATURE + encode(value))


def _load(data: bytes) -> object:
    return decode(gzip.decompress(data)[len(SIGNATURE) :])[0]


def test_filters_and_their_values_are_put_in_order_and_named_by_their_content() -> None:
    bundles = []
    for n, (first, second) in enumerate([("topik", "lokasi"), ("lokasi", "topik")]):
        values = [["Polri", [1]], ["Budaya", [0, 2]]]
        filters = {"topik": ["topik", values if n else values[::-1]], "lokasi": ["lokasi", [["Kota Kupang", [0, 1]]]]}
        files = {f"filter/id_{name}{n}.pf_filter": _stored(filters[name]) for name in (first, second)}
        meta = ["1.5.2", [], [], [[first, f"id_{first}{n}"], [second, f"id_{second}{n}"]], []]
        files[f"pagefind.id_meta{n}.pf_meta"] = _stored(meta)
        files["pagefind-entry.json"] = f'{{"languages":{{"id":{{"hash":"id_meta{n}"}}}}}}'.encode()
        files["pagefind.js"] = b"kept as it is"
        bundles.append(put_in_order(files, "id"))
    assert bundles[0] == bundles[1]
    bundle = bundles[0]
    assert bundle["pagefind.js"] == b"kept as it is"
    meta_name = next(name for name in bundle if name.endswith(".pf_meta"))
    meta = _load(bundle[meta_name])
    assert isinstance(meta, list) and [pair[0] for pair in meta[3]] == ["lokasi", "topik"]
    assert _load(bundle[f"filter/{meta[3][1][1]}.pf_filter"]) == ["topik", [["Budaya", [0, 2]], ["Polri", [1]]]]
    assert sorted(name for name in bundle if name.startswith("filter/")) == sorted(
        f"filter/{pair[1]}.pf_filter" for pair in meta[3]
    )
    assert meta_name.removeprefix("pagefind.").removesuffix(".pf_meta") in bundle["pagefind-entry.json"].decode()


def test_a_bundle_laid_out_otherwise_is_refused() -> None:
    entry = {"pagefind-entry.json": b"{}"}
    with pytest.raises(BundleUnknown, match="signature"):
        put_in_order({"pagefind.id_x.pf_meta": gzip.compress(b"not pagefind"), **entry}, "id")
    with pytest.raises(BundleUnknown, match="type 5"):  # a CBOR map
        put_in_order({"pagefind.id_x.pf_meta": gzip.compress(SIGNATURE + b"\xa1\x01\x02"), **entry}, "id")
    with pytest.raises(BundleUnknown, match="0 metadata files"):
        put_in_order(entry, "id")
