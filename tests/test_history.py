"""History from the training log (docs/log.md): each source gives the history docs/log.md defines,
and a plan made from it passes the validator.

Every test writes its log itself, with sessions on known days, so the expected history (the
7-day blocks ending the day before plan.start, the longest run of the 28 days before it, the
daily loads) is known by construction and worked out here, not by the code under test.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml

import planner
from planner.history import past_of
from planner.instance import Instance
from planner.log import read_log
from tests.conftest import BASE_CONFIG
from tests.log_files import UTC, FitSession, StravaRow, TcxLap, fit_bytes, gpx_text, strava_csv, tcx_text, write

START = dt.date(2026, 11, 30)  # plan.start, a Monday
PACE = 6.0  # minutes per km

# (days before plan.start, km, minutes): three weeks of runs, the first entry mid-block
RUNS = [(19, 6.0, 36), (17, 8.0, 48), (15, 12.0, 72), (12, 7.0, 42), (10, 9.0, 54), (8, 13.0, 78),
        (5, 7.5, 45), (3, 9.5, 57), (1, 14.0, 84)]


def expected_history(runs=RUNS) -> tuple[list[float], float]:
    """docs/log.md by hand: blocks of 7 days ending the day before plan.start, back to the
    block of the first entry; the longest run of the 28 days before plan.start."""
    oldest = max(back for back, _, _ in runs)
    blocks = -(-oldest // 7)
    weeks = [sum(km for back, km, _ in runs if 7 * (block - 1) < back <= 7 * block) for block in range(blocks, 0, -1)]
    return weeks, max(km for back, km, _ in runs if back <= 28)


def at(back: int, hour: int = 7) -> dt.datetime:
    day = START - dt.timedelta(days=back)
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def write_native_csv(folder):
    rows = "".join(f"{START - dt.timedelta(days=back)},run,{km},{minutes},,\n" for back, km, minutes in RUNS)
    write(folder / "training.csv", "date,kind,distance,minutes,rpe,note\n" + rows)


def write_strava(folder):
    stamp = lambda back: at(back).strftime("%b %-d, %Y, %-I:%M:%S %p")  # noqa: E731
    write(folder / "activities.csv", strava_csv([StravaRow(stamp(back), "Run", 60 * m, 60 * m, 1000 * km)
                                                 for back, km, m in RUNS]))


def write_intervals(folder):
    rows = "".join(f"{at(back).strftime('%Y-%m-%dT%H:%M:%S')},Run,{60 * m},{1000 * km}\n" for back, km, m in RUNS)
    write(folder / "intervals.csv", "start_date_local,type,moving_time,distance\n" + rows)


def write_fit(folder):
    for back, km, minutes in RUNS:
        write(folder / f"run_{back}.fit", fit_bytes([FitSession(at(back), seconds=60 * minutes, metres=1000 * km)]))


def write_gpx(folder):
    for back, km, minutes in RUNS:
        write(folder / f"run_{back}.gpx", gpx_text(at(back), 1000 * km, 60 * minutes))


def write_tcx(folder):
    for back, km, minutes in RUNS:
        write(folder / f"run_{back}.tcx", tcx_text([TcxLap(at(back), 60 * minutes, 1000 * km, 60 * minutes)]))


SOURCES = {"native CSV": write_native_csv, "Strava CSV": write_strava, "intervals.icu CSV": write_intervals,
           "FIT": write_fit, "GPX": write_gpx, "TCX": write_tcx}


def logged_config(tmp_path, **log) -> tuple:
    data = copy.deepcopy(BASE_CONFIG)
    del data["history"]
    data["plan"]["weeks"] = 4
    data["log"] = log or {"files": ["log/"]}
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml.safe_dump(data))
    return path, planner.load_config(path)


@pytest.mark.parametrize("source", list(SOURCES))
def test_each_source_gives_the_history_spec_defines_and_a_valid_plan(tmp_path, source):
    SOURCES[source](tmp_path / "log")
    path, config = logged_config(tmp_path)
    plan = planner.plan(config)
    weeks, longest = expected_history()
    assert plan.history.source == "log"
    assert plan.history.weekly_distance == pytest.approx(weeks, abs=0.1)
    assert plan.history.longest_recent_run == pytest.approx(longest, abs=0.1)
    assert plan.status in ("optimal", "feasible")
    assert planner.validate(config, plan) == []


def test_days_before_plan_start_carry_their_logged_loads(tmp_path):
    """An easy day's load is minutes x 3, an unknown-kind run minutes x 3.5, strength x 3,
    cross-training x (rpe or 4) x 0.5; the days before the first entry carry the oldest whole
    block's load spread evenly."""
    entries = [
        {"date": str(START - dt.timedelta(days=9)), "kind": "run", "distance": 8, "minutes": 48},
        {"date": str(START - dt.timedelta(days=3)), "kind": "easy", "distance": 6, "minutes": 36},
        {"date": str(START - dt.timedelta(days=3)), "kind": "strength", "minutes": 20},
        {"date": str(START - dt.timedelta(days=2)), "kind": "cross", "minutes": 60},
        {"date": str(START - dt.timedelta(days=1)), "kind": "cross", "minutes": 30, "rpe": 6},
    ]
    _, config = logged_config(tmp_path, entries=entries)
    instance = Instance(config, past=past_of(config, None, read_log(config.log, config.source, units="km")))
    assert instance.fixed_day(-9).load == pytest.approx(48 * 3.5)
    assert instance.fixed_day(-3).load == pytest.approx(36 * 3 + 20 * 3)
    assert instance.fixed_day(-2).load == pytest.approx(60 * 4 * 0.5)
    assert instance.fixed_day(-1).load == pytest.approx(30 * 6 * 0.5)
    assert instance.fixed_day(-5).load == 0  # inside the log, nothing logged
    whole_block = (36 * 3 + 20 * 3 + 60 * 4 * 0.5 + 30 * 6 * 0.5) / 7  # days -7..-1
    assert instance.fixed_day(-20).load == pytest.approx(whole_block)
    assert instance.past.weekly_distance == [8, 6]
    assert instance.fixed_day(-2).cross and not instance.fixed_day(-2).rest


