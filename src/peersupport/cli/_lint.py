"""``peersupport lint FILES…``: the language rules over text and Markdown files.

Prints ``path:line:col: LANG-xxx message (suggestion)`` per finding (or JSON with
``--format json``) and exits 1 when anything is found, 0 when nothing is, 2 on bad input.
"""

from __future__ import annotations

import json
import re
import sys
from bisect import bisect_right
from pathlib import Path
from typing import Any, Final

import attrs
import click

from peersupport._errors import InvalidInput, PeerSupportError
from peersupport.checks.language import LanguageFinding, check_language
from peersupport.cli._app import EXIT_FAILED, EXIT_OK, cli, fail_invalid
from peersupport.io import load_policy
from peersupport.policy import Policy

__all__ = ["lint", "markdown_prose"]

_MARKDOWN: Final = frozenset({".md", ".markdown", ".mdown", ".mkd"})
_FENCE: Final = re.compile(
    r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?\2[ \t]*$|\Z)", re.MULTILINE | re.DOTALL
)
_FRONT_MATTER: Final = re.compile(r"\A---[ \t]*\n.*?^---[ \t]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE: Final = re.compile(r"(`+)[^`\n].*?\1", re.DOTALL)
_LINK_TARGET: Final = re.compile(r"\]\([^)\n]*\)|<(?:https?|mailto|ftp):[^>\s]*>|https?://\S+")
_HTML_TAG: Final = re.compile(r"</?[A-Za-z][^>\n]*>")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def markdown_prose(text: str) -> str:
    """``text`` with Markdown code, link targets and HTML tags blanked out.

    Every blanked character becomes a space and line breaks stay, so offsets, lines and
    columns still point into the original file. HTML comments are kept, so a
    ``<!-- peersupport: ignore LANG-012 -->`` comment still works.
    """
    for pattern in (_FRONT_MATTER, _FENCE, _INLINE_CODE, _LINK_TARGET, _HTML_TAG):
        text = pattern.sub(_blank, text)
    return text


def _position(newlines: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = bisect_right(newlines, offset - 1)
    start = newlines[line - 1] + 1 if line else 0
    return line + 1, offset - start + 1


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidInput.single((), "text_encoding", "not UTF-8 text") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InvalidInput.single((), "file_unreadable", f"cannot read: {reason}") from None


def _line(path: str, line: int, col: int, f: LanguageFinding, *, include_text: bool) -> str:
    where = f"{path}:{line}:{col}: {f.rule_id} {f.message} ({f.suggestion})"
    if include_text and f.text is not None:
        where += f' ["{f.text}"]'
    return where


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--policy",
    "policy_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A policy file (YAML, TOML or JSON) that adds, removes or re-grades rules.",
)
@click.option(
    "--include-text",
    is_flag=True,
    help="Show the matched words too (they are the notes' own text).",
)
def lint(files: tuple[str, ...], fmt: str, policy_file: Path | None, *, include_text: bool) -> None:
    """Check the language of text and Markdown FILES (``-`` reads standard input).

    Prints path:line:col: LANG-xxx message (suggestion) for each finding and exits 1 when
    anything is found. A ``peersupport: ignore LANG-012`` comment in a file silences that
    rule on its line and the next; ``peersupport: ignore-file LANG-012`` in the whole file.
    """
    try:
        policy = load_policy(policy_file) if policy_file else Policy()
    except PeerSupportError as exc:
        fail_invalid(exc)
        return
    records: list[dict[str, Any]] = []
    lines: list[str] = []
    for path in files:
        try:
            text = _read(path)
        except InvalidInput as exc:
            fail_invalid(InvalidInput(exc.errors, source=path))
            return
        prose = markdown_prose(text) if Path(path).suffix.lower() in _MARKDOWN else text
        findings = check_language(prose, policy, include_text=include_text)
        if include_text:
            findings = tuple(_with_text(f, text) for f in findings)
        newlines = [m.start() for m in re.finditer("\n", text)]
        for f in findings:
            line, col = _position(newlines, f.span[0])
            end_line, end_col = _position(newlines, f.span[1])
            lines.append(_line(path, line, col, f, include_text=include_text))
            records.append(
                {
                    "path": path,
                    "line": line,
                    "column": col,
                    "end_line": end_line,
                    "end_column": end_col,
                    **f.to_dict(include_text=include_text),
                }
            )
    if fmt == "json":
        click.echo(json.dumps(records, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        for line_text in lines:
            click.echo(line_text)
    sys.exit(EXIT_FAILED if records else EXIT_OK)


def _with_text(finding: LanguageFinding, original: str) -> LanguageFinding:
    start, end = finding.span
    return attrs.evolve(finding, text=original[start:end])
