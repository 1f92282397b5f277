"""What the planner optimizes, in one place. Hard rules live in constraints/; this is preference.

1. **Volume** — the summed training distance of every week except race week, as large as the
   rules allow. Every weekly cap (ramp, cutback, taper, target) grows with the weeks before it,
   so the largest sum is the fastest build to `target_weekly_distance` the rules allow, then
   holding it.
2. **Shape** — with each week's distance fixed, the days of a week are shaped to minimize (in
   tenths of the athlete's unit unless said otherwise):

   | term | weight | why |
   |---|---|---|
   | easy-run spread: longest minus shortest easy run of each week | `EASY_SPREAD` | easy runs of similar length |
   | shortfall of each easy run below a comfortable length (35 min) | `SHORT_RUN` | no silly 2 km runs |
   | minus each week's long run | `LONG_RUN` | a long run clearly longer than the easy runs |
   | hip/core sessions on days without a run | `STRENGTH_ALONE` | strength on easy days where it fits, keeping rest days whole |
   | minus each quality session (up to quality_sessions_per_week) | `QUALITY` | the athlete asked for them |
   | race week's distance away from `RACE_WEEK_SHARE` x peak | `RACE_WEEK` | race week sharpened, not filled to its 50 % cap |
   | easy distance the day after a long run | `RECOVERY_DAY` | the day after a long run is rest or short and easy, as the back recovers |
   | every run minute | `RUN_MINUTES` | runs at easy pace: minutes above a run's expected time (allowed by the pace rule) cost |
   | each hip/core session still owed in a week with days already done | `STRENGTH_OWED` | a re-plan places the sessions that fit |
   | each run kind or hip/core session, and each tenth of distance, that differs from the previous plan | `CHANGED_KIND`, `CHANGED_DISTANCE` | a re-plan changes as little as the volume allows |

`shape_score` computes the same sum from a finished plan's days, so plans made any way can be
compared on it (benchmarks/compare.py).
"""

from __future__ import annotations

from constraints import strength as strength_rule

EASY_SPREAD = 3
SHORT_RUN = 2
LONG_RUN = 10
STRENGTH_ALONE = 8
QUALITY = 30
RACE_WEEK = 2
RACE_WEEK_SHARE = 0.3
COMFORTABLE_EASY_MINUTES = 35
RUN_MINUTES = 1
RECOVERY_DAY = 1
STRENGTH_OWED = 1000
LATE_LOAD = 1
CHANGED_KIND = 30  # a re-plan: each run kind or hip/core session that differs from the previous plan
CHANGED_DISTANCE = 1  # ... and each tenth a planned day's distance differs by (below the easy-run
# spread's weight: a re-plan keeps the week's structure, and spreads a change of distance well)


def volume(m):
    """Total training distance of the model's free weeks but race week (to maximize)."""
    return sum(m.week_distance(w) for w in m.free_weeks if w != m.instance.race_week)


def shape(m, peak: int):
    """The weighted tie-breaks above over the model's free days (to minimize); `peak` is the
    plan's peak week (tenths) for the race week's share."""
    free = list(m.free_days)
    days = [m.day(i) for i in free]
    terms = [
        EASY_SPREAD * sum(easy_spread(m, w) for w in m.free_weeks),
        SHORT_RUN * short_runs(m, free),
        -LONG_RUN * sum(m.week_long(w) for w in m.free_weeks),
        STRENGTH_ALONE * strength_alone(m, free),
        -QUALITY * sum(v.quality for v in days),
        RACE_WEEK * race_week_gap(m, peak),
        RUN_MINUTES * sum(v.minutes for v in days),
        RECOVERY_DAY * recovery_day_distance(m, free),
        STRENGTH_OWED * strength_owed(m),
        changes(m, free),
    ]
    return sum(terms)


def changes(m, free: list[int]):
    """A re-plan's differences from the previous plan on the free days: changes as few as the
    volume allows (weighted above the shape terms, so the previous shape is kept where it can)."""
    previous = m.instance.previous
    if previous is None:
        return 0
    total = []
    top = m.instance.max_run_tenths
    for index in free:
        v = m.day(index)
        before = previous.get(index)
        flags = ((v.easy, before.easy if before else 0), (v.long, before.long if before else 0),
                 (v.quality, before.quality if before else 0), (v.strength, before.strength if before else 0))
        total.append(CHANGED_KIND * sum(flag if was == 0 else 1 - flag for flag, was in flags))
        distance = int(before.distance) if before else 0
        gap = m.int_var(0, top + distance)
        m.cp.add(gap >= v.distance - distance)
        m.cp.add(gap >= distance - v.distance)
        total.append(CHANGED_DISTANCE * gap)
    return sum(total)


