"""The CMS's local backend (sitegen/devserver/cms_backend.py): decap-server's file-system
protocol, confined to content/ and assets/, and refused to other sites' pages."""

from __future__ import annotations

import base64
import hashlib
import http.client
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen.devserver.cms_backend import CmsBackend
from sitegen.devserver.server import DevServer
from tests.support import article, photo, write_site

PHOTO = photo(40, 30)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(
        tmp_path / "site",
        {"cms": {"repo": "polda/warta"}},
        {
            "content/2023/falas.md": article(title="Bakti Kesehatan di Falas"),
            "content/2023/falas.jpg": PHOTO,
            "content/2024/banjir.md": article(title="Banjir Malaka"),
            "content/2024/.rahasia.md": article(),
            "content/catatan.txt": "bukan berita",
            "assets/peta.png": photo(20, 20, kind="PNG"),
        },
        theme=False,
    )


@pytest.fixture
def backend(site: Path) -> CmsBackend:
    return CmsBackend(site)


def call(backend: CmsBackend, action: str, **params: Any) -> tuple[int, Any]:
    answer = backend.handle({"action": action, "params": {"branch": "main", **params}})
    assert answer.content_type == "application/json; charset=utf-8"
    return answer.status, json.loads(answer.body)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- every action -------------------------------------------------------------------------------


def test_info_says_the_cms_saves_straight_into_the_folder(backend: CmsBackend) -> None:
    assert call(backend, "info") == (200, {"repo": "site", "publish_modes": ["simple"], "type": "local_fs"})


def test_entries_by_folder_lists_articles_to_the_depth_asked(backend: CmsBackend, site: Path) -> None:
    status, entries = call(backend, "entriesByFolder", folder="content", extension="md", depth=2)

    assert status == 200
    assert [entry["file"]["path"] for entry in entries] == ["content/2023/falas.md", "content/2024/banjir.md"]
    data = (site / "content/2023/falas.md").read_bytes()
    assert entries[0] == {"data": data.decode(), "file": {"path": "content/2023/falas.md", "id": sha(data)}}
    assert call(backend, "entriesByFolder", folder="content", extension="md", depth=1) == (200, [])
    assert call(backend, "entriesByFolder", folder="content/2099", extension="md", depth=2) == (200, [])


def test_entries_by_files_and_get_entry(backend: CmsBackend, site: Path) -> None:
    data = (site / "content/2024/banjir.md").read_bytes()
    status, entries = call(
        backend,
        "entriesByFiles",
        files=[{"path": "content/2024/banjir.md", "label": "Banjir"}, {"path": "content/x.md"}],
    )

    assert status == 200
    assert entries == [
        {"data": data.decode(), "file": {"path": "content/2024/banjir.md", "label": "Banjir", "id": sha(data)}},
        {"data": None, "file": {"path": "content/x.md", "id": None}},
    ]
    assert call(backend, "getEntry", path="content/2024/banjir.md") == (
        200,
        {"data": data.decode(), "file": {"path": "content/2024/banjir.md", "id": sha(data)}},
    )


def test_persist_entry_writes_the_article_and_its_photos(backend: CmsBackend, site: Path) -> None:
    text = article(title="Patroli Pasar Oeba", image={"src": "oeba.jpg", "alt": "Pasar"})
    status, reply = call(
        backend,
        "persistEntry",
        dataFiles=[{"slug": "2024/oeba", "path": "content/2024/oeba.md", "raw": text}],
        assets=[{"path": "content/2024/oeba.jpg", "content": base64.b64encode(PHOTO).decode(), "encoding": "base64"}],
        options={"commitMessage": "Create Berita “2024/oeba”", "useWorkflow": False, "status": ""},
    )

    assert (status, reply) == (200, {"message": "entry persisted"})
    assert (site / "content/2024/oeba.md").read_text() == text
    assert (site / "content/2024/oeba.jpg").read_bytes() == PHOTO
    assert not [name for name in os.listdir(site / "content/2024") if name.startswith(".cms-")]


def test_persist_entry_in_the_old_form_and_with_a_new_path(backend: CmsBackend, site: Path) -> None:
    entry = {"slug": "2024/banjir", "path": "content/2024/banjir.md", "raw": "baru", "newPath": "content/2024/b.md"}
    options = {"commitMessage": "m", "useWorkflow": False, "status": ""}

    assert call(backend, "persistEntry", entry=entry, assets=[], options=options)[0] == 200
    assert (site / "content/2024/b.md").read_text() == "baru"
    assert not (site / "content/2024/banjir.md").exists()
    assert (site / "content/2024/.rahasia.md").exists()  # its neighbours stay where they are


