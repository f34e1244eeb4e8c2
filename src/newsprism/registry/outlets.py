"""The outlet registry: who publishes, from where, owned by whom.

A bundled YAML file (``newsprism/data/outlets.yaml``) extended by the user's own files, given
with ``--outlets`` or listed in ``NEWSPRISM_OUTLETS``; a user entry with a bundled id replaces it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from newsprism.errors import UsageError
from newsprism.text import match_key

ENV_VAR = "NEWSPRISM_OUTLETS"


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str
    name: str
    country: str | None = None
    state_affiliated: bool | None = None
    ownership: str | None = None
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    note: str | None = None
    feeds: tuple[str, ...] = ()  # RSS/Atom feeds, what `newsprism watch OUTLET` polls
    sitemaps: tuple[str, ...] = ()  # (news) sitemaps, for backfills with `newsprism fetch --sitemap`

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Outlet:
        try:
            return cls(
                id=str(data["id"]),
                name=str(data["name"]),
                country=data.get("country"),
                state_affiliated=data.get("state_affiliated"),
                ownership=data.get("ownership"),
                kind=data.get("kind"),
                aliases=tuple(str(a) for a in data.get("aliases") or ()),
                hosts=tuple(str(h).lower() for h in data.get("hosts") or ()),
                languages=tuple(data.get("languages") or ()),
                note=data.get("note"),
                feeds=tuple(str(u) for u in data.get("feeds") or ()),
                sitemaps=tuple(str(u) for u in data.get("sitemaps") or ()),
            )
        except KeyError as exc:
            raise UsageError(f"outlet entry {dict(data)!r} lacks the field {exc.args[0]!r}") from None

    def ref(self) -> dict[str, Any]:
        """The outlet as the output contract shows it."""
        return {"id": self.id, "name": self.name, "country": self.country, "state_affiliated": self.state_affiliated}


@dataclass
class OutletRegistry:
    outlets: dict[str, Outlet] = field(default_factory=dict)
    _by_name: dict[str, str] = field(default_factory=dict, repr=False)
    _by_host: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        self._by_name.clear()
        self._by_host.clear()
        for o in self.outlets.values():
            for n in (o.name, o.id, *o.aliases):
                self._by_name.setdefault(n if len(n) <= 2 else match_key(n), o.id)
            for h in o.hosts:
                self._by_host[h] = o.id

    def add(self, outlets: Iterable[Outlet]) -> None:
        for o in outlets:
            self.outlets[o.id] = o
        self._index()

    def __len__(self) -> int:
        return len(self.outlets)

    def get(self, outlet_id: str) -> Outlet | None:
        return self.outlets.get(outlet_id)

    def by_name(self, name: str) -> Outlet | None:
        """Look a name or alias up; names of one or two letters must match exactly ("AP", not "ap")."""
        name = name.strip()
        key = name if len(name) <= 2 else match_key(name)
        oid = self._by_name.get(key)
        return self.outlets[oid] if oid else None

    def by_host(self, url_or_host: str) -> Outlet | None:
        host = urlsplit(url_or_host).hostname if "/" in url_or_host else url_or_host
        host = (host or "").lower().rstrip(".")
        while host:
            if host in self._by_host:
                return self.outlets[self._by_host[host]]
            host = host.partition(".")[2] if "." in host else ""
        return None


def _read(source: Path | str, text: str) -> list[Outlet]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise UsageError(f"outlet registry {source} is not valid YAML: {exc}") from None
    entries = data.get("outlets") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise UsageError(f"outlet registry {source} must hold a list under 'outlets:'")
    return [Outlet.from_mapping(e) for e in entries]


@lru_cache(maxsize=1)
def _bundled() -> tuple[Outlet, ...]:
    text = resources.files("newsprism.data").joinpath("outlets.yaml").read_text(encoding="utf-8")
    return tuple(_read("bundled outlets.yaml", text))


def load_outlets(extra: Iterable[str | Path] = ()) -> OutletRegistry:
    """The bundled registry, then files from ``NEWSPRISM_OUTLETS``, then ``extra`` (later entries win)."""
    reg = OutletRegistry({o.id: o for o in _bundled()})
    paths = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p] + [str(p) for p in extra]
    for p in paths:
        path = Path(p)
        if not path.is_file():
            raise UsageError(f"outlet registry file {path} does not exist")
        reg.add(_read(path, path.read_text(encoding="utf-8")))
    return reg


@lru_cache(maxsize=8)
def default_outlets() -> OutletRegistry:
    return load_outlets()
