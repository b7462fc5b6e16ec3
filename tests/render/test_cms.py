"""The CMS's admin page and config.yml (sitegen/render/cms.py), made from the article contract."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import html5lib
import pytest
import yaml

from sitegen.config import SiteConfig
from sitegen.read.articles import KNOWN_KEYS, REQUIRED_KEYS
from sitegen.read.contract import CONTRACT, DATE_FORMAT
from sitegen.render import cms, feeds
from tests.support import REPO, article, build_site, write_site

CONFIG = SiteConfig(title="Warta Uji NTT", base_url="https://warta-uji.test/", cms=())

BUNDLE = REPO / "e2e/node_modules/decap-cms/dist/decap-cms.js"


def settings(config: SiteConfig = CONFIG, **local: Any) -> Any:
    return yaml.safe_load(cms.config_yml(config, **local))


def fields(config: SiteConfig = CONFIG) -> dict[str, Any]:
    return {field["name"]: field for field in settings(config)["collections"][0]["fields"]}


def test_every_key_of_the_contract_is_a_field_required_as_the_contract_says() -> None:
    made = fields()

    assert list(made) == [*KNOWN_KEYS, "body"]
    for key in KNOWN_KEYS:
        assert made[key]["required"] is (key in REQUIRED_KEYS), key
        entry = next(e for e in CONTRACT if e.key == key)
        assert (made[key]["label"], made[key]["widget"]) == (entry.label, entry.widget)
    assert made["body"]["widget"] == "markdown" and made["body"]["required"] is True


def test_the_widgets_take_what_the_build_reads() -> None:
    made = fields()

    for key in ("date", "updated"):
        assert made[key]["widget"] == "datetime"
        assert made[key]["format"] == DATE_FORMAT == "YYYY-MM-DD HH:mm"
        assert made[key]["picker_utc"] is False
    assert "default" not in made["date"] and made["updated"]["default"] == ""
    assert "WITA" in made["date"]["hint"]
    assert made["tags"]["widget"] == "list"
    assert made["draft"] == {**made["draft"], "widget": "boolean", "default": False}
    assert made["slug"]["pattern"][0] == r"^[\w-]*$"
    parts = {part["name"]: part for part in made["image"]["fields"]}
    assert made["image"]["required"] is False
    assert (parts["src"]["widget"], parts["src"]["required"]) == ("image", True)
    assert (parts["alt"]["required"], parts["caption"]["required"], parts["credit"]["required"]) == (True, False, False)
    # a gallery is a list of photos, each with the parts of ``image``
    gallery = made["gallery"]
    assert (gallery["widget"], gallery["required"], gallery["default"]) == ("list", False, [])
    assert [part["name"] for part in gallery["fields"]] == ["src", "alt", "caption", "credit"]
    assert gallery["fields"] == made["image"]["fields"] and gallery["label_singular"] == "foto"


def test_the_collection_keeps_articles_and_their_photos_where_the_build_reads_them() -> None:
    made = settings()
    collection = made["collections"][0]

    assert (collection["folder"], collection["path"], collection["extension"]) == ("content", "{{year}}/{{slug}}", "md")
    assert (collection["media_folder"], collection["public_folder"]) == ("", "")
    assert (made["media_folder"], made["public_folder"]) == ("assets", "/assets")
    assert made["publish_mode"] == "editorial_workflow"
    assert made["locale"] == "id"
    assert "local_backend" not in made
    other = replace(CONFIG, new_article_path="content/{year}/{month}/{slug}.md", language="en")
    assert settings(other)["collections"][0]["path"] == "{{year}}/{{month}}/{{slug}}"
    assert "locale" not in settings(other)


def test_the_backend_comes_from_site_yaml_github_by_default() -> None:
    assert settings()["backend"] == {"name": "github", "branch": "main"}
    given = replace(CONFIG, cms=(("app_id", "abc"), ("auth_type", "pkce"), ("backend", "gitlab"), ("repo", "p/w")))
    assert settings(given)["backend"] == {
        "name": "gitlab",
        "branch": "main",
        "app_id": "abc",
        "auth_type": "pkce",
        "repo": "p/w",
    }


def test_the_local_variant_points_the_cms_at_the_dev_server() -> None:
    made = settings(local_url="http://127.0.0.1:8000/api/v1", local_host="127.0.0.1")
    assert made["local_backend"] == {"url": "http://127.0.0.1:8000/api/v1", "allowed_hosts": []}


def test_the_admin_page_loads_the_pinned_bundle_with_integrity_and_no_index() -> None:
    page = cms.admin_page(CONFIG)

    assert f'<script src="{cms.BUNDLE_URL}" integrity="{cms.BUNDLE_INTEGRITY}" crossorigin="anonymous">' in page
    assert cms.BUNDLE_URL == "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js"
    assert '<meta name="robots" content="noindex">' in page
    locale = page.split("CMS.registerLocale('id', ", 1)[1].split(");\n", 1)[0]
    strings = json.loads(locale)
    assert strings["editor"]["editorToolbar"]["save"] == "Simpan"
    assert strings["editor"]["editorToolbar"]["publish"] == "Terbitkan"
    assert strings["workflow"]["workflowList"]["inReviewHeader"] == "Diperiksa"
    assert page.index("CMS_MANUAL_INIT") < page.index("registerLocale") < page.index("CMS.init()")


def test_the_integrity_is_the_npm_packages_file() -> None:
    if not BUNDLE.is_file():
        if os.environ.get("SITEGEN_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{BUNDLE} is missing: run `make e2e` (npm ci in e2e/)")
        pytest.skip("e2e/node_modules is not installed (make e2e)")
    package = json.loads((BUNDLE.parents[1] / "package.json").read_text())
    assert package["version"] == cms.DECAP_VERSION
    digest = base64.b64encode(hashlib.sha384(BUNDLE.read_bytes()).digest()).decode()
    assert f"sha384-{digest}" == cms.BUNDLE_INTEGRITY


def test_the_e2e_lock_pins_the_same_version() -> None:
    lock = json.loads((REPO / "e2e/package-lock.json").read_text())
    assert lock["packages"]["node_modules/decap-cms"]["version"] == cms.DECAP_VERSION
    assert json.loads((REPO / "e2e/package.json").read_text())["devDependencies"]["decap-cms"] == cms.DECAP_VERSION


def test_the_admin_page_is_strict_html5_in_the_sites_language() -> None:
    page = cms.admin_page(CONFIG)
    html5lib.HTMLParser(strict=True).parse(page.encode(), transport_encoding="utf-8")
    assert '<html lang="id">' in page and "<title>Ruang redaksi · Warta Uji NTT</title>" in page


def test_the_output_is_the_same_bytes_each_time() -> None:
    assert cms.files(CONFIG) == cms.files(CONFIG)
    assert set(cms.files(CONFIG)) == {"admin/index.html", "admin/config.yml"}


def test_robots_keeps_admin_out_only_when_there_is_one() -> None:
    assert "Disallow" not in feeds.robots(replace(CONFIG, cms=None))
    assert "Disallow: /admin/\n" in feeds.robots(CONFIG)
    assert "Disallow: /portal/admin/\n" in feeds.robots(replace(CONFIG, base_url="https://x.test/portal/"))


def test_a_site_without_cms_gets_no_admin_and_one_with_it_does(tmp_path: Path) -> None:
    files = {"content/2023/a.md": article()}
    plain = build_site(write_site(tmp_path / "plain", files=files))
    assert not (plain.output / "admin").exists()
    with_cms = build_site(write_site(tmp_path / "cms", {"cms": {"repo": "polda/warta"}}, files=files))
    written = yaml.safe_load((with_cms.output / "admin/config.yml").read_text())
    assert written["backend"] == {"name": "github", "branch": "main", "repo": "polda/warta"}
    assert (with_cms.output / "admin/index.html").read_text().startswith("<!doctype html>")
    assert "Disallow: /admin/" in (with_cms.output / "robots.txt").read_text()
    sitemap = (with_cms.output / "sitemap.xml").read_text()
    assert "admin" not in sitemap


def test_the_profile_collection_asks_for_what_a_profile_holds_and_keeps_it_in_editors() -> None:
    from sitegen.read import profiles
    from sitegen.read.contract import PROFILE_CONTRACT

    collection = settings()["collections"][1]
    assert (collection["name"], collection["label"]) == ("penulis", "Profil Penulis")
    assert (collection["folder"], collection["extension"], collection["format"]) == (
        "editors",
        "md",
        "yaml-frontmatter",
    )
    assert (collection["identifier_field"], collection["slug"]) == ("name", "{{slug}}")  # editors/<slug of the name>.md
    assert (collection["media_folder"], collection["public_folder"]) == ("", "")
    made = {field["name"]: field for field in collection["fields"]}
    assert list(made) == [*profiles.KNOWN_KEYS, "body"]
    for entry in PROFILE_CONTRACT:
        assert made[entry.key]["required"] is (entry.key in profiles.REQUIRED_KEYS)
        assert (made[entry.key]["label"], made[entry.key]["widget"]) == (entry.label, entry.widget)
    assert [p["name"] for p in made["photo"]["fields"]] == ["src", "alt"]
    assert made["photo"]["fields"][1]["required"] is False  # alt: the editor's name by default
    assert [p["name"] for p in made["links"]["fields"]] == ["label", "url"]
    assert made["body"]["widget"] == "text"  # the bio is plain text


def test_the_forms_link_pattern_refuses_what_the_build_refuses_first() -> None:
    import re

    from sitegen.read.contract import LINK_PATTERN
    from sitegen.read.profiles import url_problem

    for url in ("https://www.instagram.com/humas/", "mailto:humas@contoh.id"):
        assert re.search(LINK_PATTERN, url) and url_problem(url) is None
    for url in ("javascript:alert(1)", "/editor/x/", "https://a b", "data:text/html,x"):
        assert not re.search(LINK_PATTERN, url) and url_problem(url) is not None


def test_corrections_are_a_list_of_a_date_and_a_text_both_required() -> None:
    made = fields()

    corrections = made["corrections"]
    assert (corrections["widget"], corrections["required"], corrections["default"]) == ("list", False, [])
    parts = {part["name"]: part for part in corrections["fields"]}
    assert list(parts) == ["date", "text"]
    assert parts["date"]["widget"] == "datetime" and parts["date"]["format"] == DATE_FORMAT
    assert parts["date"]["picker_utc"] is False and "WITA" in parts["date"]["hint"]
    assert (parts["text"]["widget"], parts["text"]["required"], parts["date"]["required"]) == ("text", True, True)
    assert corrections["label"] == "Ralat"
