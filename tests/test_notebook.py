"""The example notebook runs from top to bottom and shows what it says."""

from __future__ import annotations

import importlib
import importlib.util
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "examples" / "explore_programme.ipynb"
_NEEDED = ("nbclient", "nbformat", "ipykernel", "pandas", "matplotlib")
_MISSING = [name for name in _NEEDED if importlib.util.find_spec(name) is None]

pytestmark = pytest.mark.skipif(
    bool(_MISSING),
    reason=f"cannot execute the notebook without {', '.join(_MISSING)}; "
    'install the dev extra: python -m pip install -e ".[dev]"',
)


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    nbformat: Any = importlib.import_module("nbformat")
    nbclient: Any = importlib.import_module("nbclient")

    work = tmp_path_factory.mktemp("notebook")
    for name in ("programme.yaml", "audit_responses.yaml"):
        shutil.copy(ROOT / "examples" / name, work / name)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    )
    client.execute()
    return notebook


def _outputs(notebook: Any) -> list[Any]:
    return [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]


def test_the_notebook_runs_without_errors(executed: Any) -> None:
    assert not [o for o in _outputs(executed) if o.output_type == "error"]


def test_the_notebook_shows_the_audit_the_radar_and_the_what_if(executed: Any) -> None:
    html = [o["data"]["text/html"] for o in _outputs(executed) if "text/html" in o.get("data", {})]
    assert any("Audit of harbourside-ps failed" in h for h in html)
    assert any("Seven components of meaningful peer involvement" in h for h in html)
    assert any("What if" in h for h in html)
    assert any("image/png" in o.get("data", {}) for o in _outputs(executed))


def test_the_committed_notebook_has_no_errors_stored() -> None:
    nbformat: Any = importlib.import_module("nbformat")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert not [o for o in _outputs(notebook) if o.output_type == "error"]
