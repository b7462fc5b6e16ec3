"""The article contract as editors meet it: each front matter key's Indonesian label, hint and
form widget, in one table beside the keys that ``read_article`` checks.

The CMS's form (sitegen/render/cms.py) is made from this table; tests/read/test_contract.py
fails when a key of :data:`KNOWN_KEYS` has no entry here or an entry names no known key, so
a key added to the contract shows up in the form too. Which keys are required is not repeated
here: it is :data:`REQUIRED_KEYS`.

A form leaves a field it was not given empty (``updated: ''``, ``image: {}``, ``tags: []``),
so :func:`sitegen.read.blanks.without_blanks` reads an empty value of an optional key as the key being absent.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.read import profiles
from sitegen.read.articles import KNOWN_KEYS, REQUIRED_KEYS

# what ``slug`` takes (sitegen.util.slugs.check_slug), written so that both Python and the
# CMS's JavaScript read it: letters, digits, '_' and '-', or nothing (then the file name)
SLUG_PATTERN = r"^[\w-]*$"

# the date form of the CMS (dayjs tokens): a wall-clock time without offset, which sitegen
# reads in the site's time zone
DATE_FORMAT = "YYYY-MM-DD HH:mm"


@dataclass(frozen=True)
class KeySpec:
    """One front matter key as the form shows it."""

    key: str
    label: str
    hint: str  # ``{zone}`` is replaced by the site's time zone
    widget: str  # Decap CMS's widget: string, text, datetime, list, boolean, object
    required: bool | None = None  # for the parts of ``image``; top-level keys: REQUIRED_KEYS


CONTRACT: tuple[KeySpec, ...] = (
    KeySpec("title", "Judul", "Judul berita, seperti akan tampil di situs.", "string"),
    KeySpec(
        "date",
        "Tanggal dan jam",
        "Waktu kejadian atau terbit, menurut jam {zone}. Berita bertanggal di masa depan "
        "baru tampil setelah waktunya tiba.",
        "datetime",
    ),
    KeySpec("editor", "Editor", "Nama Anda, seperti akan tampil di bawah berita.", "string"),
    KeySpec(
        "location",
        "Lokasi",
        "Tempat paling kecil dulu, dipisah koma: desa, kecamatan, kabupaten. "
        "Contoh: Desa Falas, Kecamatan Kie, Kabupaten Timor Tengah Selatan",
        "string",
    ),
    KeySpec("tags", "Topik", "Pisahkan dengan koma, misalnya: Polri, Bakti Sosial, Kamtibmas", "list"),
    KeySpec(
        "dateline",
        "Kota pembuka (dateline)",
        "Kota yang membuka berita: SoE menjadi “SOE, Warta … –”. Boleh kosong.",
        "string",
    ),
    KeySpec(
        "summary",
        "Ringkasan",
        "Satu atau dua kalimat untuk daftar berita dan pratinjau tautan. Jika kosong, diambil dari paragraf pertama.",
        "text",
    ),
    KeySpec(
        "slug",
        "Alamat (slug)",
        "Bagian akhir alamat berita: huruf kecil, angka dan tanda hubung. Jika kosong, diambil dari nama berkas.",
        "string",
    ),
    KeySpec(
        "updated",
        "Diperbarui",
        "Isi hanya jika berita diubah setelah terbit (jam {zone}).",
        "datetime",
    ),
    KeySpec("draft", "Draf", "Aktifkan agar berita belum tampil di situs mana pun.", "boolean"),
    KeySpec(
        "image",
        "Foto utama",
        "Tampil di atas berita dan saat tautan dibagikan. Boleh kosong.",
        "object",
    ),
    KeySpec(
        "gallery",
        "Galeri foto",
        "Foto tambahan, tampil sebagai kisi di bawah berita; setiap foto perlu keterangan untuk tunanetra (alt). "
        "Boleh kosong.",
        "list",
    ),
    KeySpec(
        "aliases",
        "Alamat lama",
        "Alamat lama berita ini (dari situs sebelumnya) yang dialihkan ke sini, dipisah koma: "
        "/2019/05/berita-lama/, /?p=123. Biasanya kosong.",
        "list",
    ),
    KeySpec(
        "corrections",
        "Ralat",
        "Tambahkan satu ralat setiap kali berita ini dikoreksi setelah terbit: kapan (jam {zone}) "
        "dan apa yang diperbaiki. Tampil di kotak “Ralat” di bawah berita dan di halaman /ralat/. Biasanya kosong.",
        "list",
    ),
)

# the parts of each item of ``corrections`` (sitegen.read.corrections reads them)
CORRECTION_PARTS: tuple[KeySpec, ...] = (
    KeySpec(
        "date",
        "Tanggal dan jam ralat",
        "Kapan ralat dibuat, menurut jam {zone}; tidak boleh sebelum tanggal berita.",
        "datetime",
        required=True,
    ),
    KeySpec(
        "text",
        "Isi ralat",
        "Apa yang salah dan apa yang benar, misalnya “Nama Kapolres tertulis AKBP Budi; yang benar AKBP Bagus.”",
        "text",
        required=True,
    ),
)

# the parts of ``image`` and of each photo of ``gallery`` (sitegen.read.image_refs reads them)
IMAGE_PARTS: tuple[KeySpec, ...] = (
    KeySpec("src", "Berkas foto", "JPEG, PNG, WebP atau GIF; disimpan di samping berita.", "image", required=True),
    KeySpec(
        "alt",
        "Keterangan untuk tunanetra (alt)",
        "Wajib: apa yang terlihat di foto, misalnya “Kapolda NTT menyapa warga Desa Falas”.",
        "string",
        required=True,
    ),
    KeySpec("caption", "Keterangan foto", "Tampil di bawah foto. Boleh kosong.", "string", required=False),
    KeySpec("credit", "Sumber foto", "Tampil sebagai “Foto: …”, misalnya Humas Polda NTT.", "string", required=False),
)

BODY = KeySpec("body", "Isi berita", "Paragraf dipisah satu baris kosong.", "markdown")

# An editor's profile (sitegen.read.profiles): the CMS's "Profil Penulis" collection.
PROFILE_CONTRACT: tuple[KeySpec, ...] = (
    KeySpec(
        "name",
        "Nama",
        "Persis seperti kolom Editor pada berita Anda (huruf besar/kecil boleh beda).",
        "string",
    ),
    KeySpec(
        "jabatan",
        "Jabatan",
        "Pangkat atau jabatan, misalnya Kasubbid Penmas Bidhumas. Tampil di bawah berita.",
        "string",
    ),
    KeySpec("satuan", "Satuan", "Misalnya Bidang Humas Polda NTT atau Polres Timor Tengah Selatan.", "string"),
    KeySpec("photo", "Foto profil", "Foto wajah; disimpan di folder editors/. Boleh kosong.", "object"),
    KeySpec(
        "links",
        "Tautan",
        "Situs, Instagram, Facebook, X atau surel. Hanya alamat yang diawali https:// atau mailto:.",
        "list",
    ),
)

PROFILE_PHOTO_PARTS: tuple[KeySpec, ...] = (
    KeySpec("src", "Berkas foto", "JPEG, PNG, WebP atau GIF.", "image", required=True),
    KeySpec("alt", "Keterangan untuk tunanetra (alt)", "Jika kosong: nama Anda.", "string", required=False),
)

LINK_PARTS: tuple[KeySpec, ...] = (
    KeySpec("label", "Nama tautan", "Misalnya Instagram atau Surel.", "string", required=True),
    KeySpec("url", "Alamat", "https://… atau mailto:nama@contoh.id", "string", required=True),
)

# what the form asks of a link's address (sitegen.read.profiles.url_problem checks it fully)
LINK_PATTERN = r"^(https?://|mailto:)\S+$"

PROFILE_BODY = KeySpec(
    "body", "Bio singkat", "Beberapa kalimat teks biasa; paragraf dipisah satu baris kosong.", "text"
)


def spec(key: str) -> KeySpec:
    return next(entry for entry in CONTRACT if entry.key == key)


def is_required(key: str) -> bool:
    return key in REQUIRED_KEYS


def unknown_entries() -> list[str]:
    """Entries of the table that name no key of the contract (a test keeps this empty)."""
    return [entry.key for entry in CONTRACT if entry.key not in KNOWN_KEYS]


def missing_entries() -> list[str]:
    """Keys of the contract without an entry in the table (a test keeps this empty)."""
    keys = {entry.key for entry in CONTRACT}
    return [key for key in KNOWN_KEYS if key not in keys]


def profile_mismatches() -> list[str]:
    """Keys of a profile without an entry, or entries that name no key (a test keeps this empty)."""
    keys = [entry.key for entry in PROFILE_CONTRACT]
    return sorted(set(keys) ^ set(profiles.KNOWN_KEYS))
