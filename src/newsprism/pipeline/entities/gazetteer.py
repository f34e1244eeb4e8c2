"""Gazetteers for the NER: the actor registry (every name and spelling, with its type) and the world's cities
(GeoNames via scripts/build_places.py)."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from newsprism.registry.actors import ActorRegistry, load_actors


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    raw = resources.files("newsprism.data").joinpath("places.txt.gz").read_bytes()
    return frozenset(line for line in gzip.decompress(raw).decode("utf-8").splitlines() if line and not line.startswith("#"))


def gazetteer_for(registry: ActorRegistry) -> Callable[[str], str | None]:
    known_places = places()

    @lru_cache(maxsize=32768)
    def lookup(name: str) -> str | None:
        hits = registry.by_name(name)
        if hits:
            return hits[0].type
        return "LOC" if name in known_places else None

    return lookup


@lru_cache(maxsize=1)
def default_gazetteer() -> Callable[[str], str | None]:
    return gazetteer_for(load_actors())
