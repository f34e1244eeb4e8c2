"""Named schema migrations for the SQLite store, applied in order, each once, each in a transaction."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles",
        """
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source_sha256 TEXT NOT NULL,
            source_path TEXT,
            source_url TEXT,
            source_kind TEXT,
            language TEXT,
            title TEXT,
            published TEXT,
            published_precision TEXT,
            published_start TEXT,
            published_end TEXT,
            captured TEXT,
            outlet_id TEXT,
            outlet_name TEXT,
            outlet_country TEXT,
            outlet_state_affiliated INTEGER,
            section TEXT,
            n_chars INTEGER NOT NULL,
            text TEXT NOT NULL,
            analysis TEXT NOT NULL,
            pipeline TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published_start, published_end);
        CREATE INDEX articles_outlet_id ON articles(outlet_id);
        CREATE INDEX articles_outlet_name ON articles(outlet_name COLLATE NOCASE);
        CREATE INDEX articles_language ON articles(language);
        CREATE TABLE raw_sources (
            article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
            media_type TEXT NOT NULL,
            content BLOB NOT NULL
        );
        CREATE TABLE seen_sources (
            sha256 TEXT PRIMARY KEY,
            article_id TEXT NOT NULL,
            source TEXT
        ) WITHOUT ROWID;
        CREATE TABLE failures (
            source TEXT PRIMARY KEY,
            sha256 TEXT,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, title_stem, body_stem,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """,
    ),
    (
        "0002_actors",
        """
        CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            source TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE mentions (
            article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
            actor_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT,
            kind TEXT,
            how TEXT
        );
        CREATE INDEX mentions_actor ON mentions(actor_id);
        CREATE INDEX mentions_article ON mentions(article_rowid);
        CREATE TABLE quotes (
            article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            kind TEXT NOT NULL,
            speaker_id TEXT,
            speaker_name TEXT,
            PRIMARY KEY (article_rowid, idx)
        );
        CREATE INDEX quotes_speaker ON quotes(speaker_id);
        """,
    ),
    (
        "0003_stories",
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL,
            first_day TEXT,
            last_day TEXT,
            size INTEGER NOT NULL,
            centroid BLOB,
            terms TEXT NOT NULL,
            actors TEXT NOT NULL,
            languages TEXT NOT NULL
        );
        CREATE INDEX stories_last ON stories(last_day);
        CREATE TABLE story_articles (
            article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
            story_id INTEGER NOT NULL REFERENCES stories(id),
            score REAL NOT NULL
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        """,
    ),
    (
        "0004_findings",
        """
        CREATE TABLE findings (
            article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            label TEXT NOT NULL,
            name TEXT,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            score REAL,
            voice_kind TEXT,
            voice_id TEXT,
            voice_name TEXT
        );
        CREATE INDEX findings_label ON findings(layer, label);
        CREATE INDEX findings_article ON findings(article_rowid);
        """,
    ),
    (
        "0005_fetching",
        """
        CREATE TABLE fetch_state (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            final_url TEXT,
            fetched_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX articles_source_url ON articles(source_url);
        """,
    ),
    (
        "0006_versions",
        """
        CREATE TABLE article_minhash (
            article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
            signature BLOB NOT NULL
        );
        CREATE TABLE article_bands (
            band INTEGER NOT NULL,
            article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE
        );
        CREATE INDEX article_bands_band ON article_bands(band);
        CREATE INDEX article_bands_article ON article_bands(article_rowid);
        CREATE TABLE article_versions (
            article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
            version_of INTEGER NOT NULL,
            similarity REAL NOT NULL
        );
        CREATE INDEX article_versions_of ON article_versions(version_of);
        """,
    ),
]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this database has had (reads only, so it never waits for a writer's lock)."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").fetchone()
    return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")] if exists else []


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet applied; returns the names applied now."""
    done = set(applied(conn))
    pending = [(name, sql) for name, sql in MIGRATIONS if name not in done]
    now_applied = []
    for name, sql in pending:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if name in set(applied(conn)):  # another process migrated while we waited for the lock
                conn.execute("COMMIT")
                continue
            conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        now_applied.append(name)
    return now_applied


def _statements(sql: str) -> list[str]:
    out, buf = [], []
    for line in sql.splitlines():
        buf.append(line)
        joined = "\n".join(buf)
        if joined.strip().endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined.strip())
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf).strip())
    return out