def late_load(m):
    """Load on the free days, each weighted by how many days of the week after the window count
    it in their 7-day (acute) load: a week that falls short of its goal for the load ratio is
    shaped to leave the next week room."""
    last = m.free_days[-1]
    return sum(max(0, 7 - (last - i)) * m.day(i).load for i in m.free_days if last - i < 6)


def easy_spread(m, week: int):
    days = [m.day(i) for i in m.week_indices(week) if m.is_free(i)]
    if not days:
        return 0
    top = m.instance.max_run_tenths
    longest = m.int_var(0, top)
    shortest = m.int_var(0, top)
    m.cp.add(shortest <= longest)
    for v in days:
        m.cp.add(longest >= v.easy_distance).only_enforce_if(v.easy)
        m.cp.add(shortest <= v.easy_distance).only_enforce_if(v.easy)
    return longest - shortest


def short_runs(m, free: list[int]):
    comfortable = COMFORTABLE_EASY_MINUTES * 600 // m.instance.pace
    total = []
    for index in free:
        v = m.day(index)
        shortfall = m.int_var(0, comfortable)
        m.cp.add(shortfall >= comfortable * v.easy - v.easy_distance)
        total.append(shortfall)
    return sum(total)


def strength_alone(m, free: list[int]):
    total = []
    for index in free:
        v = m.day(index)
        alone = m.bool_var()
        m.cp.add(alone >= v.strength - v.run)
        total.append(alone)
    return sum(total)


def race_week_gap(m, peak: int):
    week = m.instance.race_week
    if week is None or week not in m.free_weeks:
        return 0
    goal = round(RACE_WEEK_SHARE * peak)
    gap = m.int_var(0, 7 * m.instance.max_run_tenths + goal)
    distance = m.week_distance(week)
    m.cp.add(gap >= distance - goal)
    m.cp.add(gap >= goal - distance)
    return gap


def recovery_day_distance(m, free: list[int]):
    """Easy distance run on days that follow a long run."""
    top = m.instance.max_run_tenths
    total = []
    for index in free:
        yesterday = m.day(index - 1) if index >= 1 else None
        if yesterday is None or (isinstance(yesterday.long, int) and not yesterday.long):
            continue
        today = m.day(index)
        if isinstance(yesterday.long, int):  # a long run yesterday, already fixed
            total.append(today.easy_distance)
            continue
        after = m.int_var(0, top)
        m.cp.add(after >= today.easy_distance - top * (1 - yesterday.long))
        total.append(after)
    return sum(total)


def strength_owed(m):
    """Hip/core sessions a week with days already done still owes beyond what is planned."""
    total = 0
    for week in m.free_weeks:
        owed, planned = strength_rule.owed(m, week)
        if owed:
            total += owed - planned
    return total


# ---- the same terms from a finished plan -----------------------------------------------------

def shape_score(days: list[dict], pace_seconds: int, race_week: int | None, peak: float, long_run: int = LONG_RUN) -> float:
    """The shape terms above, in the same weights and units, from a plan's days (plan JSON
    dicts: run_kind, distance in the unit, run_minutes, strength, week); `long_run` replaces
    the long run's weight (to compare with plans made with another)."""
    comfortable = COMFORTABLE_EASY_MINUTES * 600 // pace_seconds
    weeks: dict[int, list[dict]] = {}
    for day in days:
        weeks.setdefault(day["week"], []).append(day)
    score = 0.0
    for week, block in weeks.items():
        easy = [round(d["distance"] * 10) for d in block if d["run_kind"] == "easy"]
        if easy:
            score += EASY_SPREAD * (max(easy) - min(easy))
        score -= long_run * sum(round(d["distance"] * 10) for d in block if d["run_kind"] == "long")
        if week == race_week:
            goal = round(RACE_WEEK_SHARE * peak * 10)
            distance = sum(round(d["distance"] * 10) for d in block if d["run_kind"] != "race")
            score += RACE_WEEK * abs(distance - goal)
    for index, day in enumerate(days):
        kind = day["run_kind"]
        tenths = round(day["distance"] * 10)
        if kind == "easy":
            score += SHORT_RUN * max(0, comfortable - tenths)
            if index and days[index - 1]["run_kind"] == "long":
                score += RECOVERY_DAY * tenths
        if day["strength"] and kind == "rest":
            score += STRENGTH_ALONE
        if kind == "quality":
            score -= QUALITY
        if kind != "race":
            score += RUN_MINUTES * day["run_minutes"]
    return score
