"""What the SQL backends share: the schema's meaning, the writer and the read model, in SQL both SQLite and
PostgreSQL run. A backend says how it connects, begins and ends a write, keeps its full-text index, searches, checks
itself and serialises story updates; everything else is here, so that both give the same rows in the same order.

Articles are keyed by their content-hash id, so storing the same article twice is a no-op. Each batch is one
transaction: an interrupted ingest leaves the database as it was after the last whole batch, and running it again
finishes the rest. Queries are written with ``?`` placeholders; ``_x`` runs them on the backend's connection.
"""

from __future__ import annotations

import calendar
import json
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, ClassVar

import numpy as np

from newsprism.document import Document
from newsprism.errors import StorageError, UsageError
from newsprism.settings import settings
from newsprism.storage import versions
from newsprism.storage.base import (
    ActorMention,
    ActorQuote,
    ActorSummary,
    BatchResult,
    Failure,
    Filters,
    Hit,
    NarrativeSummary,
    OutletSummary,
    Problem,
    ProfileRow,
    StoryRecord,
    StorySummary,
)
from newsprism.storage.stemming import SEARCH_LANGUAGES, SearchFields, search_fields, stem_text, stems, terms

PIPELINE_VERSION = "findings-1"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def published_range(value: str | None) -> tuple[str | None, str | None]:
    """The first and last day a publication value at its precision may mean ("2025-03" → March 1 to 31)."""
    if not value:
        return None, None
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        return None, None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if d:
        return f"{y}-{mo}-{d}", f"{y}-{mo}-{d}"
    if mo:
        last = calendar.monthrange(int(y), int(mo))[1]
        return f"{y}-{mo}-01", f"{y}-{mo}-{last:02d}"
    return f"{y}-01-01", f"{y}-12-31"


def _analysis_json(doc: Document) -> str:
    d = doc.to_dict()
    del d["text"]
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def _sources(path: str | None, url: str | None) -> dict[str, Any]:
    return {k: v for k, v in (("path", path), ("url", url)) if v}


def _outlets(concat: str | None) -> tuple[str, ...]:
    return tuple(sorted(concat.split(","))) if concat else ()


