"""Command-line interface (Typer + Rich): ``stratagem run``, ``stratagem scenarios ...``."""

from stratagem.cli.app import app, main

__all__ = ["app", "main"]
