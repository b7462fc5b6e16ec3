"""The dev server's latency: from an article's save to the browser's reload event.

Runs ``sitegen serve``'s DevServer on a benchmark site (made by ``bench/run.py``, or any site
folder), listens to the newest article's page as the injected script does, and saves changes
to that article. For each save it measures, with the clock of this process:

- **shown**: from the moment the file is written to the reload event for the article's page
  (the page the editor is looking at has the new text);
- **all**: from the same moment until the full incremental build has swapped in every
  changed page (lists, feeds, neighbours).

Scenarios: ``words`` (a paragraph added to the body: the quick render, then the full build),
``retag`` (a tag added: the page planned anew by the quick render, then the full build) and
``add`` (a new article, an hour newer than the newest: the newest article's page shows it as
its neighbour; every home page shifts by one).

    .venv/bin/python bench/watch.py bench/_work/10000/sitegen --runs 5
    .venv/bin/python bench/watch.py bench/_work/10000/sitegen --runs 5 --search   # as serve --search
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sitegen.devserver.pages import EVENTS_PATH  # noqa: E402
from sitegen.devserver.server import DevServer  # noqa: E402

TIMEOUT = 120.0


class Stream:
    """The event stream of one page, as the injected script reads it."""

    def __init__(self, port: int, page: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.connection.request("GET", f"{EVENTS_PATH}?page={quote(page)}")
        self.response = self.connection.getresponse()

    def next_id(self) -> str:
        data = ""
        while True:
            line = self.response.readline().decode()
            if not line:
                raise EOFError("the event stream ended")
            if line.startswith("data: "):
                data = line[6:].strip()
            elif line == "\n" and data:
                return data

    def close(self) -> None:
        self.connection.close()


def _wait(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.002)


def words(text: str, run: int) -> str:
    return text.rstrip("\n") + f"\n\nParagraf tambahan nomor {run} dari pengukuran.\n"


def retag(text: str, run: int) -> str:
    head, sep, body = text.partition("\n---\n")
    head = re.sub(r"^tags: \[(.*)\]$", lambda m: f"tags: [{m.group(1)}, Ukur {run}]", head, count=1, flags=re.M)
    return head + sep + body


def added(text: str, run: int) -> str:
    """A new article: the newest one's text, another title, dated between the newest and the
    one added before (so each is the newest article's new neighbour, whose page reloads)."""
    head, sep, body = text.partition("\n---\n")
    found = re.search(r"^date: (.*)$", head, flags=re.M)
    assert found, "no date in the newest article"
    when = dt.datetime.fromisoformat(found.group(1).strip().strip("'\"")) + dt.timedelta(minutes=60 - run)
    head = head.replace(found.group(0), f"date: {when.isoformat(sep=' ', timespec='minutes')}")
    head = re.sub(r"^title: (.*)$", lambda m: f"title: Berita ukur {run}", head, count=1, flags=re.M)
    head = re.sub(r"^slug: .*\n?", "", head, flags=re.M)
    return head + sep + body


SCENARIOS = {"words": words, "retag": retag, "add": added}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scenarios", default="words,retag")
    parser.add_argument("--search", action="store_true", help="the server builds the search index too (serve --search)")
    args = parser.parse_args(argv)
    server = DevServer(args.site, "127.0.0.1", 0, search=args.search, echo=lambda line, err: None)
    started = time.perf_counter()
    server.start()
    print(f"first build: {time.perf_counter() - started:.2f} s", file=sys.stderr)
    assert server.last_result is not None
    newest = server.last_result.site.articles[0]
    source = args.site / newest.source
    original = source.read_text(encoding="utf-8")
    rows = []
    added_files: list[Path] = []
    try:
        for name in args.scenarios.split(","):
            change = SCENARIOS[name]
            shown, whole = [], []
            for run in range(args.runs):
                time.sleep(0.5)  # a quiet moment, as between an editor's saves
                stream = Stream(server.port, newest.path)
                first = stream.next_id()
                before = server.last_result
                text = change(source.read_text(encoding="utf-8"), run)
                target = source.with_name(f"berita-ukur-{run}.md") if name == "add" else source
                if name == "add":
                    added_files.append(target)
                saved = time.perf_counter()
                target.write_text(text, encoding="utf-8")
                new = stream.next_id()
                shown.append(time.perf_counter() - saved)
                assert new != first
                _wait(lambda: server.last_result is not before, "the full build")  # noqa: B023 - used at once
                whole.append(time.perf_counter() - saved)
                stream.close()
            rows.append((name, shown, whole, server.quick_renders))
    finally:
        source.write_text(original, encoding="utf-8")
        for path in added_files:
            path.unlink(missing_ok=True)
        time.sleep(0.5)
        server.stop()
    print("| scenario | articles | runs | page shown: median s (min–max) | all pages: median s (min–max) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    count = server.last_result.articles if server.last_result else 0
    for name, shown, whole, _ in rows:
        print(
            f"| {name} | {count:,} | {len(shown)} | {statistics.median(shown):.3f} ({min(shown):.3f}–{max(shown):.3f}) "
            f"| {statistics.median(whole):.2f} ({min(whole):.2f}–{max(whole):.2f}) |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
