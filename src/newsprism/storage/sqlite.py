"""The SQLite store: one file, WAL journal, named migrations, FTS5 search with Snowball stems."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, ClassVar

from newsprism.errors import StorageError, UsageError
from newsprism.storage.base import Problem
from newsprism.storage.migrations import migrate
from newsprism.storage.sql import (
    PIPELINE_VERSION,
    ParsedQuery,
    SQLStore,
    actor_spellings,
    parse_day,
    parse_query,
    published_range,
)
from newsprism.storage.stemming import SearchFields, search_fields

__all__ = ["PIPELINE_VERSION", "SQLiteStore", "actor_spellings", "fts_query", "parse_day", "published_range"]


class SQLiteStore(SQLStore):
    """``Store`` on an SQLite file (or ``:memory:``)."""

    _doc_errors: ClassVar[tuple[type[BaseException], ...]] = (
        sqlite3.InterfaceError,
        sqlite3.ProgrammingError,
        sqlite3.IntegrityError,
        OverflowError,
        TypeError,
        ValueError,
    )
    _db_errors: ClassVar[tuple[type[BaseException], ...]] = (sqlite3.Error,)

    def __init__(self, path: str | Path = "newsprism.db") -> None:
        self.path = self.label = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0, check_same_thread=False)
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot open the database {self.path}: {exc} (is it an SQLite file newsprism made?)") from None

    def __enter__(self) -> SQLiteStore:
        return self

    def _x(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, args)

    def _xmany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            # SQLite may have rolled back by itself (a full disk does that); the journal makes it so on next open
            with suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def _nocase(self, column: str) -> str:
        return f"{column} = ? COLLATE NOCASE"

    def _concat(self, column: str) -> str:
        return f"group_concat(DISTINCT {column})"

    def _index(self, rowid: int, search: SearchFields, replace: bool) -> None:
        if replace:
            self.conn.execute(
                "UPDATE articles_fts SET title = ?, body = ?, title_stem = ?, body_stem = ? WHERE rowid = ?", (*search, rowid)
            )
        else:
            self.conn.execute(
                "INSERT INTO articles_fts (rowid, title, body, title_stem, body_stem) VALUES (?,?,?,?,?)", (rowid, *search)
            )

    # --- checking ----------------------------------------------------------------------------------------------
    def _check_file(self) -> list[Problem]:
        damage = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall()]
        if damage == ["ok"]:
            return []
        return [
            Problem(
                "file",
                f"the database file is damaged: {'; '.join(damage[:3])}",
                len(damage),
                f"copy what is readable into a new file: sqlite3 {self.path} .recover | sqlite3 recovered.db",
            )
        ]

    def _check_index(self) -> list[Problem]:
        problems = []
        try:
            self.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(Problem("fts", f"the search index is inconsistent: {exc}", 1, "newsprism check --repair rebuilds it"))
        missing = int(self._x("SELECT count(*) FROM articles WHERE rowid NOT IN (SELECT rowid FROM articles_fts)").fetchone()[0])
        stray = int(self._x("SELECT count(*) FROM articles_fts WHERE rowid NOT IN (SELECT rowid FROM articles)").fetchone()[0])
        if missing or stray:
            problems.append(
                Problem(
                    "fts", f"{missing} articles are not in the search index, {stray} index rows have no article", missing + stray
                )
            )
        return problems

    def _repair_index(self) -> None:
        self.conn.execute("DELETE FROM articles_fts WHERE rowid NOT IN (SELECT rowid FROM articles)")
        self.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('rebuild')")
        for rowid, doc in self._unindexed():
            self._index(rowid, search_fields(doc), replace=False)

    # --- search ------------------------------------------------------------------------------------------------
    def _search_rows(
        self, query: str, parsed: ParsedQuery, where: str, args: list[Any], limit: int, offset: int, seconds: float
    ) -> list[Sequence[Any]]:
        sql = f"""SELECT a.id, a.title, a.published, a.outlet_name, a.language, a.source_path, a.source_url,
                         -bm25(articles_fts, 8.0, 1.0, 8.0, 1.0) AS score
                  FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                  WHERE articles_fts MATCH ? AND {where}
                  ORDER BY score DESC, a.rowid LIMIT ? OFFSET ?"""
        deadline = time.monotonic() + seconds if seconds else None
        if deadline is not None:  # the database asks every 1,000 steps (microseconds) whether to go on
            self.conn.set_progress_handler(lambda: time.monotonic() > deadline, 1_000)
        try:
            rows: list[Sequence[Any]] = self.conn.execute(sql, [fts_match(parsed), *args, limit, offset]).fetchall()
        except sqlite3.OperationalError as exc:
            if deadline is not None and time.monotonic() > deadline:
                raise self._search_timeout(seconds) from None
            raise UsageError(f"cannot search for {query!r}: {exc}") from None
        finally:
            self.conn.set_progress_handler(None, 0)
        return rows

    # --- stories ------------------------------------------------------------------------------------------------
    @contextmanager
    def story_lock(self) -> Iterator[None]:
        """An exclusive lock on ``DB.stories-lock`` (flock: released by the kernel when its holder dies), so that
        two ingests into one database place their articles into stories one after the other. Writers of
        articles are not held up: the lock is not the database's."""
        if self.path == ":memory:":
            yield
            return
        import fcntl

        with open(self.path + ".stories-lock", "a+b") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def fts_match(parsed: ParsedQuery) -> str:
    """The FTS5 MATCH expression of a parsed query: every part quoted, so no word is an FTS5 operator."""
    out = []
    for p in parsed.parts:
        if p.kind == "phrase":
            out.append('{title body} : "' + " ".join(p.terms) + '"')
        elif p.kind == "prefix":
            out.append('{title body} : "' + p.terms[0] + '" *')
        else:
            out.append("{title_stem body_stem} : (" + " OR ".join(f'"{s}"' for s in p.terms) + ")")
    return " AND ".join(out)


def fts_query(query: str, languages: tuple[str | None, ...]) -> tuple[str, list[str]]:
    """An FTS5 MATCH expression for a user's query, and its plain words (for snippets)."""
    parsed = parse_query(query, languages)
    return fts_match(parsed), parsed.words
