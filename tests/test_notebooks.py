"""The notebooks in notebooks/ run from top to bottom and are committed without outputs.

Each notebook asserts its own content in its cells (a failing assert is an error output). Here
every notebook runs in a fresh `python3` kernel of this environment, as Jupyter would run it
(from the notebook's folder), and the executed copy is checked for what a reader must see: no
errors or warnings, the tables with their columns and the plotly figures. The committed files
are never changed.
"""

from __future__ import annotations

import functools
import json
import re
import sys

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat.v4 import new_code_cell

from .conftest import ROOT

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
PLOTLY = "application/vnd.plotly.v1+json"

# What each notebook shows: the column sets of its tables (each set in one HTML table) and how
# many plotly figures it displays.
EXPECTED = {
    "01_quickstart.ipynb": {
        "tables": [
            {"week", "distance", "long_run", "strength_sessions", "full_rest_days", "max_acwr", "cutback", "taper"},
            {"date", "weekday", "run_kind", "distance", "strength", "strength_exercises", "full_rest"},
        ],
        "figures": 1,
    },
    "02_tradeoffs.ipynb": {
        "tables": [
            {"rules.acwr_max", "status", "peak_distance", "total_distance", "total_load", "max_acwr"},
            {"strength.sessions_per_week", "status", "peak_distance", "total_load"},
            {"availability.tue", "status", "peak_distance", "total_load"},
            {"acwr_cap", "status", "total_distance", "total_load", "on_front"},
            {"distance", "long_run", "strength_sessions", "full_rest_days"},
        ],
        "figures": 6,
    },
    "03_roster.ipynb": {
        "tables": [{"athlete", "status", "weeks", "peak", "target", "pain", "max_acwr"}],
        "figures": 1,
    },
}

# Appended to the executed copy only: which environment the kernel runs in.
WHICH_PYTHON = "import sys; print(sys.prefix)"


def test_every_notebook_is_listed():
    assert [path.name for path in NOTEBOOKS] == sorted(EXPECTED)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    """Outputs hold machine-specific timings and megabytes of plot data: commit the source only."""
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {index} has outputs: clear them before committing"
            assert cell.execution_count is None, f"{path.name} cell {index} has an execution count"
    assert notebook.metadata.kernelspec.name == "python3"


@functools.cache
def executed(name: str) -> nbformat.NotebookNode:
    """The notebook run top to bottom in a python3 kernel, from its own folder, once per session.

    Execution stops at the first failing cell, whose error output stays in the notebook, so a
    failure is reported by the tests below (and the notebook is not run again for each)."""
    notebook = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    notebook.cells.append(new_code_cell(WHICH_PYTHON))
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK_DIR)}}
    )
    try:
        client.execute()
    except CellExecutionError:
        pass
    return notebook


def outputs(notebook: nbformat.NotebookNode) -> list[dict]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def html_tables(notebook: nbformat.NotebookNode) -> list[set[str]]:
    """The header cells of every HTML table the notebook displays, one set per output."""
    tables = []
    for output in outputs(notebook):
        html = output.get("data", {}).get("text/html", "")
        if "<table" in html:
            tables.append({re.sub(r"<[^>]+>", "", header).strip() for header in re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)})
    return tables


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_runs_in_this_environment(name):
    notebook = executed(name)
    errors = [output for output in outputs(notebook) if output.output_type == "error"]
    assert errors == [], f"{name}: {[(e.ename, e.evalue) for e in errors]}"
    warnings = [output.text for output in outputs(notebook) if output.get("name") == "stderr"]
    assert warnings == [], f"{name} printed to stderr: {warnings}"
    kernel_prefix = "".join(output.get("text", "") for output in notebook.cells[-1].outputs).strip()
    assert kernel_prefix == sys.prefix, (
        f"the python3 kernel runs in {kernel_prefix}, not in this environment ({sys.prefix}): "
        "install ipykernel here (pip install -e '.[test]')"
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_shows_its_tables(name):
    shown = html_tables(executed(name))
    for columns in EXPECTED[name]["tables"]:
        assert any(columns <= table for table in shown), f"{name} shows no table with columns {sorted(columns)}"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_shows_its_figures(name):
    figures = [output["data"][PLOTLY] for output in outputs(executed(name)) if PLOTLY in output.get("data", {})]
    assert len(figures) == EXPECTED[name]["figures"]
    for figure in figures:
        figure = figure if isinstance(figure, dict) else json.loads(figure)
        traces = figure["data"]
        assert traces and all(trace.get("x") is not None or trace.get("y") is not None for trace in traces)
        assert figure["layout"]["title"]["text"], "every figure has a title"
