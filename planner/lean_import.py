"""Import OR-Tools' CP-SAT module without loading pandas until something really uses it.

`ortools.sat.python.cp_model` imports pandas at module level for its `*_series` helpers, which
the planner never calls. On the 2-core machine that is 0.45 s of the 0.85 s `planner plan`
spends importing, for a library the command does not otherwise touch (`Plan.days` imports
pandas only when asked for a DataFrame).

`install()` imports cp_model with `PandasOnDemand` standing in for pandas, then takes the
stand-in out of `sys.modules` again, so every other `import pandas` gets the real library. The
stand-in stays only as cp_model's own `pd` name: attribute lookups on it import the real pandas
and return the real attribute, so cp_model's pandas helpers work unchanged (they just load
pandas on their first call). Only while cp_model's import runs does the stand-in hand out
placeholder classes for `pd.Index` and `pd.Series`, which cp_model evaluates in type
annotations.

Nothing is done when pandas or cp_model is already loaded, and any failure falls back to the
plain import. Planner modules import CP-SAT as `from planner.lean_import import cp_model`.
"""

from __future__ import annotations

import importlib
import sys
import types

CP_MODEL = "ortools.sat.python.cp_model"
ANNOTATION_NAMES = ("Index", "Series")  # what cp_model reads off pandas at import time


class PandasOnDemand(types.ModuleType):
    """Stands in for pandas while cp_model imports; afterwards forwards to the real pandas."""

    def __init__(self) -> None:
        super().__init__("pandas")
        self.importing = True

    def __getattr__(self, name: str):
        if self.importing and name in ANNOTATION_NAMES:
            return type(name, (), {"__module__": "pandas"})
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(importlib.import_module("pandas"), name)


def install() -> None:
    """Import cp_model without pandas (see the module docstring); safe to call many times."""
    if CP_MODEL in sys.modules or "pandas" in sys.modules:
        return
    stand_in = PandasOnDemand()
    sys.modules["pandas"] = stand_in
    try:
        importlib.import_module(CP_MODEL)
    except Exception:  # an OR-Tools release this was not written for: import it plainly
        sys.modules.pop(CP_MODEL, None)
    finally:
        stand_in.importing = False
        if sys.modules.get("pandas") is stand_in:
            del sys.modules["pandas"]


def __getattr__(name: str):
    """`from planner.lean_import import cp_model` installs, then gives the module."""
    if name == "cp_model":
        install()
        return importlib.import_module(CP_MODEL)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
