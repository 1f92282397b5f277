"""What the planner optimizes, in one place. Hard rules live in constraints/; this is preference.

The plan is solved in two phases (lexicographic):

1. **Volume** — maximize the summed training distance of every week except race week. Every
   weekly cap (ramp, cutback, taper, target) grows with the weeks before it, so the largest sum
   is the fastest build to `target_weekly_distance` that the rules allow, then holding it.
2. **Shape** — with each week's distance fixed at the phase-1 value, minimize (all in tenths of
   the athlete's unit unless said otherwise), one week at a time with the other weeks fixed:

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

"Optimal" in a plan's status means: phase 1 proven optimal, then every week's shape proven
optimal with phase 1's weekly distances and the other weeks' days fixed as they were when it
was shaped, in week order (see planner.solve.WeekByWeek).
"""

from __future__ import annotations

EASY_SPREAD = 3
SHORT_RUN = 2
LONG_RUN = 1
STRENGTH_ALONE = 8
QUALITY = 30
RACE_WEEK = 2
RACE_WEEK_SHARE = 0.3
COMFORTABLE_EASY_MINUTES = 35
RUN_MINUTES = 1
RECOVERY_DAY = 1


def volume(m):
    """Phase 1: total training distance of every week but race week (to maximize)."""
    return sum(m.week_distance[w] for w in m.week_numbers if w != m.instance.race_week)


def shape(m, peak: int):
    """Phase 2: the weighted tie-breaks above (to minimize); `peak` is phase 1's peak week."""
    return (
        EASY_SPREAD * sum(easy_spread(m, w) for w in m.week_numbers)
        + SHORT_RUN * short_runs(m)
        - LONG_RUN * sum(m.week_long.values())
        + STRENGTH_ALONE * strength_alone(m)
        - QUALITY * sum(v.quality for v in m.days)
        + RACE_WEEK * race_week_gap(m, peak)
        + RUN_MINUTES * sum(v.minutes for v in m.days)
        + RECOVERY_DAY * recovery_day_distance(m)
    )


def easy_spread(m, week: int):
    top = m.instance.max_run_tenths
    longest = m.cp.NewIntVar(0, top, f"easy_longest_{week}")
    shortest = m.cp.NewIntVar(0, top, f"easy_shortest_{week}")
    m.cp.Add(shortest <= longest)
    for _, v in m.week_vars(week):
        m.cp.Add(longest >= v.easy_distance).OnlyEnforceIf(v.easy)
        m.cp.Add(shortest <= v.easy_distance).OnlyEnforceIf(v.easy)
    return longest - shortest


def short_runs(m):
    comfortable = COMFORTABLE_EASY_MINUTES * 600 // m.instance.pace
    total = []
    for index, v in enumerate(m.days):
        shortfall = m.cp.NewIntVar(0, comfortable, f"short_{index}")
        m.cp.Add(shortfall >= comfortable * v.easy - v.easy_distance)
        total.append(shortfall)
    return sum(total)


def strength_alone(m):
    total = []
    for index, v in enumerate(m.days):
        alone = m.cp.NewBoolVar(f"strength_alone_{index}")
        m.cp.Add(alone >= v.strength - v.run)
        total.append(alone)
    return sum(total)


def race_week_gap(m, peak: int):
    week = m.instance.race_week
    if week is None:
        return 0
    goal = round(RACE_WEEK_SHARE * peak)
    gap = m.cp.NewIntVar(0, m.instance.target + goal, "race_week_gap")
    m.cp.Add(gap >= m.week_distance[week] - goal)
    m.cp.Add(gap >= goal - m.week_distance[week])
    return gap


def recovery_day_distance(m):
    """Easy distance run on days that follow a long run."""
    top = m.instance.max_run_tenths
    total = []
    for index in range(1, len(m.days)):
        after = m.cp.NewIntVar(0, top, f"after_long_{index}")
        m.cp.Add(after >= m.days[index].easy_distance - top * (1 - m.days[index - 1].long))
        total.append(after)
    return sum(total)