def test_a_log_with_nothing_before_the_plan_is_history_zero(tmp_path):
    entries = [{"date": str(START + dt.timedelta(days=1)), "kind": "easy", "distance": 5, "minutes": 30}]
    _, config = logged_config(tmp_path, entries=entries)
    plan = planner.plan(config)
    assert plan.history.weekly_distance == [0] and plan.history.longest_recent_run == 0
    assert any("not used" in warning and str(START + dt.timedelta(days=1)) in warning for warning in plan.warnings)
    assert planner.validate(config, plan) == []


def test_a_log_beside_a_history_section_is_not_used_before_the_plan_and_says_so(tmp_path):
    write_native_csv(tmp_path / "log")
    data = copy.deepcopy(BASE_CONFIG) | {"log": {"files": ["log/"]}}
    path = tmp_path / "athlete.yaml"
    path.write_text(yaml.safe_dump(data))
    plan = planner.plan(path)
    assert plan.history.source == "config"
    assert plan.history.weekly_distance == BASE_CONFIG["history"]["weekly_distance"]
    assert any("history section stands for those days" in warning for warning in plan.warnings)


def test_a_config_needs_a_history_or_a_log(tmp_path):
    data = copy.deepcopy(BASE_CONFIG)
    del data["history"]
    with pytest.raises(planner.ConfigError, match="history"):
        planner.load_config(data)


def test_twelve_weeks_at_most(tmp_path):
    entries = [{"date": str(START - dt.timedelta(days=7 * k + 1)), "kind": "easy", "distance": 5 + k, "minutes": 30}
               for k in range(20)]
    _, config = logged_config(tmp_path, entries=entries)
    past = past_of(config, None, read_log(config.log, config.source, units="km"))
    assert past.weekly_distance == [5 + k for k in range(11, -1, -1)]


def test_the_expected_history_of_these_runs_is_what_the_blocks_hold():
    """The hand computation above, on its own numbers: three blocks, the first entry 19 days out."""
    assert expected_history() == ([26.0, 29.0, 31.0], 14.0)