class SQLStore:
    """``Store`` in SQL. Subclasses set ``conn`` and ``label`` (what error messages call the database) and
    implement the hooks at the end of this class."""

    conn: Any
    label: str
    _doc_errors: ClassVar[tuple[type[BaseException], ...]] = (OverflowError, TypeError, ValueError)
    _db_errors: ClassVar[tuple[type[BaseException], ...]] = ()
    _LIKE = "LIKE"

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -----------------------------------------------------------------------------------------------
    def known_sources(self, sha256s: Sequence[str]) -> set[str]:
        found: set[str] = set()
        items = [s for s in sha256s if s]
        for i in range(0, len(items), 500):
            part = items[i : i + 500]
            q = f"SELECT sha256 FROM seen_sources WHERE sha256 IN ({','.join('?' * len(part))})"
            found.update(r[0] for r in self._x(q, part))
        return found

    def write_batch(
        self, docs: Sequence[Document], failures: Sequence[Failure], search: Mapping[str, SearchFields] | None = None
    ) -> BatchResult:
        """Store ``docs`` and record ``failures`` in one transaction. A document the database cannot take (a value
        of the wrong type from a stage, text that is not Unicode) is left out, with its reason, and the rest of the
        batch is stored: each document is written under its own savepoint. ``search`` holds search fields computed
        already (by source hash); the others are computed here. Actors go in first and in id order, and the batch's
        article ids are claimed in id order (``_lock_ids``), so that writers of overlapping batches wait for each
        other in one order instead of deadlocking (PostgreSQL)."""
        now = now_iso()
        try:
            return self._retrying(lambda: self._write(docs, failures, search or {}, now))
        except self._db_errors as exc:  # disk full, I/O error, locked past the timeout: the batch, not the database
            self._rollback()
            raise StorageError(
                f"cannot write to {self.label}: {exc}; nothing of this batch was stored, everything before it is — "
                "fix that (free space, check the disk, the server) and run the same command again to finish"
            ) from None
        except BaseException:
            self._rollback()
            raise

    def _write(
        self, docs: Sequence[Document], failures: Sequence[Failure], search: Mapping[str, SearchFields], now: str
    ) -> BatchResult:
        new = dup = enriched = 0
        refused: list[Failure] = []
        self._begin()
        actors: dict[str, tuple[str, str, str, str]] = {}
        for doc in docs:  # as each document's own insert would: the first to name an actor names it
            for a in _actors_of(doc):
                if all(isinstance(x, str) for x in a):
                    actors.setdefault(a[0], a)
        self._x("SAVEPOINT actors")
        try:
            self._xmany(_ACTOR_INSERT, [actors[k] for k in sorted(actors)])
        except self._doc_errors:  # a value no actor can have: each document's own insert below says whose
            self._x("ROLLBACK TO SAVEPOINT actors")
        self._x("RELEASE SAVEPOINT actors")
        self._lock_ids(sorted({d.id for d in docs}))
        for doc in docs:  # in the order given: of two versions of an article, the first given is the first stored
            label = doc.source.hints.get("requested_url") or doc.source.path or doc.source.url or ""
            self._x("SAVEPOINT doc")
            try:
                status = self._insert(doc, now, search.get(doc.source.sha256))
            except self._doc_errors as exc:
                self._x("ROLLBACK TO SAVEPOINT doc")
                self._x("RELEASE SAVEPOINT doc")
                refused.append(Failure(label or doc.id, f"cannot store: {type(exc).__name__}: {exc}", doc.source.sha256, now))
                continue
            self._x("RELEASE SAVEPOINT doc")
            new += status == "new"
            dup += status != "new"
            enriched += status == "enriched"
            if doc.source.sha256:
                self._x("INSERT INTO seen_sources VALUES (?, ?, ?) ON CONFLICT DO NOTHING", (doc.source.sha256, doc.id, label))
            if label:
                self._x("DELETE FROM failures WHERE source = ?", (label,))
        for f in sorted([*failures, *refused], key=lambda f: f.source):
            self._x(
                """INSERT INTO failures VALUES (?, ?, ?, ?) ON CONFLICT (source) DO UPDATE
                   SET sha256 = excluded.sha256, reason = excluded.reason, at = excluded.at""",
                (f.source, f.sha256, f.reason, f.at or now),
            )
        self._commit()
        return BatchResult(new=new, duplicate=dup, failed=len(failures) + len(refused), refused=refused, enriched=enriched)

    _COLUMNS_WRITTEN = (
        "source_sha256, source_path, source_url, source_kind, language, title, published, published_precision, "
        "published_start, published_end, captured, outlet_id, outlet_name, outlet_country, outlet_state_affiliated, "
        "section, n_chars, text, analysis, pipeline, ingested_at"
    )
    _ENRICHING = ("source_url", "published", "outlet_name", "title")  # what a second copy may add

    def _insert(self, doc: Document, now: str, search: SearchFields | None = None) -> str:
        """Store ``doc``: "new"; "duplicate" when its text is stored already; "enriched" when it is, but this copy
        brings what the stored one lacks (a URL, a publication date, an outlet, a title) and lacks nothing it has —
        then the stored article is replaced by this analysis, under the same row (its story stays)."""
        search = search or search_fields(doc)
        m = doc.meta
        outlet = m.get("outlet") or {}
        start, end = published_range(m.get("published"))
        values = (
            doc.source.sha256,
            doc.source.path,
            doc.source.url,
            doc.source.kind,
            m.get("language"),
            m.get("title"),
            m.get("published"),
            m.get("published_precision"),
            start,
            end,
            m.get("captured"),
            outlet.get("id"),
            outlet.get("name"),
            outlet.get("country"),
            None if outlet.get("state_affiliated") is None else int(bool(outlet.get("state_affiliated"))),
            m.get("section"),
            len(doc.text),
            doc.text,
            _analysis_json(doc),
            PIPELINE_VERSION,
            now,
        )
        row = self._x(
            f"INSERT INTO articles (id, {self._COLUMNS_WRITTEN}) VALUES ({','.join('?' * (len(values) + 1))})"
            " ON CONFLICT (id) DO NOTHING RETURNING rowid",
            (doc.id, *values),
        ).fetchone()
        if row is None:
            return self._enrich(doc, values, search)
        rowid = int(row[0])
        self._index(rowid, search, replace=False)
        self._insert_parts(rowid, doc)
        self._link_version(rowid, doc)
        return "new"

    def _link_version(self, rowid: int, doc: Document) -> None:
        """Keep the MinHash of the article's text without its page furniture (an outlet's promotion block would make
        all its articles alike) and, when a stored article is a near-duplicate, link it as a version of that
        article's first version (``storage.versions``)."""
        cuts = sorted((b.start, b.end) for b in doc.layer("boilerplate"))
        parts, at = [], 0
        for a, b in cuts:
            parts.append(doc.text[at:a])
            at = max(at, b)
        parts.append(doc.text[at:])
        sig = versions.signature(" ".join(parts))
        if sig is None:
            return
        keys = versions.bands(sig)
        marks = ",".join("?" * len(keys))
        candidates = [
            r[0]
            for r in self._x(
                f"""SELECT DISTINCT article_rowid FROM article_bands WHERE band IN ({marks}) AND article_rowid != ?
                    ORDER BY article_rowid LIMIT 200""",
                (*keys, rowid),
            )
        ]
        best: tuple[int, float] | None = None
        for c in candidates:
            blob = self._x("SELECT signature FROM article_minhash WHERE article_rowid = ?", (c,)).fetchone()
            if blob is not None:
                sim = versions.similarity(sig, np.frombuffer(bytes(blob[0]), dtype=np.uint32))
                if sim >= versions.THRESHOLD and (best is None or sim > best[1]):
                    best = (c, sim)
        if best is not None:
            root = self._x("SELECT version_of FROM article_versions WHERE article_rowid = ?", (best[0],)).fetchone()
            self._x("INSERT INTO article_versions VALUES (?, ?, ?)", (rowid, root[0] if root else best[0], best[1]))
        self._x("INSERT INTO article_minhash VALUES (?, ?)", (rowid, sig.tobytes()))
        self._xmany("INSERT INTO article_bands VALUES (?, ?)", [(k, rowid) for k in keys])

    def versions(self, doc_id: str) -> list[dict[str, Any]]:
        """The other versions of an article (near-duplicates: an updated copy, the same wire story with a changed
        line), first stored first, each with its similarity to the first."""
        row = self._x("SELECT rowid FROM articles WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return []
        link = self._x("SELECT version_of FROM article_versions WHERE article_rowid = ?", (row[0],)).fetchone()
        root = link[0] if link else row[0]
        rows = self._x(
            """SELECT a.id, a.title, a.published, a.outlet_name, v.similarity FROM articles a
               LEFT JOIN article_versions v ON v.article_rowid = a.rowid
               WHERE (a.rowid = ? OR v.version_of = ?) AND a.rowid != ? ORDER BY a.rowid""",
            (root, root, row[0]),
        ).fetchall()
        return [{"id": r[0], "title": r[1], "published": r[2], "outlet": r[3], "similarity": r[4]} for r in rows]

    def _insert_parts(self, rowid: int, doc: Document) -> None:
        if doc.source.raw:
            self._x("INSERT INTO raw_sources VALUES (?, ?, ?)", (rowid, "text/html", zlib.compress(doc.source.raw, 6)))
        self._insert_actors(rowid, doc)
        self._insert_findings(rowid, doc)

    def _enrich(self, doc: Document, values: tuple[Any, ...], search: SearchFields) -> str:
        row = self._x(f"SELECT rowid, {', '.join(self._ENRICHING)} FROM articles WHERE id = ?", (doc.id,)).fetchone()
        if row is None:
            return "duplicate"
        outlet = doc.meta.get("outlet") or {}
        new = dict(
            zip(
                self._ENRICHING,
                (doc.source.url, doc.meta.get("published"), outlet.get("name"), doc.meta.get("title")),
                strict=True,
            )
        )
        old = dict(zip(self._ENRICHING, row[1:], strict=True))
        gains = [k for k in self._ENRICHING if new[k] and not old[k]]
        losses = [k for k in self._ENRICHING if old[k] and not new[k]]
        if not gains or losses:
            return "duplicate"
        rowid = int(row[0])
        columns = [c.strip() for c in self._COLUMNS_WRITTEN.split(",")]
        sets = ", ".join(f"{c} = COALESCE(?, {c})" if c == "source_path" else f"{c} = ?" for c in columns)
        self._x(f"UPDATE articles SET {sets} WHERE rowid = ?", (*values, rowid))
        self._index(rowid, search, replace=True)
        for table in ("raw_sources", "mentions", "quotes", "findings"):
            self._x(f"DELETE FROM {table} WHERE article_rowid = ?", (rowid,))
        self._insert_parts(rowid, doc)
        return "enriched"

    def _insert_findings(self, rowid: int, doc: Document) -> None:
        """Claims, narratives and techniques as rows: what outlet profiles and the narrative facet count."""
        rows = []
        for layer, kind in (("claims", "claim"), ("narratives", "narrative"), ("techniques", "technique")):
            for f in doc.layer(layer):
                v = f.attrs.get("voice") or {}
                name = f.attrs.get("label") if kind == "narrative" else None
                score = f.attrs.get("score", f.attrs.get("confidence"))
                rows.append((rowid, kind, f.label, name, f.start, f.end, score, v.get("kind"), v.get("id"), v.get("name")))
        self._xmany("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def _insert_actors(self, rowid: int, doc: Document) -> None:
        """The article's linked mentions and its quotes, so that an actor can be followed across articles (its
        actors were written first for the whole batch, in id order; here they are no-ops, unless that failed)."""
        self._xmany(_ACTOR_INSERT, _actors_of(doc))
        mentions = []
        for e in doc.layer("entities"):
            a = e.attrs.get("actor")
            if a:
                mentions.append(
                    (rowid, a["id"], e.start, e.end, doc.span_text(e), e.attrs.get("type"), e.attrs.get("kind"), a.get("how"))
                )
        self._xmany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", mentions)
        self._xmany(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    rowid,
                    i,
                    q.start,
                    q.end,
                    q.label,
                    (q.attrs.get("speaker") or {}).get("id"),
                    (q.attrs.get("speaker") or {}).get("name"),
                )
                for i, q in enumerate(doc.layer("quotes"))
            ],
        )

    # --- reading -----------------------------------------------------------------------------------------------
    _COLUMNS = "id, text, analysis"

    @staticmethod
    def _doc(row: Sequence[Any]) -> Document:
        data = json.loads(row[2])
        data["text"] = row[1]
        return Document.from_dict(data)

    def get(self, doc_id: str) -> Document | None:
        """The article with this id, or with the only id that starts with it (at least 6 characters)."""
        row = self._x(f"SELECT {self._COLUMNS} FROM articles WHERE id = ?", (doc_id,)).fetchone()
        if row is None and len(doc_id) >= 6:
            rows = self._x(f"SELECT {self._COLUMNS} FROM articles WHERE id LIKE ? LIMIT 2", (_like_prefix(doc_id),)).fetchall()
            if len(rows) > 1:
                raise UsageError(f"the id prefix {doc_id!r} fits several articles; give more of the id")
            row = rows[0] if rows else None
        return self._doc(row) if row else None

    def raw_source(self, doc_id: str) -> bytes | None:
        row = self._x(
            "SELECT r.content FROM raw_sources r JOIN articles a ON a.rowid = r.article_rowid WHERE a.id = ?", (doc_id,)
        ).fetchone()
        return zlib.decompress(bytes(row[0])) if row else None

    def _where(self, filters: Filters | None, alias: str = "a") -> tuple[str, list[Any]]:
        clauses, args = [], []
        if filters:
            if filters.outlet:
                clauses.append(f"({alias}.outlet_id = ? OR {self._nocase(f'{alias}.outlet_name')})")
                args += [filters.outlet, filters.outlet]
            if filters.since:
                clauses.append(f"{alias}.published_end >= ?")
                args.append(filters.since.isoformat())
            if filters.until:
                clauses.append(f"{alias}.published_start <= ?")
                args.append(filters.until.isoformat())
            if filters.language:
                clauses.append(f"{alias}.language = ?")
                args.append(filters.language)
            if filters.actor:
                clauses.append(f"EXISTS (SELECT 1 FROM mentions fm WHERE fm.article_rowid = {alias}.rowid AND fm.actor_id = ?)")
                args.append(filters.actor)
            if filters.narrative:
                clauses.append(
                    f"EXISTS (SELECT 1 FROM findings ff WHERE ff.article_rowid = {alias}.rowid AND ff.layer = 'narrative' "
                    "AND ff.label = ?)"
                )
                args.append(filters.narrative)
        return (" AND ".join(clauses) or "TRUE"), args

    def count(self, filters: Filters | None = None) -> int:
        where, args = self._where(filters)
        return int(self._x(f"SELECT count(*) FROM articles a WHERE {where}", args).fetchone()[0])

    def articles(self, filters: Filters | None = None, limit: int = 50, offset: int = 0) -> list[Hit]:
        """Stored articles, newest publication first (undated ones last)."""
        where, args = self._where(filters)
        rows = self._x(
            f"""SELECT a.id, a.title, a.published, a.outlet_name, a.language, a.source_path, a.source_url
                FROM articles a WHERE {where}
                ORDER BY a.published_start IS NULL, a.published_start DESC, a.rowid DESC LIMIT ? OFFSET ?""",
            [*args, limit, offset],
        ).fetchall()
        return [Hit(r[0], r[1], r[2], r[3], r[4], 0.0, None, _sources(r[5], r[6])) for r in rows]

    def outlets(self, filters: Filters | None = None) -> list[OutletSummary]:
        """Outlets of the stored articles, most articles first, with their articles per month."""
        where, args = self._where(filters)
        rows = self._x(
            f"""SELECT max(a.outlet_id), max(a.outlet_name), max(a.outlet_country), max(a.outlet_state_affiliated),
                       count(*), min(a.published_start), max(a.published_start)
                FROM articles a WHERE a.outlet_name IS NOT NULL AND {where}
                GROUP BY coalesce(a.outlet_id, a.outlet_name) ORDER BY count(*) DESC, max(a.outlet_name)""",
            args,
        ).fetchall()
        months: dict[str, list[tuple[str, int]]] = {}
        for key, month, n in self._x(
            f"""SELECT coalesce(a.outlet_id, a.outlet_name), substr(a.published_start, 1, 7), count(*)
                FROM articles a WHERE a.outlet_name IS NOT NULL AND a.published_start IS NOT NULL AND {where}
                GROUP BY 1, 2 ORDER BY 2""",
            args,
        ):
            months.setdefault(key, []).append((month, int(n)))
        return [
            OutletSummary(
                r[0], r[1], r[2], None if r[3] is None else bool(r[3]), r[4], r[5], r[6], tuple(months.get(r[0] or r[1], ()))
            )
            for r in rows
        ]

    def outlet_profile(self, outlet: str, filters: Filters | None = None) -> list[ProfileRow]:
        """Per month of publication, how many of the outlet's articles carry each narrative and technique, how
        many findings that makes, and how many of them are in the outlet's own voice."""
        f = Filters(**{**({} if filters is None else {k: getattr(filters, k) for k in filters.__slots__}), "outlet": outlet})
        where, args = self._where(f)
        rows = self._x(
            f"""SELECT substr(a.published_start, 1, 7), x.layer, x.label, max(x.name), count(DISTINCT a.rowid), count(*),
                       sum(CASE WHEN x.voice_kind = 'outlet' THEN 1 ELSE 0 END)
                FROM findings x JOIN articles a ON a.rowid = x.article_rowid
                WHERE x.layer IN ('narrative', 'technique') AND {where}
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 5 DESC, 3""",
            args,
        ).fetchall()
        return [ProfileRow(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6] or 0)) for r in rows]

    def narratives(self, filters: Filters | None = None, limit: int = 100) -> list[NarrativeSummary]:
        where, args = self._where(filters)
        rows = self._x(
            f"""SELECT x.label, max(x.name), count(DISTINCT a.rowid), count(*), min(a.published_start), max(a.published_start)
                FROM findings x JOIN articles a ON a.rowid = x.article_rowid
                WHERE x.layer = 'narrative' AND {where}
                GROUP BY x.label ORDER BY 3 DESC, 1 LIMIT ?""",
            [*args, limit],
        ).fetchall()
        outlets: dict[str, list[tuple[str, int]]] = {}
        for label, outlet, n in self._x(
            f"""SELECT x.label, coalesce(a.outlet_name, '—'), count(DISTINCT a.rowid)
                FROM findings x JOIN articles a ON a.rowid = x.article_rowid
                WHERE x.layer = 'narrative' AND {where} GROUP BY 1, 2 ORDER BY 3 DESC, 2""",
            args,
        ):
            outlets.setdefault(label, []).append((outlet, int(n)))
        return [NarrativeSummary(r[0], r[1] or r[0], r[2], r[3], tuple(outlets.get(r[0], ())), r[4], r[5]) for r in rows]

    # --- actors ------------------------------------------------------------------------------------------------
    def actors(
        self, query: str | None = None, filters: Filters | None = None, limit: int = 50, ids: Sequence[str] = ()
    ) -> list[ActorSummary]:
        """Actors mentioned in the stored articles, most mentioned first; with ``query``, those whose name, id or one
        of whose mentions contains it, and those listed in ``ids`` (the registry's answer to the query)."""
        where, args = self._where(filters)
        cond = "TRUE"
        qargs: list[object] = []
        if query:
            like = self._LIKE
            marks = ",".join("?" * len(ids))
            cond = (
                f"(ac.name {like} ? OR ac.id {like} ? OR ac.id IN (SELECT actor_id FROM mentions WHERE text {like} ?)"
                + (f" OR ac.id IN ({marks})" if ids else "")
                + ")"
            )
            qargs = [*([f"%{query}%"] * 3), *ids]
        rows = self._x(
            f"""SELECT ac.id, ac.name, ac.type, ac.source, count(*), count(DISTINCT m.article_rowid),
                       {self._concat("a.outlet_name")}
                FROM mentions m JOIN actors ac ON ac.id = m.actor_id JOIN articles a ON a.rowid = m.article_rowid
                WHERE {cond} AND {where}
                GROUP BY ac.id ORDER BY count(*) DESC, ac.name, ac.id LIMIT ?""",
            [*qargs, *args, limit],
        ).fetchall()
        return [ActorSummary(r[0], r[1], r[2], r[3], r[4], r[5], _outlets(r[6])) for r in rows]

    def actor(self, actor_id: str, filters: Filters | None = None) -> ActorSummary | None:
        """One actor's summary, or None when no stored article mentions them."""
        where, args = self._where(filters)
        r = self._x(
            f"""SELECT ac.id, ac.name, ac.type, ac.source, count(*), count(DISTINCT m.article_rowid),
                       {self._concat("a.outlet_name")}
                FROM mentions m JOIN actors ac ON ac.id = m.actor_id JOIN articles a ON a.rowid = m.article_rowid
                WHERE m.actor_id = ? AND {where} GROUP BY ac.id""",
            [actor_id, *args],
        ).fetchone()
        return None if r is None else ActorSummary(r[0], r[1], r[2], r[3], r[4], r[5], _outlets(r[6]))

    def actor_mentions(self, actor_id: str, filters: Filters | None = None) -> list[ActorMention]:
        """Every mention of the actor, in publication order, with its article and outlet."""
        where, args = self._where(filters)
        rows = self._x(
            f"""SELECT a.id, a.title, a.published, a.outlet_name, m.start, m.end, m.text, m.kind, m.how
                FROM mentions m JOIN articles a ON a.rowid = m.article_rowid
                WHERE m.actor_id = ? AND {where}
                ORDER BY a.published_start, a.rowid, m.start, m.end""",
            [actor_id, *args],
        ).fetchall()
        return [ActorMention(*r) for r in rows]

    def actor_quotes(self, actor_id: str, filters: Filters | None = None) -> list[ActorQuote]:
        """The actor's quotes ("by") and the quotes that mention the actor ("about"), in publication order."""
        where, args = self._where(filters)
        rows = self._x(
            f"""WITH hits(article_rowid, idx) AS (
                    SELECT q.article_rowid, q.idx FROM quotes q WHERE q.speaker_id = ?
                    UNION
                    SELECT q.article_rowid, q.idx FROM mentions m
                    JOIN quotes q ON q.article_rowid = m.article_rowid AND m.start >= q.start AND m.end <= q.end
                    WHERE m.actor_id = ?)
                SELECT a.id, a.title, a.published, a.outlet_name, q.start, q.end, q.kind, q.speaker_name,
                       CASE WHEN q.speaker_id = ? THEN 'by' ELSE 'about' END, substr(a.text, q.start + 1, q.end - q.start),
                       a.language
                FROM hits JOIN quotes q ON q.article_rowid = hits.article_rowid AND q.idx = hits.idx
                JOIN articles a ON a.rowid = q.article_rowid
                WHERE {where}
                ORDER BY a.published_start, a.rowid, q.start""",
            [actor_id, actor_id, actor_id, *args],
        ).fetchall()
        return [ActorQuote(*r) for r in rows]

    # --- stories ------------------------------------------------------------------------------------------------
    def unclustered(self, limit: int = 1000) -> list[Document]:
        """Articles not yet in a story, in publication order (undated ones last)."""
        rows = self._x(
            """SELECT a.id, a.text, a.analysis FROM articles a
               WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_rowid = a.rowid)
               ORDER BY a.published_start IS NULL, a.published_start, a.rowid LIMIT ?""",
            (limit,),
        ).fetchall()
        return [self._doc(r) for r in rows]

    def story_records(self) -> list[StoryRecord]:
        return [
            StoryRecord(r[0], r[1], r[2], r[3], r[4], None if r[5] is None else bytes(r[5]), *(json.loads(x) for x in r[6:9]))
            for r in self._x(
                "SELECT id, label, first_day, last_day, size, centroid, terms, actors, languages FROM stories ORDER BY id"
            )
        ]

    def save_stories(self, stories: Sequence[StoryRecord], members: Sequence[tuple[str, int, float]]) -> None:
        """Write changed stories and their new members ((article id, story id, score)) in one transaction."""
        self._begin()
        try:
            self._xmany(
                """INSERT INTO stories (id, label, first_day, last_day, size, centroid, terms, actors, languages)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day,
                       size = excluded.size, centroid = excluded.centroid, terms = excluded.terms, actors = excluded.actors,
                       languages = excluded.languages""",
                [
                    (
                        s.id,
                        s.label,
                        s.first,
                        s.last,
                        s.size,
                        s.centroid,
                        json.dumps(s.terms, ensure_ascii=False),
                        json.dumps(s.actors),
                        json.dumps(s.languages),
                    )
                    for s in stories
                ],
            )
            self._xmany(
                """INSERT INTO story_articles (article_rowid, story_id, score)
                   SELECT rowid, ?, ? FROM articles WHERE id = ?
                   ON CONFLICT (article_rowid) DO UPDATE SET story_id = excluded.story_id, score = excluded.score""",
                [(sid, score, aid) for aid, sid, score in members],
            )
            self._commit()
        except BaseException:
            self._rollback()
            raise

    def _story_summaries(self, where: str, args: list[Any], limit: int, offset: int) -> list[StorySummary]:
        rows = self._x(
            f"""SELECT st.id, st.label, st.first_day, st.last_day, count(*), {self._concat("a.outlet_name")}
                FROM stories st JOIN story_articles sa ON sa.story_id = st.id JOIN articles a ON a.rowid = sa.article_rowid
                WHERE {where} GROUP BY st.id
                ORDER BY count(DISTINCT coalesce(a.outlet_name, '')) DESC, count(*) DESC, st.last_day DESC, st.id
                LIMIT ? OFFSET ?""",
            [*args, limit, offset],
        ).fetchall()
        return [StorySummary(r[0], r[1], r[2], r[3], r[4], _outlets(r[5])) for r in rows]

    def stories(self, filters: Filters | None = None, limit: int = 50, offset: int = 0) -> list[StorySummary]:
        """Stories of the stored articles: those told by the most outlets first, then the biggest."""
        where, args = self._where(filters)
        return self._story_summaries(where, args, limit, offset)

    def story(self, story_id: int) -> tuple[StorySummary, list[Hit]] | None:
        found = self._story_summaries("st.id = ?", [story_id], 1, 0)
        if not found:
            return None
        rows = self._x(
            """SELECT a.id, a.title, a.published, a.outlet_name, a.language, a.source_path, a.source_url, sa.score
               FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid
               WHERE sa.story_id = ? ORDER BY a.published_start, a.rowid""",
            (story_id,),
        ).fetchall()
        return found[0], [Hit(r[0], r[1], r[2], r[3], r[4], r[7], None, _sources(r[5], r[6])) for r in rows]

    def story_of(self, doc_id: str) -> int | None:
        r = self._x(
            "SELECT sa.story_id FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid WHERE a.id = ?", (doc_id,)
        ).fetchone()
        return int(r[0]) if r else None

    def iter_documents(self, filters: Filters | None = None) -> Iterator[Document]:
        """Every article (that the filters let through) in the order stored, read 200 at a time."""
        where, args = self._where(filters)
        after = 0
        while True:
            rows = self._x(
                f"SELECT a.rowid, a.id, a.text, a.analysis FROM articles a WHERE a.rowid > ? AND {where} ORDER BY a.rowid LIMIT 200",
                [after, *args],
            ).fetchall()
            if not rows:
                return
            after = rows[-1][0]
            for row in rows:
                yield self._doc(row[1:])

    def failures(self) -> list[Failure]:
        return [
            Failure(source=r[0], sha256=r[1] or "", reason=r[2], at=r[3])
            for r in self._x("SELECT source, sha256, reason, at FROM failures ORDER BY source")
        ]

    # --- fetching ----------------------------------------------------------------------------------------------
    def fetch_state(self, url: str) -> dict[str, Any] | None:
        """What the last fetch of ``url`` returned to validate the next one (ETag, Last-Modified)."""
        row = self._x("SELECT etag, last_modified, final_url, fetched_at FROM fetch_state WHERE url = ?", (url,)).fetchone()
        return None if row is None else {"etag": row[0], "last_modified": row[1], "final_url": row[2], "fetched_at": row[3]}

    def save_fetch_state(self, url: str, state: dict[str, Any]) -> None:
        self._x(
            """INSERT INTO fetch_state VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
               last_modified = excluded.last_modified, final_url = excluded.final_url, fetched_at = excluded.fetched_at""",
            (url, state.get("etag"), state.get("last_modified"), state.get("final_url"), state.get("fetched_at") or now_iso()),
        )

    def known_urls(self, urls: Sequence[str]) -> set[str]:
        """Which of ``urls`` an article was stored from (as its URL, or the URL a fetch was asked for), or failed."""
        found: set[str] = set()
        for i in range(0, len(urls), 500):
            part = list(urls[i : i + 500])
            marks = ",".join("?" * len(part))
            found.update(r[0] for r in self._x(f"SELECT source_url FROM articles WHERE source_url IN ({marks})", part))
            found.update(r[0] for r in self._x(f"SELECT source FROM failures WHERE source IN ({marks})", part))
            found.update(r[0] for r in self._x(f"SELECT source FROM seen_sources WHERE source IN ({marks})", part))
        return found

    # --- checking ----------------------------------------------------------------------------------------------
    _SIDE_TABLES = (
        "raw_sources", "mentions", "quotes", "findings", "story_articles", "article_minhash", "article_bands", "article_versions"
    )  # fmt: skip

    def check(self, repair: bool = False) -> list[Problem]:
        """Everything that should hold in a newsprism database, checked; with ``repair``, what can be repaired is,
        in one transaction (what cannot — a damaged file — says how)."""
        problems = self._check_file()
        if any(p.part == "file" for p in problems):
            return problems  # nothing else can be trusted, nor repaired in place
        problems += self._check_index()

        def one(sql: str) -> int:
            return int(self._x(sql).fetchone()[0])

        for table in self._SIDE_TABLES:
            n = one(f"SELECT count(*) FROM {table} WHERE article_rowid NOT IN (SELECT rowid FROM articles)")
            if n:
                problems.append(Problem(table, f"{n} rows of {table} belong to no article", n))
        n = one("SELECT count(*) FROM seen_sources WHERE article_id NOT IN (SELECT id FROM articles)")
        if n:
            problems.append(Problem("seen_sources", f"{n} inputs are marked as stored but their article is not", n))
        n = one("SELECT count(*) FROM story_articles WHERE story_id NOT IN (SELECT id FROM stories)")
        if n:
            problems.append(Problem("stories", f"{n} articles are in a story that does not exist", n))
        n = one(
            """SELECT count(*) FROM stories s
               WHERE s.size != (SELECT count(*) FROM story_articles m WHERE m.story_id = s.id)"""
        )
        if n:
            problems.append(Problem("stories", f"{n} stories have a size that is not their number of articles", n))
        n = one("SELECT count(*) FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)")
        if n:
            problems.append(Problem("stories", f"{n} stories have no articles", n))
        if repair and problems:
            self._begin()
            try:
                for table in self._SIDE_TABLES:
                    self._x(f"DELETE FROM {table} WHERE article_rowid NOT IN (SELECT rowid FROM articles)")
                self._x("DELETE FROM seen_sources WHERE article_id NOT IN (SELECT id FROM articles)")
                self._x("DELETE FROM story_articles WHERE story_id NOT IN (SELECT id FROM stories)")
                self._x("UPDATE stories SET size = (SELECT count(*) FROM story_articles m WHERE m.story_id = stories.id)")
                self._x("DELETE FROM stories WHERE size = 0")
                if any(p.part == "fts" for p in problems):
                    self._repair_index()
                self._commit()
            except BaseException:
                self._rollback()
                raise
            for p in problems:
                p.repaired = True
        return problems

    def _unindexed(self) -> list[tuple[int, Document]]:
        """Articles without a row in the search index (what a repair indexes again)."""
        rows = self._x(f"SELECT rowid, {self._COLUMNS} FROM articles WHERE rowid NOT IN ({self._INDEXED})").fetchall()
        return [(int(r[0]), self._doc(r[1:])) for r in rows]

    def integrity_ok(self) -> bool:
        """The database's own check plus: every article has exactly one search row."""
        return not self._check_file() and not self._check_index()

    # --- search ------------------------------------------------------------------------------------------------
    def search(self, query: str, filters: Filters | None = None, limit: int = 20, offset: int = 0) -> list[Hit]:
        """Articles matching every word of ``query`` (stemmed: "Impfung" finds "Impfungen"), best first.

        "quoted phrases" match exactly; a trailing * matches a prefix; a name finds the actor in every script.
        """
        limits = settings()
        if len(query) > limits.search_max_chars:
            raise UsageError(
                f"the search query is {len(query)} characters long; at most {limits.search_max_chars} are searched"
                " ($NEWSPRISM_SEARCH_MAX_CHARS)"
            )
        parsed = parse_query(query, (filters.language,) if filters and filters.language else SEARCH_LANGUAGES)
        if not parsed.parts:
            raise UsageError("the search query has no words")
        if len(parsed.parts) > limits.search_max_terms:
            raise UsageError(
                f"the search query has {len(parsed.parts)} words, phrases and prefixes; at most {limits.search_max_terms}"
                " are searched together ($NEWSPRISM_SEARCH_MAX_TERMS)"
            )
        where, args = self._where(filters)
        rows = self._search_rows(query, parsed, where, args, limit, offset, limits.search_seconds)
        hits = [
            Hit(id=r[0], title=r[1], published=r[2], outlet=r[3], language=r[4], score=float(r[7]), source=_sources(r[5], r[6]))
            for r in rows
        ]
        snippets = self._snippets([h.id for h in hits], parsed.words)
        for hit in hits:
            hit.snippet = snippets.get(hit.id)
        return hits

    @staticmethod
    def _search_timeout(seconds: float) -> UsageError:
        return UsageError(
            f"the search took over {seconds:g} s and was stopped: use longer prefixes, fewer alternatives or a filter"
            " ($NEWSPRISM_SEARCH_SECONDS)"
        )

    def _snippets(self, ids: list[str], words: list[str]) -> dict[str, dict[str, Any]]:
        """Each hit's first sentence with a word of the query (or one of its stems), read in one query: the text
        and the sentence spans only, not the whole analysis as a ``Document``."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        out: dict[str, dict[str, Any]] = {}
        wanted_by_lang: dict[str, set[str]] = {}
        for doc_id, text, analysis in self._x(f"SELECT id, text, analysis FROM articles WHERE id IN ({marks})", ids):
            data = json.loads(analysis)
            lang = (data.get("meta") or {}).get("language") or "de"
            if lang not in wanted_by_lang:
                wanted_by_lang[lang] = {x for w in words for x in stems(w, (lang,))} | {w.casefold() for w in words}
            wanted = wanted_by_lang[lang]
            for span in (data.get("layers") or {}).get("sentences", []):
                start, end = int(span["start"]), int(span["end"])
                sentence = text[start:end]
                if wanted & set(terms(sentence)) or wanted & set(stem_text(sentence, lang).split()):
                    out[doc_id] = {"text": sentence, "start": start, "end": end}
                    break
        return out

    # --- hooks: what each backend does its own way ----------------------------------------------------------------
    _INDEXED = "SELECT rowid FROM articles_fts"  # the rowids the search index holds

    def _x(self, sql: str, args: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _xmany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _begin(self) -> None:
        raise NotImplementedError

    def _commit(self) -> None:
        self._x("COMMIT")

    def _rollback(self) -> None:
        raise NotImplementedError

    def _retrying(self, write: Any) -> BatchResult:
        """Run a whole write (PostgreSQL runs it again when the server chose it as a deadlock's victim)."""
        result: BatchResult = write()
        return result

    def _lock_ids(self, ids: Sequence[str]) -> None:
        """Claim the right to write these article ids until the transaction ends (SQLite: its write lock does)."""

    def _nocase(self, column: str) -> str:
        """``column`` equals the next argument, ASCII letters in any case."""
        raise NotImplementedError

    def _concat(self, column: str) -> str:
        """The distinct values of ``column`` in a group, joined by commas."""
        raise NotImplementedError

    def _index(self, rowid: int, search: SearchFields, replace: bool) -> None:
        raise NotImplementedError

    def _check_file(self) -> list[Problem]:
        return []

    def _check_index(self) -> list[Problem]:
        raise NotImplementedError

    def _repair_index(self) -> None:
        raise NotImplementedError

    def _search_rows(
        self, query: str, parsed: ParsedQuery, where: str, args: list[Any], limit: int, offset: int, seconds: float
    ) -> list[Sequence[Any]]:
        """(id, title, published, outlet, language, path, url, score) of the matching articles, best first."""
        raise NotImplementedError

    def story_lock(self) -> AbstractContextManager[None]:
        raise NotImplementedError


_ACTOR_INSERT = "INSERT INTO actors VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"


def _actors_of(doc: Document) -> list[tuple[str, str, str, str]]:
    out = []
    for e in doc.layer("entities"):
        a = e.attrs.get("actor")
        if a:
            out.append((a["id"], a["name"], a["type"], a.get("source") or "registry"))
    return out


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "").replace("%", "").replace("_", "") + "%"


