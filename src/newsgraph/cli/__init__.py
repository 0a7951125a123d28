"""The command line: a thin shell over the library. Each area registers its commands here.

stdout carries only records and command output; progress, warnings and errors go to stderr.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsgraph",
    help="Turn news articles into a sourced, queryable picture of what they report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # Each module adds its commands to ``app`` when imported.
    from newsgraph.cli import evaluate, extract  # noqa: F401

    for optional in ("store", "serve", "batch", "picture"):
        try:
            __import__(f"newsgraph.cli.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"newsgraph.cli.{optional}":
                raise


_register()


def main() -> None:
    app()
