"""The browser CMS at ``/admin/``: Decap CMS's page and its ``config.yml``, made from the
article contract (sitegen/read/contract.py) and site.yaml's ``cms:`` settings.

Written by the build only for a site whose site.yaml has ``cms:``; ``sitegen serve`` serves
a local variant (``local_backend``, answered by sitegen/devserver/cms_backend.py). The page
loads Decap's bundle from a CDN at a pinned version with Subresource Integrity, so a changed
file is refused by the browser; reader pages load nothing of it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from sitegen.config import SiteConfig
from sitegen.read import profiles
from sitegen.read.contract import (
    BODY,
    CONTRACT,
    CORRECTION_PARTS,
    DATE_FORMAT,
    IMAGE_PARTS,
    LINK_PARTS,
    LINK_PATTERN,
    PROFILE_BODY,
    PROFILE_CONTRACT,
    PROFILE_PHOTO_PARTS,
    SLUG_PATTERN,
    KeySpec,
    is_required,
)
from sitegen.render.cms_locale import LOCALE

DECAP_VERSION = "3.16.3"

BUNDLE_URL = f"https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js"

# sha384 of the npm package's dist/decap-cms.js at DECAP_VERSION (tests/render/test_cms.py
# recomputes it from e2e/node_modules)
BUNDLE_INTEGRITY = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"

ADMIN_FOLDER = "admin"

COLLECTION = "berita"

PROFILES = "penulis"  # the editors' profiles


def files(config: SiteConfig) -> dict[str, str]:
    """The admin page and its configuration, for a site with ``cms:`` (else nothing)."""
    if config.cms is None:
        return {}
    return {f"{ADMIN_FOLDER}/index.html": admin_page(config), f"{ADMIN_FOLDER}/config.yml": config_yml(config)}


def admin_page(config: SiteConfig) -> str:
    locale = json.dumps(LOCALE, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    title = _html(f"Ruang redaksi · {config.title}")
    return (
        "<!doctype html>\n"
        f'<html lang="{_html(config.language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{title}</title>\n"
        "</head>\n"
        "<body>\n"
        "<script>window.CMS_MANUAL_INIT = true;</script>\n"
        f'<script src="{BUNDLE_URL}" integrity="{BUNDLE_INTEGRITY}" crossorigin="anonymous"></script>\n'
        "<script>\n"
        f"CMS.registerLocale('id', {locale});\n"
        "CMS.init();\n"
        "</script>\n"
        "</body>\n"
        "</html>\n"
    )


def config_yml(config: SiteConfig, local_url: str | None = None, local_host: str | None = None) -> str:
    """Decap's configuration. With ``local_url`` (the dev server's ``/api/v1``), the CMS works
    on the local site folder through ``local_backend`` instead of the repository."""
    settings: dict[str, Any] = {"backend": _backend(config)}
    if local_url is not None:
        hosts = [local_host] if local_host and local_host not in ("localhost", "127.0.0.1") else []
        settings["local_backend"] = {"url": local_url, "allowed_hosts": hosts}
    settings["publish_mode"] = "editorial_workflow"
    if config.language == "id":
        settings["locale"] = "id"
    settings["site_url"] = config.base_url
    settings["display_url"] = config.base_url
    # the media library's own uploads: the site's assets folder, written /assets/…
    settings["media_folder"] = "assets"
    settings["public_folder"] = "/assets"
    settings["slug"] = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    settings["collections"] = [_collection(config), _profile_collection()]
    header = "# Made by sitegen from the article contract (sitegen/read/contract.py): edit site.yaml, not this.\n"
    return header + _yaml(settings, 0)


def _backend(config: SiteConfig) -> dict[str, str]:
    given = dict(config.cms or ())
    backend = {"name": given.pop("backend", "github")}
    if backend["name"] != "git-gateway":
        backend["branch"] = given.pop("branch", "main")
    backend.update(sorted(given.items()))
    return backend


def _collection(config: SiteConfig) -> dict[str, Any]:
    # content/{year}/{slug}.md → folder content, path {{year}}/{{slug}}
    pattern = config.new_article_path.removeprefix("content/").removesuffix(".md")
    for name in ("year", "month", "day", "slug"):
        pattern = pattern.replace("{" + name + "}", "{{" + name + "}}")
    return {
        "name": COLLECTION,
        "label": "Berita",
        "label_singular": "Berita",
        "description": "Satu berkas per berita di folder content/. Foto disimpan di samping beritanya.",
        "folder": "content",
        "path": pattern,
        "slug": "{{slug}}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "delete": True,
        # photos beside the article, as the build reads them: foto.jpg next to its .md
        "media_folder": "",
        "public_folder": "",
        "summary": "{{title}}",
        "sortable_fields": ["date", "title", "editor"],
        "fields": [_field(entry, config) for entry in CONTRACT] + [_field(BODY, config, required=True)],
    }


def _profile_collection() -> dict[str, Any]:
    """One entry per editor in editors/, named by the slug of the editor's name (as their page)."""
    fields = []
    for entry in PROFILE_CONTRACT:
        field = _part(replace(entry, required=entry.key in profiles.REQUIRED_KEYS))
        if entry.key == "photo":
            field.update(collapsed=False, fields=[_part(part) for part in PROFILE_PHOTO_PARTS])
        elif entry.key == "links":
            parts = [_part(part) for part in LINK_PARTS]
            parts[-1]["pattern"] = [LINK_PATTERN, "Alamat harus diawali https://, http:// atau mailto:"]
            field.update(default=[], collapsed=False, fields=parts)
        fields.append(field)
    fields.append(_part(replace(PROFILE_BODY, required=False)))
    return {
        "name": PROFILES,
        "label": "Profil Penulis",
        "label_singular": "Profil Penulis",
        "description": "Satu berkas per editor di folder editors/. Nama harus sama dengan kolom Editor pada berita.",
        "folder": profiles.EDITORS_DIR,
        "extension": "md",
        "format": "yaml-frontmatter",
        "identifier_field": "name",
        "slug": "{{slug}}",
        "create": True,
        "delete": True,
        "media_folder": "",  # the photo beside the profile, as the build reads it
        "public_folder": "",
        "summary": "{{name}}",
        "fields": fields,
    }


