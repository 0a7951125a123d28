"""Reading inputs: every bad input is an InputError naming the input and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.pipeline import InputError
from newsgraph.sources import (
    MAX_BYTES,
    decode,
    display_name,
    iter_articles,
    looks_like_html,
    read_file,
)

GOOD = "Brenholm Opens Bridge\n\nThe Brenholm county opened its new bridge on Monday, the mayor said.\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF document)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (PNG image)"),
        (b"PK\x03\x04\x14\x00", "binary file (ZIP archive"),
        (b"text\x00with\x00nul", "binary file (NUL bytes)"),
        (b"Caf\xe9 owners protest", "not UTF-8 (invalid byte 0xe9 at offset 3)"),
        (b"\xff\xfeB\x00r\x00", "not UTF-8 (UTF-16 text)"),
        (b"ab\x01\x02\x03\x04\x05\x06\x07\x08cd", "binary content (control characters)"),
    ],
)
def test_bad_bytes(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "in/x.txt")
    message = str(info.value)
    assert message.startswith("in/x.txt: ") and reason in message
    assert "\n" not in message


def test_good_bytes_decode() -> None:
    assert decode(GOOD.encode(), "x") == GOOD


def test_too_large_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # a sparse file: cheap to make
    with pytest.raises(InputError, match=r"huge.txt: too large \(10.0 MB; the limit is 10.0 MB\)"):
        read_file(path)


def test_read_file_text_and_html(tmp_path: Path) -> None:
    txt = tmp_path / "a.txt"
    txt.write_text(GOOD, "utf-8")
    html = tmp_path / "b.dat"
    html.write_text("<!DOCTYPE html><html><body><p>x</p></body></html>", "utf-8")
    a, b = read_file(txt), read_file(html)
    assert (a.kind, b.kind) == ("text", "html")
    assert a.uri == txt.resolve().as_uri() and a.raw == GOOD.encode()


def test_looks_like_html() -> None:
    assert looks_like_html("  <html><body>x</body></html>")
    assert not looks_like_html("The <b> tag in prose.")


def test_iter_articles_goes_on_after_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text(GOOD, "utf-8")
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_text(GOOD.replace("Monday", "Friday"), "utf-8")
    (tmp_path / ".hidden.txt").write_text(GOOD, "utf-8")
    items = list(iter_articles([tmp_path, tmp_path / "missing.txt"]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "InputError", "Article", "InputError"]
    assert "missing.txt: no such file or folder" in str(items[3])


def test_display_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_name((tmp_path / "d" / "a b.txt").as_uri()) == "d/a b.txt"
    assert display_name((tmp_path / "feed.jsonl").as_uri() + "#line=3") == "feed.jsonl#line=3"
    assert display_name("https://example.invalid/x") == "https://example.invalid/x"
    assert display_name(None) == "<input>"
