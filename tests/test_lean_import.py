"""planner.lean_import: CP-SAT without pandas until something uses pandas, and nothing broken.

Each check runs in a fresh interpreter, since this process has long imported both."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_planning_from_the_command_line_never_loads_pandas():
    out = run_python(
        """
        import sys
        from planner.cli import app
        try:
            app(["plan", "examples/beginner_5k.yaml", "--time-limit", "5"])
        except SystemExit as done:
            assert done.code == 0, done.code
        print("pandas" in sys.modules)
        """
    )
    assert out.splitlines()[-1] == "False"


def test_cp_model_solves_and_pandas_is_the_real_library_afterwards():
    out = run_python(
        """
        import sys
        from planner.lean_import import cp_model
        model = cp_model.CpModel()
        x = model.NewIntVar(0, 9, "x")
        model.Maximize(x)
        solver = cp_model.CpSolver()
        assert solver.Solve(model) == cp_model.OPTIMAL and solver.Value(x) == 9
        assert "pandas" not in sys.modules
        import pandas
        assert type(pandas).__name__ == "module" and hasattr(pandas, "DataFrame")
        print(pandas.Series([1, 2]).sum())
        """
    )
    assert out == "3"


def test_cp_models_pandas_helpers_still_work():
    out = run_python(
        """
        from planner.lean_import import cp_model
        import pandas
        model = cp_model.CpModel()
        xs = model.new_int_var_series("x", pandas.Index(["a", "b", "c"]), 0, 5)
        print(type(xs).__name__, len(xs), list(xs.index))
        """
    )
    assert out == "Series 3 ['a', 'b', 'c']"


def test_nothing_changes_when_pandas_was_imported_first():
    out = run_python(
        """
        import pandas
        from planner.lean_import import cp_model
        print(cp_model.pd is pandas)
        """
    )
    assert out == "True"
