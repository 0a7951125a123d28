"""HTML pages: the article text and metadata with trafilatura (and htmldate for a date shown
only on the page). The clean stage then cleans the text like plain text."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

SHORT_ARTICLE = 250  # characters: trafilatura's own minimum extracted size


@lru_cache(maxsize=1)
def _small_config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    return config


def _has_body(text: str) -> bool:
    from newsgraph.stages.clean import paragraph_like

    return any(paragraph_like(line.strip()) for line in text.split("\n"))


def html_text(html: str, not_after: str) -> tuple[str, dict[str, object]]:
    """The article text of a page with trafilatura, and its metadata."""
    import trafilatura

    params = {"extensive_search": False, "original_date": True, "max_date": not_after}
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=params,
    )
    data = (doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)) if doc is not None else {}
    text = str(data.get("text") or "")
    if len(text) < SHORT_ARTICLE or "\n" not in text.strip():
        # A very short article: trafilatura's size threshold sends it to a fallback that
        # drops the paragraph breaks (or loses it). Extract again with no threshold and keep
        # that when it has a body sentence.
        short = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params=params,
            config=_small_config(),
        )
        if short is not None:
            small = short.as_dict() if hasattr(short, "as_dict") else dict(short)
            if _has_body(str(small.get("text") or "")):
                data = small
    if not data:
        return "", {}
    if not data.get("date"):
        data["date"] = _visible_date(html, not_after)
    authors = [a.strip() for a in re.split(r";|\band\b", str(data.get("author") or "")) if a.strip()]
    if not authors:
        authors = _visible_byline(html) or _jsonld_authors(html)
    meta: dict[str, object] = {
        "decks": _deck_hints(html),
        "title": data.get("title") or None,
        "date": data.get("date") or None,
        "sitename": data.get("sitename") or _title_suffix(html, str(data.get("title") or "")),
        "authors": authors,
        "datetime": _published_datetime(html, str(data.get("date") or "")),
    }
    return str(data.get("text") or ""), meta


_PUBLISHED_TIME = re.compile(
    r"""(?:property|name|itemprop)=["'](?:article:published_time|og:published_time|datePublished|pubdate|publish-date)["'][^>]*?content=["']([^"']{10,40})["']"""
    r'|"datePublished"\s*:\s*"([^"]{10,40})"',
    re.I,
)
_ISO_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?")


def _published_datetime(html: str, date: str) -> str | None:
    """The publication time the page's meta tags or JSON-LD give, when it agrees with the
    date trafilatura found (ISO 8601 as written)."""
    if not date:
        return None
    for m in _PUBLISHED_TIME.finditer(html[:200000]):
        value = (m.group(1) or m.group(2) or "").strip()
        if _ISO_DATETIME.fullmatch(value) and value.startswith(date):
            return value
    return None


# "By Jane Doe", "Posted on March 3, 2025 by Jane Doe", "By <a ...>Jane Doe</a>"
_BY_TEXT = re.compile(
    r">\s*(?:(?:posted|published|written|updated)\b[^<>]{0,60}?\s)?(By)\s*(?:<a\b[^>]*>\s*)?((?-i:[A-Z])[^<>]{2,120}?)\s*<", re.I
)


def _visible_byline(html: str) -> list[str]:
    """Authors from a "By Jane Doe" line of the page when its metadata names nobody."""
    import html as html_lib

    from newsgraph.stages.dateline import read_byline

    for m in _BY_TEXT.finditer(html[:200000]):
        line = "By " + " ".join(html_lib.unescape(m.group(2)).split())
        byline = read_byline(line, header=False)
        if byline and byline.authors:
            return byline.authors
    return []


_JSONLD = re.compile(r"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.I | re.S)


def _jsonld_authors(html: str) -> list[str]:
    """Authors a page's JSON-LD article object names ("author": "Jane Roe", {"name": ...} or
    a list of either), when neither trafilatura nor a visible byline gave any."""
    import json

    from newsgraph.stages.dateline import person_name

    def articles(node: Any) -> list[dict[str, Any]]:
        if isinstance(node, list):
            return [a for item in node for a in articles(item)]
        if not isinstance(node, dict):
            return []
        found = [a for item in node.get("@graph", []) for a in articles(item)] if "@graph" in node else []
        kind = node.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
            found.append(node)
        return found

    for m in _JSONLD.finditer(html[:300000]):
        try:
            data = json.loads(m.group(1))
        except ValueError:
            continue
        for article in articles(data):
            raw = article.get("author")
            items = raw if isinstance(raw, list) else [raw]
            names = [str(a.get("name") if isinstance(a, dict) else a or "").strip() for a in items]
            names = [n for n in names if n and person_name(n)]
            if names:
                return names
    return []


_DECK_OPEN = re.compile(r"<(h2|h3|p|div|span)\b([^>]*)>", re.I)
_DECK_ATTR = re.compile(r"""\b(?:class|itemprop)\s*=\s*["']([^"']{1,300})["']""", re.I)
# A class or itemprop naming a deck: "standfirst", "article__dek", "c-subtitle", "strapline".
_DECK_NAME = re.compile(
    r"(?:^|[_-])(?:standfirst|dek|deck|subtitle|sub-title|subheadline|sub-headline|subhed|strapline|alternativeheadline)$",
    re.I,
)
_TAG = re.compile(r"<[^>]+>")
_DECK_NEAR_H1 = 1500  # characters of markup after the headline's </h1> a deck starts within


def _deck_hints(html: str) -> list[str]:
    """The texts of the page's elements marked as a deck (class or itemprop "standfirst",
    "dek", "subtitle", "strapline" ...) that start just after the headline's ``</h1>``: the
    clean stage keeps such a line under the title as a subtitle whatever its form (a deck
    may be a full past-tense sentence), and puts it back under the title when the
    extracted text lost it."""
    import html as html_lib

    found: list[str] = []
    page = html[:300000]
    h1 = re.search(r"</h1\s*>", page, re.I)
    for m in _DECK_OPEN.finditer(page):
        if h1 is not None and not h1.end() <= m.start() <= h1.end() + _DECK_NEAR_H1:
            continue  # a deck stands right under the headline, not in a sidebar
        attr = _DECK_ATTR.search(m.group(2))
        if attr is None or not any(_DECK_NAME.search(token) for token in attr.group(1).split()):
            continue
        close = re.compile(rf"</{m.group(1)}\s*>", re.I).search(page, m.end(), m.end() + 1500)
        if close is None:
            continue
        text = " ".join(html_lib.unescape(_TAG.sub(" ", page[m.end():close.start()])).split())
        if 2 <= len(text.split()) <= 60 and text not in found:
            found.append(text)
        if len(found) >= 3:
            break
    return found


_TITLE_TAG = re.compile(r"<title[^>]*>([^<]{1,400})</title>", re.I)


def _title_suffix(html: str, title: str) -> str | None:
    """The site name a page's <title> appends to the headline ("Headline | Site")."""
    import html as html_lib

    m = _TITLE_TAG.search(html[:20000])
    if m is None or not title:
        return None
    full = " ".join(html_lib.unescape(m.group(1)).split())
    if not full.startswith(title) or full == title:
        return None
    rest = re.match(r"\s*[|\-–—:·•]\s*(.{2,60})$", full[len(title):])
    return rest.group(1).strip() if rest else None


def _visible_date(html: str, not_after: str) -> str | None:
    """A date htmldate reads off the visible page (a byline date) when the meta tags have
    none; a bare year (a copyright line gives "YYYY-01-01") is not a date."""
    from htmldate import find_date

    try:
        found = find_date(html, extensive_search=True, original_date=True, max_date=not_after)
    except (ValueError, TypeError):
        return None
    if not found or str(found).endswith("-01-01"):
        return None
    return str(found)
