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
    commands = [cmd, *cmd.commands.values()] if isinstance(cmd, click.Group) else [cmd]
    for c in commands:
        assert c.help and len(c.help.strip()) > 20, f"{c.name} has no help"
        for p in c.params:
            if isinstance(p, click.Option):
                assert p.help, f"{c.name} {p.opts} has no help text"


def _documented() -> list[tuple[str, str, set[str]]]:
    out = []
    for m in re.finditer(r"`newsprism ([a-z]+)([^`]*)`", README):
        out.append((m.group(1), m.group(2), set(re.findall(r"--[a-z][a-z-]*", m.group(2)))))
    return out


def test_readme_documents_every_command():
    documented = {name for name, _, _ in _documented()}
    assert set(COMMANDS) <= documented, f"undocumented commands: {set(COMMANDS) - documented}"


def _command(name: str, rest: str) -> click.Command:
    cmd = cli.commands[name]
    if isinstance(cmd, click.Group):  # "newsprism eval quotes …": the subcommand has the options
        sub = rest.split()[0] if rest.split() else ""
        assert sub in cmd.commands, f"README documents `newsprism {name} {sub}`, which does not exist"
        return cmd.commands[sub]
    return cmd


@pytest.mark.parametrize(("name", "rest", "options"), _documented())
def test_documented_options_exist(name, rest, options):
    assert name in cli.commands, f"README documents `newsprism {name}`, which does not exist"
    have = {o for p in _command(name, rest).params for o in getattr(p, "opts", [])}
    assert options <= have, f"newsprism {name}: README documents {options - have}, which it lacks"


def test_readme_general_options_exist():
    for opt in ("--workers", "--max-bytes", "--outlets"):
        assert opt in README
        assert opt in {o for p in cli.commands["ingest"].params for o in getattr(p, "opts", [])}
