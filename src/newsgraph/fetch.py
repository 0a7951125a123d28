"""Fetching a list of URLs politely (httpx): robots.txt, a per-host rate limit, timeouts and a
size cap. Each URL becomes an :class:`Article` or a :class:`~newsgraph.sources.SourceError`
naming the URL and the reason; one bad URL never stops the list.

- robots.txt is read once per origin (scheme, host, port) and obeyed for our user agent; a
  ``Crawl-delay`` longer than the policy's delay is honoured. A robots.txt that answers 4xx
  allows everything; one that cannot be fetched or answers 5xx disallows the host (RFC 9309).
- Requests to one host are at least ``delay`` seconds apart (robots.txt requests included).
- Redirects are followed by hand (at most 5), each hop checked against its own robots.txt.
- A body over ``max_bytes`` (by Content-Length, or while streaming) is refused; so is a
  response that is not HTML or plain text.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsgraph import __version__
from newsgraph.pipeline import Article, InputError
from newsgraph.sources import MAX_BYTES, SourceError

USER_AGENT = f"newsgraph/{__version__}"
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass
class FetchPolicy:
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0  # connect / read / write / pool timeout, seconds
    max_bytes: int = MAX_BYTES
    user_agent: str = USER_AGENT
    max_redirects: int = 5


DEFAULT_POLICY = FetchPolicy()


@dataclass
class Fetcher:
    """One polite client: robots.txt rules and the last request time per host."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.policy.timeout), follow_redirects=False, trust_env=False,
                headers={"User-Agent": self.policy.user_agent, "Accept": "text/html, text/plain;q=0.8"},
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _wait(self, host: str, delay: float) -> None:
        """Sleep until ``delay`` seconds have passed since the last request to ``host`` ended."""
        last = self._last.get(host)
        if last is not None:
            pause = last + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)

    def _ended(self, host: str) -> None:
        self._last[host] = time.monotonic()

    def _delay(self, origin: str) -> float:
        rules = self._robots.get(origin)
        crawl = rules.crawl_delay(self.policy.user_agent) if rules is not None else None
        return max(self.policy.delay, float(crawl or 0))

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin, parts.netloc)
        rules = self._robots[origin]
        return rules is not None and rules.can_fetch(self.policy.user_agent, url)

    def _read_robots(self, origin: str, host: str) -> RobotFileParser | None:
        rules = RobotFileParser(origin + "/robots.txt")
        self._wait(host, self.policy.delay)
        try:
            response = self.client.get(origin + "/robots.txt", follow_redirects=True)
        except httpx.HTTPError:
            return None  # unreachable: treat the host as disallowed
        finally:
            self._ended(host)
        if response.status_code >= 500:
            return None
        if response.status_code >= 400:
            rules.parse([])  # no robots.txt: everything allowed
        else:
            rules.parse(response.text[:500_000].splitlines())
        return rules

    def fetch(self, url: str) -> Article:
        """The page at ``url`` as an Article; a SourceError with the reason otherwise."""
        from newsgraph.containers import decode_page

        current = url
        for _hop in range(self.policy.max_redirects + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise SourceError(f"{url}: not an http(s) URL", url)
            if not self.allowed(current):
                raise SourceError(f"{url}: disallowed by robots.txt ({parts.scheme}://{parts.netloc}/robots.txt)", url)
            self._wait(parts.netloc, self._delay(f"{parts.scheme}://{parts.netloc}"))
            try:
                with self.client.stream("GET", current) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    data, content_type = self._body(url, response)
            except httpx.TimeoutException:
                raise SourceError(f"{url}: timed out (limit {self.policy.timeout:g} s)", url) from None
            except httpx.HTTPError as exc:
                raise SourceError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})", url) from None
            finally:
                self._ended(parts.netloc)
            try:
                text = decode_page(data, content_type, url)
            except InputError as exc:
                raise SourceError(str(exc), url) from None
            kind = "text" if content_type.lower().startswith("text/plain") else "html"
            return Article(content=text, kind=kind, uri=url, raw=data)
        raise SourceError(f"{url}: too many redirects (more than {self.policy.max_redirects})", url)

    def _body(self, url: str, response: httpx.Response) -> tuple[bytes, str]:
        cap = self.policy.max_bytes
        if response.status_code >= 400 or response.status_code < 200:
            raise SourceError(f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip(), url)
        content_type = response.headers.get("content-type", "")
        if content_type and not content_type.lower().startswith(TEXT_TYPES):
            raise SourceError(f"{url}: not an HTML page (content type {content_type.split(';')[0]})", url)
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            raise SourceError(f"{url}: too large ({int(length)} bytes; the limit is {cap})", url)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise SourceError(f"{url}: too large (over {cap} bytes; the limit is {cap})", url)
            chunks.append(chunk)
        return b"".join(chunks), content_type or "text/html"


def fetch_urls(urls: Iterable[str], policy: FetchPolicy | None = None) -> Iterator[Article | InputError]:
    """Fetch each URL in turn, politely; an Article or a SourceError for each."""
    with Fetcher(policy or DEFAULT_POLICY) as fetcher:
        for url in urls:
            try:
                yield fetcher.fetch(url)
            except SourceError as exc:
                yield exc
