"""The portal's audit: ``make audit`` (a script, not a timed test).

Builds the shipped portal into a temporary folder, serves it on 127.0.0.1 and checks:

* every HTML page with the W3C Nu HTML checker (vnu.jar, npm ``vnu-jar``): zero errors;
* Lighthouse (npm ``lighthouse``, Debian's Chromium, mobile emulation): performance,
  accessibility, best practices and SEO at least 95 on the home page, an article, a tag page,
  a location page, an editor's page, the search page and /ralat/ (when the site has one), the
  median of three runs each;
* the weight of every page: HTML plus the CSS and JS it loads (no images) within the site's
  ``page_budget_kb`` for articles; and what Chromium actually loaded for the audited pages;
* that no page loads anything from another host but a video's YouTube thumbnail (an image,
  lazily: no script, no frame before the reader taps play), and that linked CSS and JS are
  fingerprinted;
* that search works in a real browser: ``/cari/?q=…`` lists the article the word is from;
* axe-core (npm ``axe-core``) in Chromium on those pages at 360 and 1280 px: zero violations;
* screenshots of those pages at 360 and 1280 px wide (the first screen and the whole page),
  to be looked at; Puppeteer (audit/browser.mjs) drives the same headless Chromium.

Everything goes to ``audit/out/`` (screenshots, Lighthouse reports, vnu's messages, a summary);
the script prints a table with PASS or FAIL per check and exits 1 on any FAIL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from sitegen.build import BuildOptions, BuildResult, build  # noqa: E402
from sitegen.plan.model import Page  # noqa: E402

OUT = HERE / "out"
VNU_JAR = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HEADLESS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
MIN_SCORE = 95
SCREENS = ((360, 800), (1280, 900))  # a phone and a laptop: width, height of the first screen
FINGERPRINT = re.compile(r"\.[0-9a-f]{8}\.(css|js)$")
# the one thing a page may load from another host: a click-to-load video's poster, when the
# article gives none of its own (sitegen/read/video.py); never a script or a frame
YOUTUBE_POSTER = re.compile(r"https://i\.ytimg\.com/vi/[A-Za-z0-9_-]{11}/hqdefault\.jpg")
# an article of the golden site with a photo gallery and two videos, added to the portal's
# copy the audit builds: the shipped articles have neither, and no real video is invented
MEDIA_ARTICLE = REPO / "tests/golden/site/content/2024/patroli-dialogis-pasar-oeba.md"
MEDIA_FILES = REPO / "tests/golden/site/content/2024/galeri"
# and its corrected article (two corrections: the "Ralat" box, /ralat/ and its feed), with its photo
CORRECTED_ARTICLE = REPO / "tests/golden/site/content/2024/polres-alor-kawal-distribusi-logistik-pemilu.md"
CORRECTED_FILES = REPO / "tests/golden/site/content/2024/foto"
# a breaking-news banner on every page of the copy, current for a day from the audit's start
ALERT = """
alert:
  text: Cuaca ekstrem di perairan NTT, penyeberangan Kupang–Kalabahi ditunda
  link: /2024/02/logistik-pemilu-alor/
  level: penting
  until: {until}
"""


# -- results -------------------------------------------------------------------------------


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class Audit:
    checks: list[Check] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def add(self, name: str, ok: bool, detail: str) -> None:
        self.checks.append(Check(name, ok, detail))
        print(f"  {'PASS' if ok else 'FAIL'}  {name}: {detail}", flush=True)

    def table(self) -> str:
        width = max(len(c.name) for c in self.checks)
        lines = [f"{'check'.ljust(width)}  result  detail", f"{'-' * width}  ------  ------"]
        lines += [f"{c.name.ljust(width)}  {'PASS' if c.ok else 'FAIL'}    {c.detail}" for c in self.checks]
        return "\n".join(lines)


# -- the site and a server -----------------------------------------------------------------


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, int]:
    """A static server on a free port of 127.0.0.1 (the folder may be filled afterwards)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


@dataclass(frozen=True)
class Target:
    name: str  # short, for file names
    kind: str  # the page type
    page: Page

    @property
    def path(self) -> str:
        return self.page.path


def page_kind(page: Page) -> str:
    if page.template == "list.html":
        return f"list: {page.context['listing'].kind}"
    if page.template == "terms.html":
        return f"index: {page.context['index'].kind}"
    return page.template.removesuffix(".html")


