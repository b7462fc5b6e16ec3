"""Editor-facing messages in the site's language: English text marked for translation, carried
with its values, and translated only where it is shown.

A problem is found deep in the read and plan stages (in worker processes too), where the
language is not at hand; so it carries a :class:`Message` (the English template and its named
values, pickled as they are) and is translated when the report is printed, with the
:class:`Translator` of the site's language (``language:`` in site.yaml) or of ``SITEGEN_LANG``.

To add a message, write it through :func:`msg` (or :func:`msgn` for a count) with a literal
English template: ``msg("'{key}' is empty", key=key)``. ``make messages`` extracts it into
``sitegen/locale/sitegen.pot`` and ``sitegen/locale/id/LC_MESSAGES/sitegen.po``, where its
Indonesian is written; the suite fails while one has none.
"""

from __future__ import annotations

import functools
import os
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Union

# A value of a message: text, a number, or a message of its own (translated with it)
Param = Union[str, int, float, "Message"]

DOMAIN = "sitegen"
DEFAULT_LANGUAGE = "id"  # the language of a site.yaml that names none (SiteConfig.language)
ENV_VARIABLE = "SITEGEN_LANG"


@functools.total_ordering
@dataclass(frozen=True)
class Message:
    """An English template (``str.format`` fields by name) and its values; ``plural``: the
    English template for a count ``n`` other than 1. Equal, hashed and ordered by what it says
    in English, so reports sort the same whatever language prints them."""

    text: str
    params: tuple[tuple[str, Param], ...] = ()
    plural: str = ""

    def render(self, translator: Translator | None = None) -> str:
        translator = translator or ENGLISH
        values = {
            name: value.render(translator) if isinstance(value, Message) else value for name, value in self.params
        }
        template = translator.template(self.text, self.plural, values.get("n"))
        return template.format(**values)

    def __str__(self) -> str:
        return self.render(ENGLISH)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (str(self), self.text, repr(self.params)) < (str(other), other.text, repr(other.params))


def msg(text: str, /, **params: Param) -> Message:
    """A message to show an editor: ``text`` is a literal English template (extracted by
    ``make messages``), ``params`` its values by name."""
    return Message(text, tuple(sorted(params.items())))


def msgn(singular: str, plural: str, n: int, /, **params: Param) -> Message:
    """A message with a count: ``singular`` when ``n`` is 1, else ``plural`` (in English;
    a language's catalogue says its own forms). Both templates may use ``{n}``."""
    return Message(singular, tuple(sorted({**params, "n": n}.items())), plural)


def verbatim(text: str) -> Message:
    """Text that is not sitegen's to translate (a layout's Jinja error, an OS error), shown as it is."""
    return msg("{text}", text=text)


@dataclass(frozen=True)
class Translator:
    """The translations of one language: msgid → its forms (one for a language without plurals)."""

    language: str
    catalog: Mapping[str, tuple[str, ...]]

    def template(self, text: str, plural: str, count: object) -> str:
        forms = self.catalog.get(text)
        if forms and all(forms):
            if len(forms) == 1 or not isinstance(count, int):
                return forms[0]
            return forms[0 if count == 1 else 1]
        return plural if plural and count != 1 else text

    def __call__(self, message: Message) -> str:
        return message.render(self)


ENGLISH = Translator("en", MappingProxyType({}))


def language_code(language: str) -> str:
    """``id``, ``id-ID``, ``id_ID.UTF-8`` → ``id``."""
    return re.split(r"[-_.@]", language.strip().lower(), maxsplit=1)[0]


def chosen_language(site_language: str | None) -> str:
    """``SITEGEN_LANG`` when set, else the site's language, else Indonesian."""
    return os.environ.get(ENV_VARIABLE, "").strip() or site_language or DEFAULT_LANGUAGE


def catalogue_path(language: str) -> resources.abc.Traversable:
    return resources.files("sitegen") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def translator(language: str) -> Translator:
    """The translator of ``language`` (English where sitegen has no catalogue for it).

    The ``.po`` is read as it is at run time (babel's reader): one file to keep, which no stale
    compiled copy can contradict; fuzzy and untranslated entries are left out (English)."""
    code = language_code(language)
    path = catalogue_path(code)
    if code == "en" or not path.is_file():
        return ENGLISH
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        catalogue = read_po(file, locale=code, domain=DOMAIN)
    forms: dict[str, tuple[str, ...]] = {}
    for entry in catalogue:
        if not entry.id or entry.fuzzy:
            continue
        key = str(entry.id[0] if isinstance(entry.id, tuple | list) else entry.id)
        strings = tuple(entry.string) if isinstance(entry.string, tuple | list) else (entry.string,)
        if all(isinstance(text, str) and text for text in strings):
            forms[key] = tuple(str(text) for text in strings)
    return Translator(code, MappingProxyType(forms))


def fields(template: str) -> set[str]:
    """The names a template's ``{fields}`` use (for the catalogue's tests)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
