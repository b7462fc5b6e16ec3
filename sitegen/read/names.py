"""What an editor is told about a key: its other names (an Indonesian one written for the
English key) and what to write in a required key left empty."""

from __future__ import annotations

from sitegen.i18n import Message, msg

# Other names an editor gives the keys (Indonesian ones first): "kunci 'lokasi' tidak dikenal —
# maksud Anda 'location'?"
KEY_NAMES = {
    "judul": "title",
    "headline": "title",
    "tanggal": "date",
    "tgl": "date",
    "waktu": "date",
    "penulis": "editor",
    "pengarang": "editor",
    "wartawan": "editor",
    "author": "editor",
    "reporter": "editor",
    "lokasi": "location",
    "tempat": "location",
    "place": "location",
    "topik": "tags",
    "tag": "tags",
    "tagar": "tags",
    "label": "tags",
    "labels": "tags",
    "kategori": "tags",
    "category": "tags",
    "categories": "tags",
    "ringkasan": "summary",
    "abstrak": "summary",
    "description": "summary",
    "foto": "image",
    "gambar": "image",
    "photo": "image",
    "picture": "image",
    "diperbarui": "updated",
    "draf": "draft",
}

# what to write in a required key left empty
_EMPTY_HINTS = {
    "title": msg("write the headline"),
    "editor": msg("write the author's name"),
    "location": msg("write where it happened, e.g. Soe, Timor Tengah Selatan"),
    "date": msg("write the date and time, e.g. 2024-05-01 09:30"),
}


def empty(key: str) -> Message:
    """ "'editor' is empty — write the author's name"."""
    hint = _EMPTY_HINTS.get(key)
    return msg("'{key}' is empty — {hint}", key=key, hint=hint) if hint else msg("'{key}' is empty", key=key)