def targets(result: BuildResult) -> list[Target]:
    """The pages Lighthouse, axe and the screenshots look at: the home page, the heaviest
    article, an article with a gallery and a video, a corrected article, the biggest tag and
    place, the biggest editor with a profile, the search page, and /ralat/ when there is one."""
    pages = [p for p in result.site.pages if p.output_file.endswith(".html")]
    out = result.output

    def size(page: Page) -> int:
        return (out / page.output_file).stat().st_size

    def listing(kind: str) -> Page:
        lists = [p for p in pages if p.template == "list.html" and "/page/" not in p.path]
        first_pages = [p for p in lists if p.context["listing"].kind == kind]
        # an editor's page with a profile first: the audit looks at the profile too
        return max(
            first_pages,
            key=lambda p: (p.context["listing"].profile is not None, p.context["listing"].count, -len(p.path)),
        )

    home = next(p for p in pages if p.path == "/")
    articles = [p for p in pages if p.template == "article.html"]
    media = [p for p in articles if "data-youtube" in (out / p.output_file).read_text()]
    corrected = [p for p in articles if p.context["corrections"] and p not in media]
    article = max((p for p in articles if p not in media and p not in corrected), key=size)
    chosen = [
        Target("home", "home", home),
        Target("article", "article", article),
        *[Target("media", "article: gallery and video", page) for page in media[:1]],
        *[Target("corrected", "article: corrected", page) for page in corrected[:1]],
        Target("tag", "list: tag", listing("tag")),
        Target("location", "list: location", listing("location")),
        Target("editor", "list: editor", listing("editor")),
        Target("search", "search", next(p for p in pages if p.path == "/cari/")),
    ]
    corrections = [p for p in pages if p.path == "/ralat/"]
    return chosen + [Target("ralat", page_kind(p), p) for p in corrections]


# -- 1. the Nu HTML checker ---------------------------------------------------------------


def nu_checker(audit: Audit, result: BuildResult) -> None:
    done = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--skip-non-html", str(result.output)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(done.stdout)["messages"]
    except (ValueError, KeyError):
        audit.add("vnu", False, f"the checker did not run: {done.stderr.strip()[:200]}")
        return
    (OUT / "vnu.json").write_text(json.dumps(messages, indent=1, ensure_ascii=False))
    kinds = {p.output_file: page_kind(p) for p in result.site.pages if p.output_file.endswith(".html")}
    pages_of: dict[str, int] = defaultdict(int)
    for kind in kinds.values():
        pages_of[kind] += 1
    errors: dict[str, int] = defaultdict(int)
    warnings: dict[str, int] = defaultdict(int)
    root = result.output.as_posix().rstrip("/") + "/"
    for message in messages:
        relative = unquote(urlsplit(message.get("url", "")).path).removeprefix(root)
        kind = kinds.get(relative, relative)
        if message["type"] == "error":
            errors[kind] += 1
            print(f"    vnu error on {relative}:{message.get('lastLine')}: {message['message']}")
        elif message.get("subType") == "warning":
            warnings[kind] += 1
    rows = {k: {"pages": n, "errors": errors[k], "warnings": warnings[k]} for k, n in sorted(pages_of.items())}
    audit.summary["vnu"] = rows
    for kind, row in rows.items():
        audit.add(
            f"vnu {kind}",
            row["errors"] == 0,
            f"{row['pages']} pages, {row['errors']} errors, {row['warnings']} warnings",
        )


# -- 2. what pages load: weight, other hosts, fingerprints ----------------------------------