# --- queries ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class QueryPart:
    """One thing a query asks for: ``phrase`` (words in a row, unstemmed), ``prefix`` (a word's beginning) or
    ``stems`` (any of these stems: a word's stems in the languages searched, and those of the actor's other
    spellings)."""

    kind: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    parts: tuple[QueryPart, ...]
    words: list[str]  # plain words, for snippets


_QUERY_TOKEN = re.compile(r'"([^"]+)"|(\S+)')


def parse_query(query: str, languages: tuple[str | None, ...]) -> ParsedQuery:
    """What a user's query asks for, every part required: "quoted phrases", prefix*, and words (stemmed)."""
    langs = tuple(lang for lang in languages if lang) or SEARCH_LANGUAGES
    parts, words = [], []
    for m in _QUERY_TOKEN.finditer(query):
        if m.group(1):
            ws = terms(m.group(1))
            if ws:
                parts.append(QueryPart("phrase", tuple(ws)))
                words += ws
            continue
        raw = m.group(2)
        prefix = raw.endswith("*")
        if prefix and len(raw.rstrip("*")) < 2:
            raise UsageError(f"the prefix {raw!r} is too short to search: give at least two letters before the *")
        for w in terms(raw):
            words.append(w)
            if prefix:
                parts.append(QueryPart("prefix", (w,)))
            else:
                spellings = actor_spellings(w)  # "Putin" finds «Путин», "Lukaschenko" finds "Lukashenko"
                words.extend(spellings)
                alts = dict.fromkeys(x for v in (w, *spellings) for x in stems(v, SEARCH_LANGUAGES if spellings else langs))
                parts.append(QueryPart("stems", tuple(alts)))
    return ParsedQuery(tuple(parts), words)


