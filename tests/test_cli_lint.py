"""``peersupport lint FILES…``: text and Markdown, plain and JSON output, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

import peersupport.cli._lint  # registers the command  # noqa: F401
from peersupport.cli._app import cli
from peersupport.cli._lint import markdown_prose


def _run(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(cli, ["lint", *args], input=stdin)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_lint_prints_path_line_col_rule_message_and_suggestion_and_exits_1(tmp_path: Path) -> None:
    path = _write(tmp_path, "note.txt", "Met Sam.\nHe is schizophrenic, the ward says.\n")
    result = _run(str(path))
    assert result.exit_code == 1
    assert result.output == (
        f"{path}:2:4: LANG-001 Describes the person as their diagnosis "
        "(has been given a diagnosis of ...)\n"
    )


def test_lint_exits_0_and_prints_nothing_when_the_language_is_open(tmp_path: Path) -> None:
    path = _write(tmp_path, "note.txt", "Sam has been given a diagnosis of schizophrenia.\n")
    result = _run(str(path))
    assert result.exit_code == 0
    assert result.output == ""


def test_lint_reads_several_files_in_order(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", "The client arrived.\n")
    b = _write(tmp_path, "b.txt", "fine\nYou must rest.\n")
    lines = _run(str(a), str(b)).output.splitlines()
    assert [line.split(": ")[0] for line in lines] == [f"{a}:1:5", f"{b}:2:1"]
    assert lines[1].split(": ", 1)[1].startswith("LANG-025 Tells the peer")


def test_lint_skips_markdown_code_and_links_but_reads_comments(tmp_path: Path) -> None:
    text = (
        "---\ntitle: crazy front matter\n---\n"
        "# Notes\n\n"
        "```\nhe is an addict\n```\n"
        "Inline `psycho` code and a [link](https://example.org/crazy).\n"
        "<!-- peersupport: ignore LANG-012 -->\n"
        "His father committed suicide.\n"
        "She is an addict.\n"
    )
    path = _write(tmp_path, "notes.md", text)
    result = _run(str(path), "--format", "json")
    assert result.exit_code == 1
    (record,) = json.loads(result.output)
    assert (record["rule_id"], record["line"], record["column"]) == ("LANG-017", 12, 11)
    assert (record["end_line"], record["end_column"]) == (12, 17)
    assert record["span"] == [text.rindex("addict"), text.rindex("addict") + 6]
    assert "text" not in record


def test_markdown_prose_keeps_offsets_and_line_breaks() -> None:
    text = "a `b` [c](d)\n```\ne\n```\n<br> f"
    prose = markdown_prose(text)
    assert len(prose) == len(text)
    assert [i for i, c in enumerate(prose) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    assert prose.split() == ["a", "[c", "f"]


def test_a_plain_text_file_is_read_as_it_is(tmp_path: Path) -> None:
    path = _write(tmp_path, "note.txt", "`He is an addict.`\n")
    assert _run(str(path)).exit_code == 1


def test_lint_json_carries_every_finding_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "note.txt", "She is not an addict.\n")
    (record,) = json.loads(_run(str(path), "--format", "json").output)
    assert record["severity"] == "advisory"
    assert record["contexts"] == ["negated"]
    assert record["softened"] is True
    assert record["category"] == "dehumanizing_term"
    assert record["citations"]
    assert record["path"] == str(path)


def test_lint_shows_the_words_only_when_asked(tmp_path: Path) -> None:
    path = _write(tmp_path, "note.md", "He is a `x` junkie.\n")
    plain = _run(str(path)).output
    assert "junkie" not in plain
    shown = _run(str(path), "--include-text").output
    assert shown.rstrip().endswith('["junkie"]')
    (record,) = json.loads(_run(str(path), "--format", "json", "--include-text").output)
    assert record["text"] == "junkie"


def test_lint_reads_standard_input() -> None:
    result = _run("-", stdin="I told him to go.\n")
    assert result.exit_code == 1
    assert result.output.startswith("-:1:1: LANG-026")


def test_lint_applies_a_policy_file(tmp_path: Path) -> None:
    note = _write(tmp_path, "note.txt", "The client arrived.\n")
    policy = _write(tmp_path, "policy.yaml", "language_disabled_rules: [LANG-024]\n")
    assert _run(str(note)).exit_code == 1
    result = _run(str(note), "--policy", str(policy))
    assert result.exit_code == 0, result.output


def test_lint_exits_2_on_a_bad_policy_a_missing_file_or_bad_encoding(tmp_path: Path) -> None:
    note = _write(tmp_path, "note.txt", "fine\n")
    policy = _write(tmp_path, "policy.yaml", "language_disabled_rules: [LANG-999]\n")
    result = _run(str(note), "--policy", str(policy))
    assert result.exit_code == 2
    assert "LANG-999" in result.output
    missing = _run(str(tmp_path / "absent.txt"))
    assert missing.exit_code == 2
    assert "absent.txt" in missing.output
    assert "cannot read" in missing.output
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    bad = _run(str(binary))
    assert bad.exit_code == 2
    assert "not UTF-8" in bad.output
    assert "Traceback" not in bad.output


def test_lint_needs_at_least_one_file() -> None:
    assert _run().exit_code == 2
