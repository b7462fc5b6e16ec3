"""The message catalogue and the translation of messages (sitegen/i18n.py).

Every message marked with msg()/msgn() in sitegen/ is extracted as ``make messages`` extracts
it, and must have its Indonesian in sitegen/locale/id/LC_MESSAGES/sitegen.po: not empty, not
fuzzy, with the same ``{fields}``.
"""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from sitegen.errors import Report, error, warning
from sitegen.i18n import ENGLISH, Message, catalogue_path, chosen_language, fields, language_code, msg, msgn, translator
from tests.support import REPO

PACKAGE = REPO / "sitegen"
KEYWORDS = {"msg": None, "msgn": (1, 2)}  # as the Makefile's `make messages` (-k msg -k msgn:1,2)
PO = PACKAGE / "locale" / "id" / "LC_MESSAGES" / "sitegen.po"
POT = PACKAGE / "locale" / "sitegen.pot"


def extracted() -> dict[str, tuple[str, ...]]:
    """msgid → (singular[, plural]) of every marked message of sitegen/, as pybabel extracts them."""
    found: dict[str, tuple[str, ...]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        texts = message if isinstance(message, tuple) else (message,)
        assert all(texts), f"a msg() without a literal text in {_file}:{_line}"
        found[texts[0]] = texts
    return found


def catalogue(path: Path) -> dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]]:
    """msgid → (ids, translations, fuzzy) of a .po or .pot."""
    with path.open("rb") as file:
        read = read_po(file, locale="id")
    entries = {}
    for entry in read:
        if not entry.id:
            continue
        ids = tuple(entry.id) if isinstance(entry.id, tuple | list) else (entry.id,)
        strings = tuple(entry.string) if isinstance(entry.string, tuple | list) else (entry.string,)
        entries[ids[0]] = (ids, strings, entry.fuzzy)
    return entries


def test_every_message_is_marked_with_a_literal_text() -> None:
    # babel skips a msg() whose text is not a literal (an f-string, a variable): it would
    # never be translated, so it is refused here
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS:
                count = 2 if node.func.id == "msgn" else 1
                texts = node.args[:count]
                if len(texts) < count or not all(
                    isinstance(t, ast.Constant) and isinstance(t.value, str) for t in texts
                ):
                    wrong.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert wrong == []


def test_every_message_has_its_indonesian_translation() -> None:
    messages = extracted()
    assert len(messages) > 200  # the extraction found sitegen's messages
    po = catalogue(PO)
    missing = sorted(set(messages) - set(po))
    assert missing == [], "run `make messages` and translate these in sitegen.po"
    untranslated = sorted(key for key, (_, strings, fuzzy) in po.items() if fuzzy or not all(strings))
    assert untranslated == [], "empty or fuzzy translations in sitegen.po"
    stale = sorted(set(po) - set(messages))
    assert stale == [], "messages sitegen no longer has: run `make messages`"
    plural = sorted(key for key, texts in messages.items() if len(texts) == 2 and po[key][0] != texts)
    assert plural == []


def test_the_template_is_the_extraction_of_today() -> None:
    assert set(catalogue(POT)) == set(extracted()), "run `make messages`"


def test_each_translation_uses_the_fields_of_its_message() -> None:
    wrong = []
    for key, (ids, strings, _) in catalogue(PO).items():
        wanted = set().union(*(fields(text) for text in ids))
        wrong += [(key, text) for text in strings if fields(text) != wanted]
    assert wrong == []


def test_the_catalogue_is_package_data() -> None:
    # an installed sitegen (not this checkout) finds its catalogue: pyproject ships it
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.po"' in pyproject
    assert catalogue_path("id").is_file()


def test_a_message_in_english_and_in_indonesian() -> None:
    message = msg("'{key}' is empty — {hint}", key="editor", hint=msg("write the author's name"))
    assert str(message) == "'editor' is empty — write the author's name"
    assert translator("id")(message) == "'editor' kosong — tulis nama penulis"
    assert translator("en")(message) == str(message)


def test_a_count_in_english_and_in_indonesian() -> None:
    indonesian = translator("id")
    assert [str(msgn("{n} error", "{n} errors", n)) for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert [indonesian(msgn("{n} error", "{n} errors", n)) for n in (1, 2)] == ["1 kesalahan", "2 kesalahan"]


def test_a_language_without_a_catalogue_is_english() -> None:
    assert translator("fr") is ENGLISH
    assert translator("en-US") is ENGLISH
    assert translator("id_ID.UTF-8").language == "id"
    assert language_code(" ID-id ") == "id"


def test_sitegen_lang_wins_over_the_site(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITEGEN_LANG", "en")
    assert chosen_language("id") == "en"
    monkeypatch.delenv("SITEGEN_LANG")
    assert chosen_language("en") == "en"
    assert chosen_language(None) == "id"  # a site.yaml without `language:` is Indonesian


def test_diagnostics_pickle_and_sort_the_same_in_every_language() -> None:
    # problems are found in worker processes and sorted before they are printed: the order is
    # that of the English text, whatever language prints them
    items = [
        warning("b.md", 2, msg("unknown key '{key}'", key="zz")),
        error("b.md", 2, msg("'{key}' is empty", key="title")),
        error("a.md", None, msg("the file name is not UTF-8: rename it")),
        error("b.md", 2, msg("'{key}' is empty", key="editor")),
    ]
    report = Report(pickle.loads(pickle.dumps(items)))
    english = [d.format() for d in report.sorted()]
    assert english == [
        "a.md: error: the file name is not UTF-8: rename it",
        "b.md:2: error: 'editor' is empty",
        "b.md:2: error: 'title' is empty",
        "b.md:2: warning: unknown key 'zz'",
    ]
    indonesian = [d.format(translator("id")) for d in report.sorted()]
    assert indonesian == [
        "a.md: kesalahan: nama berkas bukan UTF-8: ganti namanya",
        "b.md:2: kesalahan: 'editor' kosong",
        "b.md:2: kesalahan: 'title' kosong",
        "b.md:2: peringatan: kunci 'zz' tidak dikenal",
    ]
    assert sorted(items) == sorted(reversed(items))  # Diagnostic is ordered, Message too


def test_a_message_value_is_never_read_as_a_template() -> None:
    # an editor's text goes into a message as a value: its braces are shown as they are
    assert translator("id")(msg("'{key}' is empty", key="{0}{title}")) == "'{0}{title}' kosong"


def test_messages_equal_by_text_and_values() -> None:
    assert msg("'{key}' is empty", key="a") == msg("'{key}' is empty", key="a")
    assert msg("'{key}' is empty", key="a") != msg("'{key}' is empty", key="b")
    assert isinstance(hash(msg("x {a}", a=msg("y"))), int)
    assert Message("x").render() == "x"
