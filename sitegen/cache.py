"""The persistent build cache: what a build can reuse from the one before.

Everything is keyed by a hash of exactly the inputs it was made from (the content's bytes,
the sitegen version, the configuration, the layouts), so nothing stale can be returned: a
changed input is simply a different key. The cache lives in one SQLite file; a corrupted,
foreign or old-version cache is ignored with a warning and replaced.

Its records are unpickled, so the cache is trusted like code: it must be made by the builds of
this machine (or CI's own cache), never come with the content. A cache folder that git tracks
(committed, perhaps by a contributor's pull request) is refused.
"""

from __future__ import annotations

import contextlib
import pickle
import shlex
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from sitegen import __version__
from sitegen.errors import SitegenError
from sitegen.i18n import Message, msg, verbatim

SCHEMA = 3  # 2: articles carry their image references; 3: problems carry messages to translate

DB_NAME = "cache.sqlite"


class BuildCache:
    """Tables: ``markdown`` (body hash → HTML), ``articles`` (source hash → read result),
    ``state`` (the manifests of the output trees)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.warning: Message | None = None
        self.db: sqlite3.Connection | None = None
        if folder is not None:
            if folder.is_dir() and tracked_by_git(folder):
                raise SitegenError(
                    f"refusing to read the build cache {folder}: git tracks files in it, and sitegen trusts its "
                    f"cache (it is unpickled). Take it out of git with 'git rm -r --cached {shlex.quote(str(folder))}' "
                    "and commit that"
                )
            self.db = self._open(folder)

    def _open(self, folder: Path) -> sqlite3.Connection | None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not (folder / ".gitignore").exists():
                (folder / ".gitignore").write_text("*\n")
            path = folder / DB_NAME
            db = sqlite3.connect(path, isolation_level=None)
            try:
                if self._valid(db):
                    return db
            except sqlite3.DatabaseError:
                pass
            db.close()
            if path.exists():
                self.warning = msg(
                    "the build cache {path} is damaged or from another version; it was replaced", path=str(path)
                )
                path.unlink()
            db = sqlite3.connect(path, isolation_level=None)
            self._create(db)
            return db
        except (OSError, sqlite3.Error) as exc:
            self.warning = msg(
                "the build cache in {folder} cannot be used ({why}); building without it",
                folder=str(folder),
                why=verbatim(str(exc)),
            )
            return None

    def _valid(self, db: sqlite3.Connection) -> bool:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            self._create(db)
            return True
        if tables != {"meta", "markdown", "articles", "state"}:
            return False
        row = db.execute("SELECT value FROM meta WHERE key='identity'").fetchone()
        return row is not None and row[0] == _identity()

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        db.executescript(
            """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS markdown (key TEXT PRIMARY KEY, html TEXT);
            CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, result BLOB);
            CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value BLOB);
            """
        )
        db.execute("INSERT OR REPLACE INTO meta VALUES ('identity', ?)", (_identity(),))

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    # -- lookups -----------------------------------------------------------------------

    def get_many(self, table: str, keys: list[str]) -> dict[str, Any]:
        if self.db is None or not keys:
            return {}
        column = {"markdown": "html", "articles": "result"}[table]
        found: dict[str, Any] = {}
        try:
            for start in range(0, len(keys), 900):
                chunk = keys[start : start + 900]
                marks = ",".join("?" * len(chunk))
                for key, value in self.db.execute(f"SELECT key, {column} FROM {table} WHERE key IN ({marks})", chunk):
                    found[key] = pickle.loads(value) if table == "articles" else value
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, TypeError) as exc:
            self.warning = msg(
                "the build cache could not be read ({why}); rebuilding what it held", why=verbatim(str(exc))
            )
            return {}
        return found

    def add(self, table: str, rows: list[tuple[str, Any]]) -> None:
        if self.db is None or not rows:
            return
        # encoded as they are inserted, not all first: a first build of 10,000 articles
        # would hold every pickled article (~50 MB) at once
        encoded = ((k, pickle.dumps(v, protocol=5) if table == "articles" else v) for k, v in rows)
        try:
            self.db.execute("BEGIN")
            self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", encoded)
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self.warning = msg("the build cache could not be written ({why})", why=verbatim(str(exc)))
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    def prune(self, table: str, keep: list[str]) -> None:
        """Drop every entry this build did not use once they are more than a few: stale
        entries are harmless (every key is exact), but pruning is a pass over every key,
        too much for each one-article edit. The cache stays within 5 % (and 50 entries) of
        what the site uses."""
        if self.db is None:
            return
        try:
            (count,) = self.db.execute(f"SELECT count(*) FROM {table}").fetchone()
            used = len(set(keep))
            if count <= used + max(50, used // 20):
                return
            self.db.execute("BEGIN")
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM keep")
            self.db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in keep))
            self.db.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM keep)")
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self.warning = msg("the build cache could not be written ({why})", why=verbatim(str(exc)))

    def get_state(self, key: str) -> Any:
        """The record stored under ``key``; None when there is none or it cannot be read."""
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
            return pickle.loads(row[0]) if row else None
        except Exception:  # a damaged or foreign record is no record, whatever pickle makes of it
            return None

    def set_state(self, key: str, value: Any) -> None:
        """Store a record under ``key``; None removes it."""
        if self.db is None:
            return
        try:
            if value is None:
                self.db.execute("DELETE FROM state WHERE key=?", (key,))
            else:
                self.db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, pickle.dumps(value, protocol=5)))
        except sqlite3.Error as exc:
            self.warning = msg("the build cache could not be written ({why})", why=verbatim(str(exc)))

    def set_states(self, values: dict[str, Any]) -> None:
        """Store several records in one transaction: after a crash, all of them or none.
        None removes a record."""
        if self.db is None:
            return
        rows = [(key, None if value is None else pickle.dumps(value, protocol=5)) for key, value in values.items()]
        try:
            self.db.execute("BEGIN")
            for key, data in rows:
                if data is None:
                    self.db.execute("DELETE FROM state WHERE key=?", (key,))
                else:
                    self.db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, data))
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.db.in_transaction:
                self.db.rollback()
            self.warning = msg("the build cache could not be written ({why})", why=verbatim(str(exc)))


def tracked_by_git(folder: Path) -> bool:
    """Whether git tracks a file in ``folder``; False outside a repository or without git."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(folder), "ls-files", "-z", "--", "."], capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return listed.returncode == 0 and bool(listed.stdout)


def _identity() -> str:
    return f"sitegen {__version__} schema {SCHEMA}"
