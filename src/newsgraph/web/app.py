"""The web page and the HTTP API: ``create_app(store_url, token)``.

Every page ``/P`` has its JSON twin ``/api/P`` (same parameters, the data the page shows).
Reads go through :mod:`newsgraph.query` and :mod:`newsgraph.web.queries`.

Security: everything from articles is untrusted. Templates autoescape; data for the page's
scripts is embedded as JSON in ``<script type="application/json">`` blocks (``tojson``
escapes ``<``, ``>``, ``&`` and quotes); our scripts write with ``textContent`` only. The
Content-Security-Policy allows scripts, styles and data from this origin only. Writes
(``POST /api/articles``) need ``Authorization: Bearer <token>``; with no token configured
(``NEWSGRAPH_TOKEN`` unset and none given) the server is read-only.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from newsgraph import query
from newsgraph.store import open_store
from newsgraph.store.base import Store
from newsgraph.web import queries, worldmap

HERE = Path(__file__).resolve().parent
TOKEN_ENV = "NEWSGRAPH_TOKEN"
MAX_BODY = 10_000_000
CACHE_SECONDS = 60.0
T = TypeVar("T")
CACHE_ENTRIES = 256

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI sets inline styles on its elements; scripts stay 'self' only.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

def get_store(request: Request) -> Store:
    holder: StoreHolder = request.app.state.holder
    return holder.get()


S = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=0, le=query.MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0)]
#: the ``next`` cursor of the previous page of a keyset-paged list
After = Annotated[str | None, Query(max_length=2000, description="The previous page's `next` cursor: the page after it.")]


def _iso_day(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def keep_query(request: Request, drop: list[str]) -> str:
    """The request's query string without ``drop``, ready to take more parameters."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in drop and v != ""]
    return urlencode(kept) + "&" if kept else ""


def swagger_dir() -> Path | None:
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    path = Path(getattr(swagger_ui_bundle, "swagger_ui_path", ""))
    return path if path.is_dir() else None