_PATRONYMIC = re.compile(r"(?:owitsch|ewitsch|ovich|evich|ович|евич|овна|евна|ichna|owna)$", re.IGNORECASE)


def actor_spellings(word: str) -> list[str]:
    """The one-word names of the actor a query word names, in every script the registry knows: "Putin" → Путин,
    Putins …; "Kreml" → Kremlin, Кремль. A word that names several actors, or none, gives nothing."""
    from newsprism.registry.actors import load_actors

    reg = load_actors()
    actors = reg.by_name(word) or reg.by_surname(word)
    if len(actors) != 1:
        return []
    a = actors[0]
    if a.type == "PER":  # surnames, not patronymics ("Wladimir Wladimirowitsch" is Putin, but so named by many)
        names = [n.split()[-1] for n in a.names() if not _PATRONYMIC.search(n.split()[-1])]
    else:
        names = [n for n in a.names() if len(n.split()) == 1]
    low = word.casefold()
    return [n for n in dict.fromkeys(names) if n.casefold() != low and len(n) > 2]


def parse_day(value: str | None, what: str, end: bool = False) -> date | None:
    """A since/until value: YYYY, YYYY-MM or YYYY-MM-DD; ``end``: the last day of the period (for until), else the
    first. ``what`` names the option in the error message only."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    if not m:
        raise UsageError(f"{what} must be a date like 2025, 2025-03 or 2025-03-04, not {value!r}")
    y, mo, d = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    try:
        if end:
            mo = mo or 12
            d = d or calendar.monthrange(y, mo)[1]
        return date(y, mo or 1, d or 1)
    except ValueError as exc:
        raise UsageError(f"{what} {value!r} is not a real date: {exc}") from None
