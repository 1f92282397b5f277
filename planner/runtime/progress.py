"""The progress bar of many plans (the batch's and the sweeps'): a rich bar counting finished
plans, with the time taken, an estimate of the time left and the last plan's status. It also
renders in Jupyter; disabled, it shows nothing."""

from __future__ import annotations

from collections.abc import Callable


class progress_bar:
    """`with progress_bar(total, label) as advance: ... advance("Dana Ruiz: optimal")`."""

    def __init__(self, total: int, label: str = "Planning", enabled: bool = True, console=None):
        self.total, self.label, self.enabled, self.console = total, label, enabled, console
        self.bar = None

    def __enter__(self) -> Callable[[str], None]:
        if not self.enabled:
            return lambda last="": None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        from planner.safe_text import terminal

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("eta"), TimeRemainingColumn(), TextColumn("{task.fields[last]}"))
        self.bar = Progress(*columns, **({"console": self.console} if self.console is not None else {}))
        self.bar.start()
        task = self.bar.add_task(terminal(self.label), total=self.total, last="")
        return lambda last="": self.bar.update(task, advance=1, last=terminal(last))

    def __exit__(self, *exc_info) -> None:
        if self.bar is not None:
            self.bar.stop()