class StoreHolder:
    """One store per app, opened on first use (thread-safe)."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self._store: Store | None = None
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()
        self._cache: dict[tuple[str, tuple[tuple[str, Any], ...]], tuple[float, Any]] = {}

    def get(self) -> Store:
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = open_store(self.url)
        return self._store

    def cached(self, view: str, fn: Callable[..., T], store: Store, /, **params: Any) -> T:
        """``fn(store, **params)``, kept for CACHE_SECONDS: the cross-article views (home,
        stories, claims, graph, map) aggregate whole tables. A write through this server
        clears the cache; a write by another process shows within CACHE_SECONDS."""
        key = (view, tuple(sorted(params.items())))
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and now - hit[0] < CACHE_SECONDS:
                return cast(T, hit[1])
        value = fn(store, **params)
        with self._lock:
            if len(self._cache) >= CACHE_ENTRIES:
                self._cache.clear()
            self._cache[key] = (now, value)
        return value

    def forget(self) -> None:
        with self._lock:
            self._cache.clear()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def create_app(store_url: str | None = None, token: str | None = None) -> FastAPI:
    """The app over the store at ``store_url`` (a path or SQLAlchemy URL; default
    ``$NEWSGRAPH_DB`` / ``./newsgraph.db``). ``token`` (default ``$NEWSGRAPH_TOKEN``) is the
    bearer token writes need; without one the app is read-only."""
    token = token if token is not None else (os.environ.get(TOKEN_ENV) or None)
    holder = StoreHolder(store_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        holder.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsgraph", version="1",
        description="Articles as sourced records: entities, quotes, figures, dates, events, headline checks.",
        docs_url=None, redoc_url=None,
    )
    # the packaged Swagger UI (4.x) reads OpenAPI 3.0; the description uses nothing newer
    app.openapi_version = "3.0.3"
    app.state.holder = holder
    app.state.read_only = token is None
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    templates.env.globals["qs"] = keep_query

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        docs = request.url.path.startswith(("/docs", "/vendor/swagger"))
        response.headers["Content-Security-Policy"] = DOCS_CSP if docs else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    swagger = swagger_dir()
    if swagger is not None:
        app.mount("/vendor/swagger", StaticFiles(directory=str(swagger)), name="swagger")

    def page(request: Request, template: str, title: str, data: Any, /, **extra: Any) -> HTMLResponse:
        ctx = {"title": title, "data": data, "nav": NAV, "read_only": app.state.read_only, **extra}
        return templates.TemplateResponse(request, template, ctx)

    # -- home --------------------------------------------------------------------------------

    @app.get("/api/home", tags=["pages"])
    def api_home(s: S) -> dict[str, Any]:
        """Latest articles, biggest stories, newest contradictions, counts."""
        return holder.cached("home", queries.home, s)

    def _keyset(run: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        try:
            return run()
        except ValueError as exc:  # an ``after`` cursor we did not give
            raise HTTPException(422, str(exc)) from None

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, s: S) -> HTMLResponse:
        return page(request, "home.html", "newsgraph", holder.cached("home", queries.home, s))

    # -- articles ----------------------------------------------------------------------------

    def _articles(s: Store, q: str | None, language: str | None, since: str | None,
                  until: str | None, limit: int, offset: int, after: str | None = None) -> dict[str, Any]:
        if q:
            return query.search(s, q, kind="article", limit=limit, offset=offset)
        return _keyset(lambda: query.list_articles(s, language=language, since=_iso_day(since, "since"),
                                                   until=_iso_day(until, "until"), limit=limit, offset=offset,
                                                   after=after))

    @app.get("/api/articles", tags=["articles"])
    def api_articles(s: S, q: str | None = None, language: str | None = None, since: str | None = None,
                     until: str | None = None, limit: Limit = 50, offset: Offset = 0,
                     after: After = None) -> dict[str, Any]:
        """Articles newest first; with ``q``, the articles matching the full-text query.
        ``after``: the previous page's ``next`` cursor (keyset paging)."""
        return _articles(s, q, language, since, until, limit, offset, after)

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles(request: Request, s: S, q: str | None = None, language: str | None = None,
                 since: str | None = None, until: str | None = None, limit: Limit = 50,
                 offset: Offset = 0) -> HTMLResponse:
        data = _articles(s, q, language, since, until, limit, offset)
        return page(request, "articles.html", "Articles", data, q=q or "")

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str, s: S) -> dict[str, Any]:
        """The whole record of one article (plus ``stored``: its sources and revision)."""
        record = query.get_article(s, article_id)
        if record is None:
            raise HTTPException(404, f"no article {article_id}")
        return record

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(article_id: str, request: Request, s: S) -> HTMLResponse:
        record = query.get_article(s, article_id)
        if record is None:
            raise HTTPException(404, f"no article {article_id}")
        return page(request, "article.html", record.get("title") or article_id, record)

    @app.post("/api/articles", tags=["articles"], status_code=201)
    async def api_ingest(request: Request, s: S) -> JSONResponse:
        """Ingest articles: a JSON object ``{"text"|"html", "title", "uri", "published",
        "reference_date"}``, a list of them, JSON lines, or a plain-text / HTML body. Needs
        ``Authorization: Bearer <NEWSGRAPH_TOKEN>``; refused when no token is configured."""
        if token is None:
            raise HTTPException(403, "this server is read-only (no NEWSGRAPH_TOKEN configured)")
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})
        body = await request.body()
        if len(body) > MAX_BODY:
            raise HTTPException(413, "request body too large")
        from newsgraph.web.ingest import IngestRefused, ingest_body

        def run() -> dict[str, Any]:
            with holder.write_lock:
                try:
                    return ingest_body(s, body, request.headers.get("content-type", ""))
                finally:
                    holder.forget()

        try:
            result = await run_in_threadpool(run)
        except IngestRefused as exc:
            raise HTTPException(400, str(exc)) from None
        return JSONResponse(result, status_code=201 if result["stored"] or result["linked"] else 200)

    # -- entities ----------------------------------------------------------------------------

    def _entities(s: Store, name: str | None, type: str | None, article: str | None, group: bool,
                  limit: int, offset: int, after: str | None = None) -> dict[str, Any]:
        if group:
            return query.entity_names(s, name=name, type=type, limit=limit, offset=offset)
        return _keyset(lambda: query.list_entities(s, name=name, type=type, article=article, limit=limit,
                                                   offset=offset, after=after))

    @app.get("/api/entities", tags=["entities"])
    def api_entities(s: S, name: str | None = None, type: str | None = None, article: str | None = None,
                     group: bool = True, limit: Limit = 50, offset: Offset = 0,
                     after: After = None) -> dict[str, Any]:
        """Entities: by default one row per name and type across articles (``group=false``:
        one row per article, keyset-paged with ``after``)."""
        return _entities(s, name, type, article, group, limit, offset, after)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities(request: Request, s: S, name: str | None = None, type: str | None = None,
                 article: str | None = None, group: bool = True, limit: Limit = 50,
                 offset: Offset = 0) -> HTMLResponse:
        data = _entities(s, name, type, article, group, limit, offset)
        return page(request, "entities.html", "Entities", data, group=group, name=name or "", type=type or "")

    @app.get("/api/entity", tags=["entities"])
    def api_entity(s: S, name: str, type: str | None = None, limit: Limit = 50,
                   offset: Offset = 0) -> dict[str, Any]:
        """One name across articles: roles, quotes, events as actor and as target."""
        data = queries.entity(s, name, type=type, limit=limit, offset=offset)
        if data is None:
            raise HTTPException(404, f"no entity named {name!r}")
        return data

    @app.get("/entity", response_class=HTMLResponse, include_in_schema=False)
    def entity(request: Request, s: S, name: str, type: str | None = None, limit: Limit = 50,
               offset: Offset = 0) -> HTMLResponse:
        data = queries.entity(s, name, type=type, limit=limit, offset=offset)
        if data is None:
            raise HTTPException(404, f"no entity named {name!r}")
        return page(request, "entity.html", data["name"], data)

    # -- quotes, events, stories, claims, failures, search -----------------------------------

    @app.get("/api/quotes", tags=["facets"])
    def api_quotes(s: S, speaker: str | None = None, kind: str | None = None, article: str | None = None,
                   limit: Limit = 50, offset: Offset = 0, after: After = None) -> dict[str, Any]:
        """Quotes, by speaker (part of the name, any case), kind and article."""
        return _keyset(lambda: query.list_quotes(s, speaker=speaker, kind=kind, article=article, limit=limit,
                                                 offset=offset, after=after))

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes(request: Request, s: S, speaker: str | None = None, kind: str | None = None,
               article: str | None = None, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
        data = query.list_quotes(s, speaker=speaker, kind=kind, article=article, limit=limit, offset=offset)
        return page(request, "quotes.html", "Quotes", data, speaker=speaker or "")

    def _events(s: Store, type: str | None, actor: str | None, since: str | None, until: str | None,
                article: str | None, limit: int, offset: int, after: str | None = None) -> dict[str, Any]:
        since, until = _iso_day(since, "since"), _iso_day(until, "until")
        if actor:
            data = queries.entity(s, actor, limit=query.MAX_LIMIT)
            found = [] if data is None else [
                e for e in data["as_actor"]
                if (not type or e["type"] == type.upper()) and (not since or (e["date"] or "") >= since)
                and (not until or (e["date"] or "9999") <= until) and (not article or e["article_id"] == article)]
            return {"total": len(found), "total_exact": True, "more": offset + limit < len(found),
                    "limit": limit, "offset": offset, "items": found[offset:offset + limit]}
        return _keyset(lambda: query.list_events(s, type=type, since=since, until=until, article=article,
                                                 limit=limit, offset=offset, after=after))

    @app.get("/api/events", tags=["facets"])
    def api_events(s: S, type: str | None = None, actor: str | None = None, since: str | None = None,
                   until: str | None = None, article: str | None = None, limit: Limit = 50,
                   offset: Offset = 0, after: After = None) -> dict[str, Any]:
        """PLOVER events by type, actor (an entity's exact name), dates and article, newest first
        (``after``: keyset paging, without ``actor``)."""
        return _events(s, type, actor, since, until, article, limit, offset, after)

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events(request: Request, s: S, type: str | None = None, actor: str | None = None,
               since: str | None = None, until: str | None = None, article: str | None = None,
               limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
        data = _events(s, type, actor, since, until, article, limit, offset)
        return page(request, "events.html", "Timeline of events", data, type=type or "", actor=actor or "")

    @app.get("/api/stories", tags=["cross-article"])
    def api_stories(s: S, name: str | None = None, type: str | None = None, limit: Limit = 20,
                    offset: Offset = 0) -> dict[str, Any]:
        """The names most articles share, each with its newest articles."""
        return holder.cached("stories", queries.stories, s, name=name, type=type, limit=limit, offset=offset)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories(request: Request, s: S, name: str | None = None, type: str | None = None,
                limit: Limit = 20, offset: Offset = 0) -> HTMLResponse:
        data = holder.cached("stories", queries.stories, s, name=name, type=type, limit=limit, offset=offset)
        return page(request, "stories.html", "Stories", data)

    @app.get("/api/claims", tags=["cross-article"])
    def api_claims(s: S, measure: str | None = None, unit: str | None = None, article: str | None = None,
                   limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
        """Figure series over time (one point per figure and source) with contradictions."""
        return holder.cached("claims", queries.claims, s, measure=measure, unit=unit, article=article, limit=limit, offset=offset)

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims(request: Request, s: S, measure: str | None = None, unit: str | None = None,
               article: str | None = None, limit: Limit = 20, offset: Offset = 0) -> HTMLResponse:
        data = holder.cached("claims", queries.claims, s, measure=measure, unit=unit, article=article, limit=limit, offset=offset)
        return page(request, "claims.html", "Claims", data, measure=measure or "")

    @app.get("/api/failures", tags=["store"])
    def api_failures(s: S, stage: str | None = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Inputs that could not be read, extracted, stored or reprocessed."""
        return query.list_failures(s, stage=stage, limit=limit, offset=offset)

    @app.get("/failures", response_class=HTMLResponse, include_in_schema=False)
    def failures(request: Request, s: S, stage: str | None = None, limit: Limit = 50,
                 offset: Offset = 0) -> HTMLResponse:
        data = query.list_failures(s, stage=stage, limit=limit, offset=offset)
        return page(request, "failures.html", "Failures", data)

    @app.get("/api/search", tags=["articles"])
    def api_search(s: S, q: str = "", kind: str | None = None, limit: Limit = 50,
                   offset: Offset = 0) -> dict[str, Any]:
        """Full-text search over article text and quotes: words, "a phrase", prefix*, -word, a OR b."""
        return query.search(s, q, kind=kind, limit=limit, offset=offset)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request, s: S, q: str = "", kind: str | None = None, limit: Limit = 50,
               offset: Offset = 0) -> HTMLResponse:
        data = query.search(s, q, kind=kind, limit=limit, offset=offset)
        return page(request, "search.html", "Search", data, q=q)

    # -- graph and map -----------------------------------------------------------------------

    @app.get("/api/graph", tags=["cross-article"])
    def api_graph(s: S, type: str | None = None, since: str | None = None, until: str | None = None,
                  article: str | None = None, limit: Limit = 500, offset: Offset = 0) -> dict[str, Any]:
        """Actors and targets of the newest events as a graph (nodes, counted edges)."""
        return holder.cached("graph", queries.graph, s, type=type, since=_iso_day(since, "since"), until=_iso_day(until, "until"),
                             article=article, limit=limit, offset=offset)

    @app.get("/graph", response_class=HTMLResponse, include_in_schema=False)
    def graph(request: Request, s: S, type: str | None = None, since: str | None = None,
              until: str | None = None, article: str | None = None, limit: Limit = 500,
              offset: Offset = 0) -> HTMLResponse:
        data = holder.cached("graph", queries.graph, s, type=type, since=_iso_day(since, "since"), until=_iso_day(until, "until"),
                             article=article, limit=limit, offset=offset)
        return page(request, "graph.html", "Actor graph", data)

    @app.get("/api/map", tags=["cross-article"])
    def api_map(s: S, name: str | None = None, article: str | None = None, country: str | None = None,
                limit: Limit = 500, offset: Offset = 0) -> dict[str, Any]:
        """Places with coordinates (by name, article, country code), most widely named first."""
        return holder.cached("places", queries.places, s, name=name, article=article, country=country, limit=limit, offset=offset)

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, s: S, name: str | None = None, article: str | None = None,
                 country: str | None = None, limit: Limit = 500, offset: Offset = 0) -> HTMLResponse:
        data = holder.cached("places", queries.places, s, name=name, article=article, country=country, limit=limit, offset=offset)
        return page(request, "map.html", "Map of places", data, article=article or "")

    @app.get("/api/countries", tags=["cross-article"])
    def api_countries() -> Response:
        """Country outlines (Natural Earth 1:110m via the world-atlas package) as GeoJSON-like
        rings of [lon, lat]; empty when the package is not installed."""
        return Response(worldmap.countries_json(), media_type="application/json",
                        headers={"Cache-Control": "public, max-age=86400"})

    # -- docs --------------------------------------------------------------------------------

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return page(request, "docs.html", "API", {"swagger": swagger is not None})

    @app.get("/api/stats", tags=["store"])
    def api_stats(s: S) -> dict[str, int]:
        """Counts of what the store holds."""
        return query.stats(s)

    return app


NAV = [("/", "Home"), ("/articles", "Articles"), ("/entities", "Entities"), ("/quotes", "Quotes"),
       ("/events", "Timeline"), ("/stories", "Stories"), ("/claims", "Claims"), ("/graph", "Graph"),
       ("/map", "Map"), ("/search", "Search"), ("/failures", "Failures"), ("/docs", "API")]


@contextmanager
def serving(app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run ``app`` with uvicorn in a thread; yields its address (for tests and ``--check``)."""
    import socket

    import uvicorn

    if port == 0:
        with socket.socket() as sock:
            sock.bind((host, 0))
            port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(400):
            if server.started:
                break
            time.sleep(0.05)
        else:
            raise RuntimeError("the server did not start")
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
