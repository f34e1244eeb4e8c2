"""Read the quality floors (tests/quality_floors.json): the ratchet every score test checks against."""

from __future__ import annotations

import json
from pathlib import Path

_FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))


def floor(name: str) -> float:
    return float(_FLOORS[name])


def check_floor(name: str, value: float, higher_is_better: bool = True) -> None:
    limit = floor(name)
    ok = value >= limit if higher_is_better else value <= limit
    assert ok, f"{name}: {value:.4f} is {'below' if higher_is_better else 'above'} the floor {limit} (tests/quality_floors.json)"
    slack = value - limit if higher_is_better else limit - value
    if slack > 0.01:
        print(f"\n{name}: {value:.4f} beats the floor {limit}; raise it in tests/quality_floors.json")
