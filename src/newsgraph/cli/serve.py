"""``newsgraph serve``: the web page and the HTTP API over a store, on loopback by default."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from newsgraph.cli import app


@app.command()
def serve(
    db: Annotated[str | None, typer.Option(help="Store: a SQLite path or a database URL (default $NEWSGRAPH_DB or ./newsgraph.db).")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback unless told otherwise).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free port).")] = 8000,
) -> None:
    """Serve the web page and the HTTP API until stopped (Ctrl-C). Writes (POST
    /api/articles) need the bearer token in $NEWSGRAPH_TOKEN; without it the server is read-only."""
    import socket

    import uvicorn

    from newsgraph.store import resolve_url
    from newsgraph.web.app import create_app

    try:
        url = resolve_url(db)
    except Exception as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise typer.Exit(2) from None
    web = create_app(url)
    if port == 0:
        with socket.socket() as s:
            s.bind((host, 0))
            port = int(s.getsockname()[1])
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.stderr.write(f"warning: listening on {host}, not only on this machine\n")
    if not os.environ.get("NEWSGRAPH_TOKEN"):
        sys.stderr.write("read-only: set NEWSGRAPH_TOKEN to accept POST /api/articles\n")
    sys.stdout.write(f"http://{host}:{port}/\n")
    sys.stdout.flush()
    uvicorn.run(web, host=host, port=port, log_level="warning")