class _Loads(HTMLParser):
    """The subresources a page makes the browser load, and whether each blocks rendering."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[tuple[str, str, bool]] = []  # (kind, url, render-blocking)
        self.in_head = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "body":
            self.in_head = False
        if tag == "link" and a.get("href"):
            rel = set(a.get("rel", "").lower().split())
            if rel & {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch", "preconnect"}:
                kind = "stylesheet" if "stylesheet" in rel else "link"
                self.loads.append((kind, a["href"], "stylesheet" in rel and a.get("media", "all") in ("", "all")))
        elif tag == "script" and a.get("src"):
            blocking = self.in_head and "async" not in a and "defer" not in a and a.get("type") != "module"
            self.loads.append(("script", a["src"], blocking))
        elif tag in ("img", "iframe", "video", "audio", "source", "track", "embed"):
            candidates = [part.split()[0] for part in a.get("srcset", "").split(",") if part.strip()]
            for url in [a.get("src", ""), *candidates]:
                if url:
                    self.loads.append((tag, url, False))
        elif tag == "object" and a.get("data"):
            self.loads.append(("object", a["data"], False))


def page_loads(html: str) -> list[tuple[str, str, bool]]:
    parser = _Loads()
    parser.feed(html)
    return parser.loads


def static_checks(audit: Audit, result: BuildResult, base_url: str, budget_kb: int) -> None:
    host = urlsplit(base_url).netloc
    out = result.output
    weights: dict[str, list[tuple[int, str]]] = defaultdict(list)
    other_hosts: list[str] = []
    posters: set[str] = set()
    unhashed: set[str] = set()
    for page in result.site.pages:
        if not page.output_file.endswith(".html"):
            continue
        html = (out / page.output_file).read_text(encoding="utf-8")
        total = len(html.encode())
        for kind, url, blocking in page_loads(html):
            absolute = urljoin(base_url + page.path.lstrip("/"), url)
            parts = urlsplit(absolute)
            if parts.scheme == "data":
                continue
            if parts.netloc != host and kind == "img" and YOUTUBE_POSTER.fullmatch(absolute):
                posters.add(absolute)
                continue
            if parts.netloc != host:
                other_hosts.append(f"{page.path} {kind} {url}{' (render-blocking)' if blocking else ''}")
                continue
            if kind in ("stylesheet", "script"):
                target = out / unquote(parts.path).lstrip("/")
                total += target.stat().st_size if target.is_file() else 0
                if not FINGERPRINT.search(parts.path):
                    unhashed.add(parts.path)
        weights[page_kind(page)].append((total, page.path))
    audit.summary["weights"] = {
        kind: {"pages": len(rows), "max_bytes": max(rows)[0], "max_page": max(rows)[1]}
        for kind, rows in sorted(weights.items())
    }
    for kind, rows in sorted(weights.items()):
        heaviest, where = max(rows)
        limited = kind == "article"
        ok = heaviest <= budget_kb * 1024 or not limited
        limit = f" (budget {budget_kb} KB)" if limited else ""
        audit.add(f"weight {kind}", ok, f"heaviest {heaviest / 1024:.1f} KB HTML+CSS+JS{limit}: {where}")
    allowed = f" but {len(posters)} YouTube thumbnail(s) of click-to-load videos" if posters else ""
    audit.add(
        "no request to another host (all pages)",
        not other_hosts,
        f"none{allowed}" if not other_hosts else "; ".join(other_hosts[:5]),
    )
    audit.add(
        "fingerprinted CSS and JS (all pages)",
        not unhashed,
        "every linked stylesheet and script" if not unhashed else ", ".join(sorted(unhashed)),
    )


# -- 3. Lighthouse -------------------------------------------------------------------------


def lighthouse(url: str, report: Path) -> dict[str, Any] | None:
    with tempfile.TemporaryDirectory(prefix="audit-chromium-") as profile:
        flags = " ".join([*HEADLESS, f"--user-data-dir={profile}"])
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            "--output=html",
            f"--output-path={report}",
            f"--chrome-flags={flags}",
            # offline, a video's YouTube thumbnail cannot load: blocked, it is no console error
            "--blocked-url-patterns=https://i.ytimg.com/*",
        ]
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    path = report.with_suffix(".report.json")
    if done.returncode != 0 or not path.is_file():
        print(f"    lighthouse failed on {url}: {done.stderr.strip()[-300:]}")
        return None
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def lighthouse_checks(audit: Audit, chosen: list[Target], base_url: str, runs: int) -> None:
    folder = OUT / "lighthouse"
    folder.mkdir(parents=True, exist_ok=True)
    host = urlsplit(base_url).netloc
    audit.summary["lighthouse"] = {}
    for target in chosen:
        url = base_url + target.path.lstrip("/")
        reports = [lighthouse(url, folder / f"{target.name}-{n}") for n in range(1, runs + 1)]
        done = [r for r in reports if r is not None and not r.get("runtimeError")]
        if not done:
            audit.add(f"lighthouse {target.name}", False, f"no run of {runs} finished")
            continue
        scores = {
            category: [round(100 * (r["categories"][category]["score"] or 0)) for r in done] for category in CATEGORIES
        }
        medians = {category: int(statistics.median(values)) for category, values in scores.items()}
        middle = sorted(done, key=lambda r: r["categories"]["performance"]["score"] or 0)[len(done) // 2]
        failing = [
            f"{ref['id']} ({middle['audits'][ref['id']].get('displayValue') or middle['audits'][ref['id']]['score']})"
            for category in CATEGORIES
            for ref in middle["categories"][category]["auditRefs"]
            if ref["weight"] > 0
            and middle["audits"][ref["id"]]["score"] is not None
            and middle["audits"][ref["id"]]["score"] < 1
        ]
        requests = middle["audits"]["network-requests"]["details"]["items"]
        elsewhere = sorted(
            {
                r["url"]
                for r in requests
                if urlsplit(r["url"]).netloc not in (host, "")
                and not (r.get("resourceType") == "Image" and YOUTUBE_POSTER.fullmatch(r["url"]))
            }
        )
        loaded = sum(
            r.get("resourceSize", 0) for r in requests if r.get("resourceType") in ("Document", "Stylesheet", "Script")
        )
        metrics = {key: middle["audits"][key]["displayValue"] for key in METRICS}
        audit.summary["lighthouse"][target.name] = {
            "path": target.path,
            "runs": scores,
            "median": medians,
            "metrics": metrics,
            "loaded_html_css_js_bytes": loaded,
            "requests": len(requests),
            "other_hosts": elsewhere,
            "below_1": failing,
        }
        shown = " ".join(f"{c.split('-')[0][:4]} {medians[c]}" for c in CATEGORIES)
        low = [c for c in CATEGORIES if medians[c] < MIN_SCORE]
        detail = f"{target.path}: {shown} (median of {len(done)})"
        if failing:
            detail += f"; below 1: {', '.join(failing[:6])}"
        audit.add(f"lighthouse {target.name}", not low and len(done) == runs, detail)
        audit.add(
            f"loaded by {target.name}",
            not elsewhere,
            f"{len(requests)} requests, {loaded / 1024:.1f} KB HTML+CSS+JS"
            + (f"; other hosts: {', '.join(elsewhere)}" if elsewhere else ", all from the site's host"),
        )


# -- 4. screenshots and a search in a real browser ----------------------------------------------


def in_browser(job: dict[str, Any]) -> dict[str, Any]:
    """Run audit/browser.mjs (Puppeteer driving Chromium) on a job; its report."""
    with tempfile.TemporaryDirectory(prefix="audit-chromium-") as profile:
        job = {**job, "chromium": CHROMIUM, "flags": HEADLESS, "profile": profile}
        done = subprocess.run(
            ["node", str(HERE / "browser.mjs"), json.dumps(job)], capture_output=True, text=True, timeout=600
        )
    if done.returncode != 0:
        return {"shots": [], "search": None, "axe": None, "errors": [done.stderr.strip()[-500:]]}
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


RESULT = "#hasil a"  # a result's link on the search page (layouts/search.html)


def shown_url(target: Target, base_url: str, search_word: str) -> str:
    """Where the browser looks at a target: the search page with a query that finds stories."""
    query = f"?q={search_word}" if target.name == "search" else ""
    return base_url + target.path.lstrip("/") + query


def axe_checks(audit: Audit, chosen: list[Target], base_url: str, search_word: str) -> None:
    """axe-core (audit/node_modules/axe-core) in Chromium on every target at 360 and 1280 px,
    WCAG 2.2's target-size rule included: 0 violations a page."""
    pages = [
        {"name": t.name, "url": shown_url(t, base_url, search_word), "waitFor": RESULT if t.name == "search" else None}
        for t in chosen
    ]
    report = in_browser({"shots": [], "axe": {"pages": pages, "screens": SCREENS, "source": str(AXE)}})
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for run in report.get("axe") or []:
        found[run["name"]] += [{**v, "width": run["width"]} for v in run["violations"]]
    audit.summary["axe"] = {name: found[name] for name in (t.name for t in chosen)}
    (OUT / "axe.json").write_text(json.dumps(audit.summary["axe"], indent=1, ensure_ascii=False) + "\n")
    ran = {run["name"] for run in report.get("axe") or []}
    errors = f"; errors: {'; '.join(report['errors'][:3])}" if report["errors"] else ""
    for target in chosen:
        violations = found[target.name]
        shown = ", ".join(sorted({f"{v['id']} ({v['impact']}, {v['width']} px)" for v in violations}))
        detail = f"{target.path}: {len(violations)} violations" + (f": {shown}" if shown else "") + errors
        audit.add(f"axe {target.name}", target.name in ran and not violations and not errors, detail)


