"""Copy one newsprism database into another (``newsprism migrate --to``): SQLite into PostgreSQL, or back.

Articles are written through the target's own writer, one transaction each, in the order they were stored, so the
target has the same rows in the same order (and links the same versions); with them go their raw pages, the inputs
seen, failures, fetch validators, stories and story members. Copying again finishes an interrupted copy: articles
are keyed by content hash, the rest by its own key. Stories keep their ids when the target has none yet; else they
are numbered after the target's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsprism.storage.base import StoryRecord
from newsprism.storage.sql import SQLStore


@dataclass(slots=True)
class CopyReport:
    articles: int = 0
    new: int = 0
    stories: int = 0
    failures: int = 0
    refused: int = 0


def copy_database(src: SQLStore, dst: SQLStore, progress: Callable[[int], None] | None = None) -> CopyReport:
    report = CopyReport()
    for doc in src.iter_documents():
        doc.source.raw = src.raw_source(doc.id)
        result = dst.write_batch([doc], [])
        report.articles += 1
        report.new += result.new
        report.refused += len(result.refused)
        if progress is not None and report.articles % 200 == 0:
            progress(report.articles)
    _copy_rows(src, dst)
    failures = src.failures()
    if failures:
        dst.write_batch([], failures)
    report.failures = len(failures)
    report.stories = _copy_stories(src, dst)
    return report


def _copy_rows(src: SQLStore, dst: SQLStore) -> None:
    """What is not part of an article: other inputs seen with the same text, fetch validators, when each article
    was first ingested."""
    dst._begin()
    try:
        dst._xmany(
            "INSERT INTO seen_sources VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            src._x("SELECT sha256, article_id, source FROM seen_sources ORDER BY sha256").fetchall(),
        )
        dst._xmany("UPDATE articles SET ingested_at = ? WHERE id = ?", src._x("SELECT ingested_at, id FROM articles").fetchall())
        dst._commit()
    except BaseException:
        dst._rollback()
        raise
    for url, etag, modified, final, at in src._x("SELECT url, etag, last_modified, final_url, fetched_at FROM fetch_state"):
        dst.save_fetch_state(url, {"etag": etag, "last_modified": modified, "final_url": final, "fetched_at": at})


def _copy_stories(src: SQLStore, dst: SQLStore) -> int:
    records = src.story_records()
    if not records:
        return 0
    shift = max((s.id for s in dst.story_records()), default=0)
    members = [
        (aid, int(sid) + shift, float(score))
        for aid, sid, score in src._x(
            "SELECT a.id, sa.story_id, sa.score FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid ORDER BY a.rowid"
        )
    ]
    shifted = [
        StoryRecord(s.id + shift, s.label, s.first, s.last, s.size, s.centroid, s.terms, s.actors, s.languages) for s in records
    ]
    with dst.story_lock():
        dst.save_stories(shifted, members)
    return len(records)
