"""Following outlets on the web: a guarded, polite HTTP fetcher (``client``), the address rule it fetches under
(``guard``), and the listings that say what to fetch: feeds, sitemaps, a homepage's feed links (``discover``)."""

from __future__ import annotations

from newsprism.fetch.client import Fetched, Fetcher
from newsprism.fetch.guard import Guard, Refused

__all__ = ["Fetched", "Fetcher", "Guard", "Refused"]
