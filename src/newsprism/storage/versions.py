"""Near-duplicates: the same wire story with a changed line, an updated version of an article, told apart from
unrelated articles by MinHash (datasketch) over word 5-shingles, found by locality-sensitive banding.

An article whose estimated Jaccard similarity to a stored one is at least ``THRESHOLD`` is stored as its own
article (its text is another text) and linked as a version of the first stored one. 64 permutations in 16 bands
of 4: a pair at 0.8 similarity shares a band with probability 0.9998, a pair at 0.3 with 0.12 (those candidates
are then dropped by their estimate).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
SHINGLE = 5
THRESHOLD = 0.8
MIN_WORDS = 40  # shorter texts (a headline, a teaser) share too much by chance to be versions
_WORD = re.compile(r"\w+", re.UNICODE)


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of ``text``'s word 5-shingles, or None when it is too short to compare."""
    from datasketch import MinHash

    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    m = MinHash(num_perm=PERMUTATIONS, seed=1)
    m.update_batch([" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)])
    return np.asarray(m.hashvalues, dtype=np.uint32)


def bands(sig: np.ndarray) -> list[int]:
    """One key per band: the band's rows hashed with its index (a signed 64-bit integer, for SQLite)."""
    out = []
    for b in range(BANDS):
        digest = hashlib.blake2b(bytes([b]) + sig[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))
