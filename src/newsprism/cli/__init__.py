"""Command-line interface."""

from newsprism.cli.main import cli, main

__all__ = ["cli", "main"]