def screenshots(audit: Audit, chosen: list[Target], base_url: str, search_word: str) -> None:
    folder = OUT / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    pages = [(t.name, shown_url(t, base_url, search_word), RESULT if t.name == "search" else None) for t in chosen]
    shots = [
        {
            "url": url,
            "path": str(folder / f"{name}-{width}{suffix}.png"),
            "width": width,
            "height": height,
            "full": full,
            "waitFor": wait,
        }
        for name, url, wait in pages
        for width, height in SCREENS
        for suffix, full in (("", False), ("-full", True))
    ]
    report = in_browser({"shots": shots})
    made = [Path(p).name for p in report["shots"] if Path(p).is_file()]
    audit.summary["screenshots"] = made
    detail = f"{len(made)} of {len(shots)} in {folder.relative_to(REPO)}/"
    if report["errors"]:
        detail += f"; errors: {'; '.join(report['errors'][:3])}"
    audit.add("screenshots", len(made) == len(shots) and not report["errors"], detail)


def search_check(audit: Audit, result: BuildResult, base_url: str) -> str:
    """Search for a word of the newest article's title on /cari/ in Chromium; its link must be
    among the results. Returns the word."""
    newest = result.site.articles[0]
    common = ("polres", "polisi", "kapolda", "operasi", "warga")
    words = [w for w in re.findall(r"[A-Za-z]{6,}", newest.title) if w.lower() not in common]
    word = (words or ["Kupang"])[0]
    report = in_browser({"shots": [], "search": {"url": f"{base_url}cari/?q={word}"}})
    found = report["search"] or []
    ok = any(urlsplit(link).path == newest.path for link in found)
    audit.summary["search"] = {"word": word, "results": found}
    among = "among them" if ok else "missing"
    errors = f"; errors: {'; '.join(report['errors'][:3])}" if report["errors"] else ""
    audit.add("search in Chromium", ok, f"/cari/?q={word}: {len(found)} results, {newest.path} {among}{errors}")
    return word