def test_media_actions(backend: CmsBackend, site: Path) -> None:
    status, media = call(backend, "getMedia", mediaFolder="content/2023")
    assert status == 200
    assert media == [
        {
            "id": sha(PHOTO),
            "content": base64.b64encode(PHOTO).decode(),
            "encoding": "base64",
            "path": "content/2023/falas.jpg",
            "name": "falas.jpg",
        }
    ]
    assert call(backend, "getMediaFile", path="content/2023/falas.jpg") == (200, media[0])
    asset = {"path": "assets/foto/baru.jpg", "content": base64.b64encode(PHOTO).decode(), "encoding": "base64"}
    status, saved = call(backend, "persistMedia", asset=asset, options={"commitMessage": "Upload"})
    assert (status, saved["path"], saved["id"]) == (200, "assets/foto/baru.jpg", sha(PHOTO))
    assert (site / "assets/foto/baru.jpg").read_bytes() == PHOTO


def test_delete_file_and_files(backend: CmsBackend, site: Path) -> None:
    assert call(backend, "deleteFile", path="content/2023/falas.jpg", options={"commitMessage": "x"}) == (
        200,
        {"message": "deleted file content/2023/falas.jpg"},
    )
    assert not (site / "content/2023/falas.jpg").exists()
    paths = ["content/2023/falas.md", "content/2024/banjir.md", "content/2024/gone.md"]
    assert call(backend, "deleteFiles", paths=paths, options={"commitMessage": "x"}) == (
        200,
        {"message": f"deleted files {', '.join(paths)}"},
    )
    assert not (site / "content/2023/falas.md").exists() and not (site / "content/2024/banjir.md").exists()


def test_deploy_preview_and_unknown_actions(backend: CmsBackend) -> None:
    assert call(backend, "getDeployPreview", collection="berita", slug="x") == (200, None)
    assert call(backend, "unpublishedEntries") == (422, {"error": "Unknown action unpublishedEntries"})
    assert call(backend, "rm -rf") == (422, {"error": "Unknown action rm -rf"})
    assert backend.handle(["info"]).status == 422
    assert backend.handle({"action": "getEntry", "params": "x"}).status == 422


# -- confinement ------------------------------------------------------------------------------------


BAD_PATHS = [
    ("/etc/passwd", "'/etc/passwd' is not a plain path inside the site folder"),
    ("content/../site.yaml", "'content/../site.yaml' is not a plain path inside the site folder"),
    ("../secret.md", "'../secret.md' is not a plain path inside the site folder"),
    ("content/2024/.rahasia.md", "'content/2024/.rahasia.md' is not a plain path inside the site folder"),
    ("content/.git/config.md", "'content/.git/config.md' is not a plain path inside the site folder"),
    ("content\\2024\\a.md", "'content\\2024\\a.md' is not a plain path inside the site folder"),
    ("content/a\x00.md", "'content/a\x00.md' is not a plain path inside the site folder"),
    ("content//a.md", "'content//a.md' is not a plain path inside the site folder"),
    ("./content/a.md", "'./content/a.md' is not a plain path inside the site folder"),
    ("site.yaml", "'site.yaml' is outside content/, assets/ and editors/"),
    ("layouts/base.md", "'layouts/base.md' is outside content/, assets/ and editors/"),
    (".sitegen-cache/x.md", "'.sitegen-cache/x.md' is not a plain path inside the site folder"),
    ("public/index.md", "'public/index.md' is outside content/, assets/ and editors/"),
    ("editors/../site.yaml", "'editors/../site.yaml' is not a plain path inside the site folder"),
    ("editors/.rahasia.md", "'editors/.rahasia.md' is not a plain path inside the site folder"),
    ("editors-lain/a.md", "'editors-lain/a.md' is outside content/, assets/ and editors/"),
]


@pytest.mark.parametrize(("path", "message"), BAD_PATHS)
def test_bad_paths_are_refused_by_every_action(backend: CmsBackend, site: Path, path: str, message: str) -> None:
    before = sorted(str(p) for p in site.rglob("*"))
    options = {"commitMessage": "m", "useWorkflow": False, "status": ""}
    asset = {"path": path, "content": "eA==", "encoding": "base64"}
    requests: list[tuple[str, dict[str, Any]]] = [
        ("getEntry", {"path": path}),
        ("entriesByFiles", {"files": [{"path": path}]}),
        ("persistEntry", {"dataFiles": [{"slug": "a", "path": path, "raw": "x"}], "assets": [], "options": options}),
        ("deleteFile", {"path": path}),
        ("deleteFiles", {"paths": [path]}),
    ]
    for action, params in requests:
        status, reply = call(backend, action, **params)
        assert status == 422, action
        assert reply["error"] in (
            message,
            f"'{path}' is not an entry: articles are .md files in content/, profiles in editors/",
        ), action
    assert call(backend, "persistMedia", asset=asset, options=options)[0] == 422
    assert sorted(str(p) for p in site.rglob("*")) == before


