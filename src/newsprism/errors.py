"""Every error newsprism raises on purpose, in one tree.

NewsprismError
├── InputError            a document that cannot be read: empty, binary, too large, undecodable, no article text
│                         (the batch goes on; the document gets this reason, stored and shown)
├── SpanError             a stage produced offsets outside the text: a bug, never the input's fault
├── PipelineError         stages assembled in an order where one lacks what it needs
├── StorageError          the database cannot be opened, migrated or written
└── UsageError            a command was called with arguments that cannot work

Messages say what went wrong and, where there is something to do, what to do.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""


class InputError(NewsprismError):
    """A document that cannot be read; ``reason`` is one line for the user, ``source`` where it came from."""

    def __init__(self, reason: str, source: str | None = None) -> None:
        super().__init__(f"{source}: {reason}" if source else reason)
        self.reason = reason
        self.source = source


class SpanError(NewsprismError, ValueError):
    """A span whose offsets do not index the document's text."""


class PipelineError(NewsprismError):
    """A pipeline whose stages cannot run in the order given."""


class StorageError(NewsprismError):
    """The database cannot be opened, migrated or written."""


class UsageError(NewsprismError):
    """Arguments that cannot work together."""