# -- the run -------------------------------------------------------------------------------


def portal_with_media(folder: Path, now: dt.datetime) -> Path:
    """A copy of the portal's site folder with the golden site's article of a gallery and videos,
    its corrected article, and an alert current at ``now``."""
    for name in ("site.yaml", "content", "layouts", "assets", "editors"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        elif source.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    shutil.copy2(MEDIA_ARTICLE, folder / "content/2024" / MEDIA_ARTICLE.name)
    shutil.copytree(MEDIA_FILES, folder / "content/2024" / MEDIA_FILES.name)
    shutil.copy2(CORRECTED_ARTICLE, folder / "content/2024" / CORRECTED_ARTICLE.name)
    shutil.copytree(CORRECTED_FILES, folder / "content/2024" / CORRECTED_FILES.name)
    until = (now + dt.timedelta(days=1)).astimezone(ZoneInfo("Asia/Makassar")).strftime("%Y-%m-%d %H:%M")
    with (folder / "site.yaml").open("a", encoding="utf-8") as config:
        config.write(ALERT.format(until=until))
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median counts)")
    parser.add_argument("--skip-lighthouse", action="store_true", help="everything but Lighthouse (quicker)")
    args = parser.parse_args()
    for tool in (VNU_JAR, LIGHTHOUSE, AXE):
        if not tool.exists():
            print(f"error: {tool} is missing: run cd audit && npm ci (make audit does)", file=sys.stderr)
            return 2
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    audit = Audit()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sitegen-audit-") as tmp:
        site = Path(tmp) / "site"
        server, port = serve(site)
        base_url = f"http://127.0.0.1:{port}/"
        try:
            now = dt.datetime.now(dt.UTC)
            source = portal_with_media(Path(tmp) / "portal", now)
            print(f"building the portal (with a gallery and video article, a corrected one, an alert) into {site}")
            result = build(source, BuildOptions(output=site, base_url=base_url, use_cache=False, now=now))
            for note in result.notes:
                print(f"  note: {note}")
            problems = len(result.report.items)
            audit.add("build", not problems, f"{len(result.site.pages)} pages, {problems} problems")
            audit.add("search index", (site / "pagefind" / "pagefind-entry.json").is_file(), "pagefind/ built")
            chosen = targets(result)
            print("W3C Nu HTML checker, every page:")
            nu_checker(audit, result)
            print("what the pages load:")
            static_checks(audit, result, base_url, result.site.config.page_budget_kb)
            print("search and screenshots in Chromium:")
            word = search_check(audit, result, base_url)
            screenshots(audit, chosen, base_url, word)
            print("axe-core in Chromium:")
            axe_checks(audit, chosen, base_url, word)
            if not args.skip_lighthouse:
                print(f"Lighthouse, {args.runs} runs a page, mobile:")
                lighthouse_checks(audit, chosen, base_url, args.runs)
        finally:
            server.shutdown()
    audit.summary["seconds"] = round(time.perf_counter() - started)
    table = audit.table()
    (OUT / "summary.txt").write_text(table + "\n")
    (OUT / "summary.json").write_text(json.dumps(audit.summary, indent=1, ensure_ascii=False) + "\n")
    print()
    print(table)
    failed = [c.name for c in audit.checks if not c.ok]
    passed = len(audit.checks) - len(failed)
    print(f"\n{passed} passed, {len(failed)} failed; everything is in {OUT.relative_to(REPO)}/")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