@pytest.mark.parametrize(
    ("action", "params", "message"),
    [
        ("getEntry", {"path": "assets/notes.md"},
         "'assets/notes.md' is not an entry: articles are .md files in content/, profiles in editors/"),
        ("getEntry", {"path": "content/a.html"},
         "'content/a.html' is not an entry: articles are .md files in content/, profiles in editors/"),
        ("persistMedia", {"asset": {"path": "assets/x.html", "content": "eA==", "encoding": "base64"}},
         "'assets/x.html' is not a photo (.jpg, .jpeg, .png, .webp, .gif)"),
        ("persistMedia", {"asset": {"path": "assets/x.jpg", "content": "eA==", "encoding": "utf8"}},
         "an asset's 'encoding' must be base64"),
        ("persistMedia", {"asset": {"path": "assets/x.jpg", "content": "!!", "encoding": "base64"}},
         "an asset's 'content' is not base64"),
        ("deleteFile", {"path": "content/catatan.txt"},
         "'content/catatan.txt' is neither an article, a profile nor a photo"),
        ("entriesByFolder", {"folder": "layouts", "extension": "html", "depth": 1},
         "'layouts' is outside content/, assets/ and editors/"),
        ("getMedia", {"mediaFolder": "content/.."}, "'content/..' is not a plain path inside the site folder"),
        ("getEntry", {"path": "editors/catatan.txt"},
         "'editors/catatan.txt' is not an entry: articles are .md files in content/, profiles in editors/"),
        ("deleteFile", {"path": "editors/catatan.txt"},
         "'editors/catatan.txt' is neither an article, a profile nor a photo"),
        ("persistMedia", {"asset": {"path": "editors/x.svg", "content": "eA==", "encoding": "base64"}},
         "'editors/x.svg' is not a photo (.jpg, .jpeg, .png, .webp, .gif)"),
        ("getEntry", {"path": 5}, "'path' must be text"),
        ("getMedia", {"mediaFolder": 5}, "a path must be given as text"),
    ],
)  # fmt: skip
def test_files_of_other_kinds_are_refused(
    backend: CmsBackend, action: str, params: dict[str, Any], message: str
) -> None:
    assert call(backend, action, **params) == (422, {"error": message})


def test_symbolic_links_out_of_the_folders_are_refused(backend: CmsBackend, site: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "bocor.md").write_text("rahasia")
    (site / "content/keluar").symlink_to(outside)
    (site / "content/bocor.md").symlink_to(outside / "bocor.md")
    (site / "content/layouts").symlink_to(site / "layouts" if (site / "layouts").exists() else outside)

    for path in ("content/keluar/bocor.md", "content/keluar/baru.md", "content/bocor.md"):
        assert call(backend, "getEntry", path=path)[0] == 422, path
        raw = {"slug": "x", "path": path, "raw": "ditimpa"}
        assert call(backend, "persistEntry", dataFiles=[raw], assets=[], options={})[0] == 422, path
    status, entries = call(backend, "entriesByFolder", folder="content", extension="md", depth=3)
    assert status == 200
    assert "content/bocor.md" not in [entry["file"]["path"] for entry in entries]
    assert call(backend, "entriesByFolder", folder="content/keluar", extension="md", depth=1)[0] == 422
    assert (outside / "bocor.md").read_text() == "rahasia"
    assert sorted(os.listdir(outside)) == ["bocor.md"]


def test_a_profile_and_its_photo_are_saved_in_editors(backend: CmsBackend, site: Path) -> None:
    raw = "---\nname: Sefnat Besie\nphoto:\n  src: sefnat.jpg\n---\nEditor.\n"
    entry = {"slug": "sefnat-besie", "path": "editors/sefnat-besie.md", "raw": raw}
    asset = {"path": "editors/sefnat.jpg", "content": "eA==", "encoding": "base64"}
    assert call(backend, "persistEntry", dataFiles=[entry], assets=[asset], options={})[0] == 200
    assert (site / "editors/sefnat-besie.md").read_text() == raw
    assert (site / "editors/sefnat.jpg").read_bytes() == b"x"
    status, entries = call(backend, "entriesByFolder", folder="editors", extension="md", depth=1)
    assert status == 200 and [e["file"]["path"] for e in entries] == ["editors/sefnat-besie.md"]
    assert call(backend, "deleteFile", path="editors/sefnat-besie.md")[0] == 200
    assert not (site / "editors/sefnat-besie.md").exists()


