from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent


def _python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(), flags=re.DOTALL)


def test_the_readme_example_runs_and_says_what_the_text_claims() -> None:
    (block,) = _python_blocks(ROOT / "README.md")
    assert len(block.strip().splitlines()) <= 12
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - running our own README
    lines = out.getvalue().splitlines()
    assert any(line.startswith("ELIG-007 not_met") for line in lines)
    assert any(line.startswith("ELIG-002 needs_review") for line in lines)


def test_the_readme_gives_exactly_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text()
    commands = re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)
    assert [c.strip().split(" && ")[0] for c in commands] == [
        'python -m pip install -e ".[cli]"',
        'python -m pip install -e ".[dev]"',
    ]
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1].strip() in ci
