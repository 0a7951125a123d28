"""The real ``newsgraph extract`` command in a subprocess: records on stdout, one error line
per bad input on stderr naming the file, the rest still processed, exit status 1, never a
traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "newsgraph"
GOOD = (
    "Brenholm Opens New Bridge\n\n"
    "BRENHOLM, June 2, 2025 — The county of Brenholm opened its new river bridge on Monday, "
    "ending a year of detours, the county engineer Ada Lorne said.\n"
)


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN), "extract", *map(str, args), "--reference-date", "2026-11-26"],
        capture_output=True, text=True, cwd=cwd, timeout=300, check=False,
    )


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "a_good.txt").write_text(GOOD, "utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "d_latin1.txt").write_bytes("Café Owners Protest\n\nThe café owners said so.".encode("latin-1"))
    with (folder / "e_huge.txt").open("wb") as fh:
        fh.truncate(50 * 1000 * 1000)
    (folder / "f_nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", "utf-8")
    (folder / "g_quotes.txt").write_text(
        "Mayor Backs Bridge\n\nThe mayor said “the bridge will open in June, and the county approved it.\n", "utf-8"
    )
    (folder / "h_good.txt").write_text(GOOD.replace("Monday", "Tuesday"), "utf-8")
    return folder


def test_bad_inputs_each_get_one_line_and_the_rest_run(bad_inputs: Path) -> None:
    result = run(bad_inputs.name, "missing.txt", cwd=bad_inputs.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    expected = {
        "inputs/b_empty.txt": "empty file",
        "inputs/c_binary.txt": "binary file",
        "inputs/d_latin1.txt": "not UTF-8",
        "inputs/e_huge.txt": "too large (50.0 MB",
        "inputs/f_nav.html": "no article text found",
        "inputs/g_quotes.txt": "unbalanced quote marks",
        "missing.txt": "no such file or folder",
    }
    assert len(errors) == len(expected)
    for name, reason in expected.items():
        name = name.replace("inputs/", bad_inputs.name + "/")
        assert any(line.startswith(f"error: {name}: ") and reason in line for line in errors), (name, errors)
    records = json.loads(result.stdout)
    assert [Path(r["source"]["uri"]).name for r in records] == ["a_good.txt", "g_quotes.txt", "h_good.txt"]
    assert records[0]["published"] == {
        "date": "2025-06-02", "datetime": None, "basis": "dateline", "note": "from the dateline 'BRENHOLM, June 2, 2025 —'"
    }


def test_single_file_json_object_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(GOOD, "utf-8")
    (tmp_path / "two.txt").write_text(GOOD.replace("Ada Lorne", "Ivo Marsh"), "utf-8")
    single = run("one.txt", "--published", "2025-06-03", cwd=tmp_path)
    assert single.returncode == 0 and single.stderr == ""
    record = json.loads(single.stdout)
    assert record["title"] == "Brenholm Opens New Bridge"
    assert record["published"]["basis"] == "given" and record["published"]["date"] == "2025-06-03"
    many = run("one.txt", "two.txt", "--format", "jsonl", cwd=tmp_path)
    assert many.returncode == 0
    lines = many.stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["schema"] == "newsgraph/article@1" for line in lines)
    again = run("one.txt", "two.txt", "--format", "jsonl", cwd=tmp_path)
    strip = [json.loads(line) for line in again.stdout.splitlines()]
    first = [json.loads(line) for line in lines]
    for rec in strip + first:
        rec["provenance"].pop("run")
    assert strip == first
