"""Every command has help, and every command and option the README documents exists."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name):
    res = CliRunner().invoke(cli, [name, "--help"])
    assert res.exit_code == 0
    cmd = cli.commands[name]
    assert cmd.help and len(cmd.help.strip()) > 20
    for p in cmd.params:
        if isinstance(p, click.Option):
            assert p.help, f"{name} {p.opts} has no help text"


def _documented() -> list[tuple[str, set[str]]]:
    out = []
    for m in re.finditer(r"`newsprism ([a-z]+)([^`]*)`", README):
        out.append((m.group(1), set(re.findall(r"--[a-z][a-z-]*", m.group(2)))))
    return out


def test_readme_documents_every_command():
    documented = {name for name, _ in _documented()}
    assert set(COMMANDS) <= documented, f"undocumented commands: {set(COMMANDS) - documented}"


@pytest.mark.parametrize(("name", "options"), _documented())
def test_documented_options_exist(name, options):
    assert name in cli.commands, f"README documents `newsprism {name}`, which does not exist"
    have = {o for p in cli.commands[name].params for o in getattr(p, "opts", [])}
    assert options <= have, f"newsprism {name}: README documents {options - have}, which it lacks"


def test_readme_general_options_exist():
    for opt in ("--workers", "--max-bytes", "--outlets"):
        assert opt in README
        assert opt in {o for p in cli.commands["ingest"].params for o in getattr(p, "opts", [])}