def _field(entry: KeySpec, config: SiteConfig, required: bool | None = None) -> dict[str, Any]:
    needed = is_required(entry.key) if required is None else required
    field: dict[str, Any] = {
        "name": entry.key,
        "label": entry.label,
        "hint": entry.hint.replace("{zone}", _zone(config)),
        "widget": entry.widget,
        "required": needed,
    }
    field.update(_widget_options(entry, needed, _zone(config)))
    return field


def _widget_options(entry: KeySpec, required: bool, zone: str = "") -> dict[str, Any]:
    if entry.widget == "datetime":
        # a wall-clock time without offset: sitegen reads it in the site's time zone
        options: dict[str, Any] = {
            "format": DATE_FORMAT,
            "date_format": "DD-MM-YYYY",
            "time_format": "HH:mm",
            "picker_utc": False,
        }
        if not required:
            options["default"] = ""
        return options
    if entry.key == "corrections":  # a list of mappings: one form per correction
        return {
            "default": [],
            "label_singular": "Ralat",
            "summary": "{{fields.date}}: {{fields.text}}",
            "fields": [_part(part, zone) for part in CORRECTION_PARTS],
        }
    if entry.widget == "list" and entry.key == "gallery":  # a list of photos, each like ``image``
        parts = [_part(part) for part in IMAGE_PARTS]
        return {"default": [], "label_singular": "foto", "summary": "{{fields.alt}}", "fields": parts}
    if entry.widget == "list":
        return {"default": []}
    if entry.widget == "boolean":
        return {"default": False}
    if entry.key == "slug":
        return {"pattern": [SLUG_PATTERN, "Hanya huruf, angka dan tanda hubung (-), tanpa spasi."]}
    if entry.widget == "object":
        parts = [_part(part) for part in IMAGE_PARTS]
        return {"collapsed": False, "fields": parts}
    return {}


def _part(entry: KeySpec, zone: str = "") -> dict[str, Any]:
    part: dict[str, Any] = {
        "name": entry.key,
        "label": entry.label,
        "hint": entry.hint.replace("{zone}", zone),
        "widget": entry.widget,
        "required": bool(entry.required),
    }
    if entry.widget == "image":
        part["choose_url"] = False
    if entry.widget == "datetime":
        part.update(_widget_options(entry, bool(entry.required)))
    return part


def _zone(config: SiteConfig) -> str:
    return "WITA" if config.timezone == "Asia/Makassar" else config.timezone


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _yaml(value: Any, indent: int) -> str:
    """Block YAML of plain data, each text JSON-quoted (JSON strings are YAML): one spelling,
    whatever the text holds."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if _scalar(item):
                lines.append(f"{pad}{key}: {_scalar_text(item)}\n")
            else:
                lines.append(f"{pad}{key}:\n{_yaml(item, indent + 2)}")
        return "".join(lines)
    lines = []
    for item in value:
        if _scalar(item):
            lines.append(f"{pad}- {_scalar_text(item)}\n")
        else:
            nested = _yaml(item, indent + 2)
            lines.append(f"{pad}- {nested[indent + 2 :]}")
    return "".join(lines)


def _scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list)) or not value


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"
    return json.dumps(value, ensure_ascii=False)