def test_an_editors_folder_that_is_a_link_or_holds_one_out_is_refused(
    backend: CmsBackend, site: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "bocor.md").write_text("rahasia")
    (site / "editors").symlink_to(outside)
    for path in ("editors/bocor.md", "editors/baru.md"):
        assert call(backend, "getEntry", path=path) == (
            422,
            {"error": "editors/ is a symbolic link: the build does not follow it"},
        )
        raw = {"slug": "x", "path": path, "raw": "ditimpa"}
        assert call(backend, "persistEntry", dataFiles=[raw], assets=[], options={})[0] == 422
    assert call(backend, "entriesByFolder", folder="editors", extension="md", depth=1)[0] == 422
    (site / "editors").unlink()
    (site / "editors").mkdir()
    (site / "editors/bocor.md").symlink_to(outside / "bocor.md")
    raw = {"slug": "x", "path": "editors/bocor.md", "raw": "ditimpa"}
    assert call(backend, "persistEntry", dataFiles=[raw], assets=[], options={})[0] == 422
    assert sorted(os.listdir(outside)) == ["bocor.md"] and (outside / "bocor.md").read_text() == "rahasia"


def test_a_refused_request_writes_nothing_at_all(backend: CmsBackend, site: Path) -> None:
    files = [
        {"slug": "a", "path": "content/2024/baik.md", "raw": "x"},
        {"slug": "b", "path": "layouts/jahat.md", "raw": "x"},
    ]
    assert call(backend, "persistEntry", dataFiles=files, assets=[], options={})[0] == 422
    assert not (site / "content/2024/baik.md").exists()


# -- over HTTP: sitegen serve ------------------------------------------------------------------------


@pytest.fixture
def served(site: Path) -> Iterator[DevServer]:
    server = DevServer(site, "127.0.0.1", 0, echo=lambda line, err: None)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def post(server: DevServer, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("POST", "/api/v1", body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        # (the server's own Host check answers in plain text)
        is_json = response.getheader("Content-Type", "").startswith("application/json")
        return response.status, json.loads(data) if is_json else data
    finally:
        connection.close()


def get(server: DevServer, path: str) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        connection.close()


def test_serve_answers_the_protocol_on_api_v1(served: DevServer) -> None:
    origin = f"http://127.0.0.1:{served.port}"
    body = json.dumps({"action": "info"}).encode()
    json_headers = {"Content-Type": "application/json", "Origin": origin}

    assert post(served, body, json_headers) == (200, {"repo": "site", "publish_modes": ["simple"], "type": "local_fs"})
    assert post(served, body, {"Content-Type": "application/json"})[0] == 200  # a local tool: no Origin


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Content-Type": "text/plain"}, 403),  # a form or a "simple" fetch from another site
        ({"Content-Type": "application/json", "Origin": "http://evil.test"}, 403),
        ({"Content-Type": "application/json", "Origin": "null"}, 403),
        ({"Content-Type": "application/json", "Host": "evil.test"}, 403),  # a rebound DNS name
    ],
)
def test_requests_from_other_sites_are_refused(served: DevServer, headers: dict[str, str], status: int) -> None:
    body = json.dumps({"action": "persistEntry", "params": {}}).encode()
    assert post(served, body, headers)[0] == status


def test_the_served_config_points_the_cms_at_this_server(served: DevServer) -> None:
    status, kind, body = get(served, "/admin/config.yml")
    assert (status, kind) == (200, "text/yaml; charset=utf-8")
    made = yaml.safe_load(body)
    assert made["local_backend"]["url"] == f"http://127.0.0.1:{served.port}/api/v1"
    assert made["backend"]["repo"] == "polda/warta"
    status, kind, page = get(served, "/admin/")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert b"CMS.registerLocale('id'" in page and b"EventSource" not in page
    assert get(served, "/admin")[0] == 301


def test_body_size_and_json_are_checked() -> None:
    backend = CmsBackend(Path("."))
    headers = {"Content-Type": "application/json", "Host": "127.0.0.1:8000", "Content-Length": "5"}
    assert backend.post(headers.get, io.BytesIO(b"nope!")).status == 400
    headers["Content-Length"] = str(10**9)
    assert backend.post(headers.get, io.BytesIO(b"")).status == 413
