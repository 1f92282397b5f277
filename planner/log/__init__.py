"""The training log (SPEC section 5): what the athlete actually did.

`planner.log.entries` holds the models of the config's `log:` section: the files to read and
the sessions logged inline (`LogSection`, `LogEntry`).
"""

from __future__ import annotations

from planner.log.entries import LogEntry, LogSection

__all__ = ["LogEntry", "LogSection"]
