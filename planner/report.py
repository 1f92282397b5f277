"""Terminal output of a plan: a week-by-week table and a day grid, with rich.

Text from the plan (the athlete's name, warnings, messages) goes through `safe_text.terminal`
(or `one_line` into a rich Text): it is shown as written, never read as rich markup or
terminal control codes. Table captions never wrap (each table is at least as wide as its
caption), and notes under a rule name wrap with a hanging indent (`print_hanging`).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from planner.config import WEEKDAYS
from planner.result import Plan
from planner.schema import adherence_counts
from planner.safe_text import one_line, terminal

KIND_STYLE = {"easy": "green", "long": "bold blue", "quality": "magenta", "race": "bold red", "rest": "dim"}
KIND_LETTER = {"easy": "E", "long": "L", "quality": "Q", "race": "RACE", "rest": "rest"}
STATUS_STYLE = {"optimal": "green", "feasible": "yellow", "halted": "bold red", "infeasible": "bold red"}


def print_plan(console: Console, plan: Plan, show_days: bool = True) -> None:
    style = STATUS_STYLE.get(plan.status, "white")
    console.print(
        f"[bold]{terminal(plan.athlete)}[/bold] — status [{style}]{plan.status}[/{style}] "
        f"({plan.solve_seconds:.2f} s), distances in {plan.units}",
        highlight=False,
    )
    _print_pain(console, plan)
    _print_warnings(console, plan)
    if plan.status == "infeasible":
        _print_conflicts(console, plan)
        return
    console.print(week_table(plan))
    if show_days:
        console.print(day_grid(plan))
    _print_notes(console, "What limits this plan", plan.explanation.limits)


WEEK_CAPTION = "Weeks (long: long run; rest: full rest days; ACWR: peak load ratio)"
DAY_CAPTION = "Days (E easy, L long, Q quality; +S hip/core strength)"


def captioned_table(caption: str) -> Table:
    """A table whose caption stays on one line: the table is at least as wide as the caption,
    and on a console narrower than that the caption is cut, not wrapped into the table."""
    title = Text(caption, no_wrap=True, overflow="ellipsis")
    return Table(title=title, title_justify="left", min_width=cell_len(caption))


def week_table(plan: Plan) -> Table:
    table = captioned_table(WEEK_CAPTION)
    headers = ("week", "starts", plan.units, "long", "runs", "hip/core", "rest", "ACWR", "phase")
    for header in headers:
        table.add_column(header, justify="left" if header in ("starts", "phase") else "right", no_wrap=True)
    for w in plan.week_list:
        flags = ", ".join(name for name, on in (("cutback", w.cutback), ("taper", w.taper)) if on)
        table.add_row(
            str(w.week),
            w.start.strftime("%d %b"),
            f"{w.distance:.1f}",
            f"{w.long_run:.1f}" if w.long_run else "-",
            str(w.runs),
            str(w.strength_sessions),
            str(w.full_rest_days),
            f"{w.max_acwr:.2f}",
            flags,
        )
    return table


def day_grid(plan: Plan) -> Table:
    table = captioned_table(DAY_CAPTION)
    table.add_column("week", justify="right")
    first = WEEKDAYS.index(plan.day_list[0].weekday) if plan.day_list else 0
    for offset in range(7):
        table.add_column(WEEKDAYS[(first + offset) % 7].capitalize(), justify="center")
    for week in plan.week_list:
        cells = [_cell(day) for day in plan.day_list if day.week == week.week]
        table.add_row(str(week.week), *cells)
    return table


def _cell(day) -> str:
    style = KIND_STYLE[day.run_kind]
    text = KIND_LETTER[day.run_kind] if day.run_kind == "rest" else f"{KIND_LETTER[day.run_kind]} {day.distance:g}"
    if day.run_kind == "rest" and day.strength:
        text = ""
    strength = "[cyan]+S[/cyan]" if day.strength else ""
    return f"[{style}]{text}[/{style}]{' ' if text and strength else ''}{strength}"


def _print_pain(console: Console, plan: Plan) -> None:
    pain = plan.pain
    if pain.level == "none":
        return
    style = "bold red" if pain.level == "red_flag" else "yellow"
    print_hanging(console, f"Pain: {pain.level}", pain.message, indent=0, style=style, separator=" — ")
    for reason in pain.reasons:
        print_hanging(console, "because", reason, style="")
    for action in pain.actions:
        print_hanging(console, "•", action, style="", separator=" ")


def _print_warnings(console: Console, plan: Plan) -> None:
    """The plan's warnings, but for the suggestions' own, which print as a list of their own."""
    for notice in plan.notices:
        if notice.code != "suggestion":
            print_hanging(console, "warning", notice.message, indent=0, style="yellow")


def _print_conflicts(console: Console, plan: Plan) -> None:
    _print_notes(console, "No plan satisfies every rule", plan.explanation.conflicts)
    if plan.suggestions:
        console.print("[bold]Any one of these changes gives a plan (each was tried):[/bold]")
        for suggestion in plan.suggestions:
            fields = ", ".join(f"{path}: {value}" for path, value in suggestion.changes.items())
            print_hanging(console, "•", f"{suggestion.text} ({fields})", style="", separator=" ")


def _print_notes(console: Console, title: str, notes) -> None:
    if not notes:
        return
    console.print(f"[bold]{title}:[/bold]")
    for note in notes:
        print_hanging(console, note.rule, note.message)


HANG = 4  # how much further than a note's first line its next lines are indented


def print_hanging(console: Console, head: str, text: str, indent: int = 2, style: str = "bold",
                  separator: str = ": ") -> None:
    """`head: text` wrapped to the console's width with a hanging indent: the first line starts
    `indent` spaces in, the next ones HANG spaces further, so each note stands out under its
    head (a rule name, "because", a bullet). Text is shown as written (no markup, no controls)."""
    first = " " * indent + one_line(head) + separator
    lines = hanging_lines(one_line(text).split(), console.width, first, " " * (indent + HANG))
    for number, line in enumerate(lines):
        shown = Text(line)
        if number == 0 and style:
            shown.stylize(style, indent, indent + cell_len(one_line(head)))
        console.print(shown, soft_wrap=True, highlight=False)


def hanging_lines(words: list[str], width: int, first: str, rest: str) -> list[str]:
    """`words` filled into lines of at most `width` cells, the first after `first`, the others
    after `rest` (a word longer than a line gets a line of its own)."""
    lines, line = [], first
    fresh = True  # nothing but the prefix on the line yet
    for word in words:
        candidate = line + ("" if fresh else " ") + word
        if not fresh and cell_len(candidate) > width:
            lines.append(line)
            line, candidate = rest, rest + word
        line, fresh = candidate, False
    lines.append(line.rstrip())
    return lines


def print_explanation(console: Console, plan: Plan) -> None:
    """What limits a plan, or why there is none."""
    style = STATUS_STYLE.get(plan.status, "white")
    console.print(f"[bold]{terminal(plan.athlete)}[/bold] — status [{style}]{plan.status}[/{style}]", highlight=False)
    _print_pain(console, plan)
    if plan.status == "infeasible":
        _print_conflicts(console, plan)
        _print_warnings(console, plan)
        return
    if plan.status == "halted":
        console.print("Training is halted by a pain red flag; nothing else limits the plan.")
        return
    peak = plan.peak_distance
    console.print(f"Peak week: {peak:g} {plan.units}.", highlight=False)
    if plan.explanation.limits:
        _print_notes(console, "What holds the peak below the target", plan.explanation.limits)
    else:
        console.print("No single rule holds the volume back: the plan reaches its target, or only several rules together bind.")


def print_log(console: Console, report: dict) -> None:
    """`planner log`: the files read and what each held, then the log week by week."""
    units = report["units"]
    console.print(f"[bold]{terminal(report['athlete'])}[/bold] — training log, distances in {units}", highlight=False)
    files = Table(title="Files read", title_justify="left")
    for header in ("file", "format", "sessions", "skipped"):
        files.add_column(header, overflow="fold")
    for entry in report["files"]:
        skipped = "; ".join(f"{s['what']}: {s['why']}" for s in entry["skipped"]) or "-"
        files.add_row(terminal(entry["path"]), entry["format"], str(entry["sessions"]), terminal(skipped))
    console.print(files)
    for duplicate in report["duplicates"]:
        console.print(f"counted once: {terminal(duplicate['dropped'])} is {terminal(duplicate['kept'])} ({duplicate['date']})",
                      highlight=False)
    for warning in report["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {terminal(warning)}", highlight=False)
    weeks = Table(title="Weeks (ACWR: the week's highest acute:chronic load ratio)", title_justify="left")
    for header in ("week", "runs", units, "longest", "load", "ACWR"):
        weeks.add_column(header, justify="left" if header == "week" else "right", no_wrap=True)
    for week in report["weeks"]:
        acwr = "-" if week["max_acwr"] is None else f"{week['max_acwr']:.2f}"
        weeks.add_row(f"{week['start']} to {week['end']}", str(week["runs"]), f"{week['distance']:.1f}",
                      f"{week['longest_run']:.1f}", f"{week['load']:.0f}", acwr)
    console.print(weeks)


def print_replan(console: Console, plan: Plan) -> None:
    """A re-plan's adherence (one line per week with past days) and its changes as a diff:
    what moved, shrank, grew, was dropped or added, and why."""
    logged = [day for day in plan.day_list if day.logged]
    if not logged or all(day.adherence is None for day in logged):
        return
    console.print("[bold]Done so far[/bold] (against the previous plan)")
    for week in sorted({day.week for day in logged}):
        days = [day for day in logged if day.week == week]
        parts = ", ".join(f"{count} {name}" for name, count in adherence_counts(days).items())
        ran = sum(day.distance for day in days if day.run_kind != "race")
        console.print(f"  week {week}: {parts}; ran {ran:.1f} {plan.units}", highlight=False)
    changes = plan.changes or []
    if not changes:
        console.print("No planned day changes: the plan stands as it was.")
        return
    console.print(f"[bold]What changed[/bold] ({len(changes)} day(s))")
    for line in change_lines(changes):
        console.print(f"  {terminal(line)}", highlight=False)


def change_lines(changes) -> list[str]:
    """The changes in words: a session dropped on one day and added on another of the same
    week with the same summary reads as moved."""
    added = {c.date: c for c in changes if c.before == "rest" and c.after != "rest"}
    lines, moved = [], set()
    for change in changes:
        if change.date in moved:
            continue
        when = change.date.strftime("%a %d %b")
        if change.after == "rest" and change.before != "rest":
            twin = next((a for a in added.values() if a.after == change.before and a.date not in moved
                         and abs((a.date - change.date).days) < 7), None)
            if twin is not None:
                moved.add(twin.date)
                lines.append(f"moved {change.before} from {when} to {twin.date.strftime('%a %d %b')}: {change.reason}")
                continue
            lines.append(f"dropped {change.before} on {when}: {change.reason}")
        elif change.before == "rest":
            lines.append(f"added {change.after} on {when}: {change.reason}")
        else:
            verb = _resized(change.before, change.after)
            lines.append(f"{verb} {when}: {change.before} -> {change.after}: {change.reason}")
    return lines


def _resized(before: str, after: str) -> str:
    def distance(text: str) -> float:
        parts = text.split()
        return float(parts[1]) if len(parts) > 1 and parts[1].replace(".", "").isdigit() else 0.0

    if before.split()[0] != after.split()[0]:
        return "changed"
    return "shrank" if distance(after) < distance(before) else "grew" if distance(after) > distance(before) else "changed"
