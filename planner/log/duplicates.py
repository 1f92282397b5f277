"""The same session found twice (a watch file and the Strava export's row for it) counts once.

Two sessions are the same when both have start times within 5 minutes of each other and
either both are runs with distances within 5 % (of the longer) or neither is a run (they
have no distance to compare). Sessions without a start time (dated entries) are never
duplicates. Of two copies, the one from the better source is kept: the lower `rank`
(see planner.log.formats), and of equal ranks the one read first.
"""

from __future__ import annotations

import datetime as dt

from planner.log.session import Duplicate, Session

SAME_START = dt.timedelta(minutes=5)
SAME_DISTANCE = 0.05


def same_session(a: Session, b: Session) -> bool:
    if a.start is None or b.start is None or abs(a.start - b.start) > SAME_START:
        return False
    if a.is_run != b.is_run:
        return False
    if not a.is_run:
        return True
    longer = max(a.distance or 0.0, b.distance or 0.0)
    return abs((a.distance or 0.0) - (b.distance or 0.0)) <= SAME_DISTANCE * longer


def drop_duplicates(found: list[tuple[int, Session]]) -> tuple[list[Session], list[Duplicate]]:
    """The sessions counted once, and each duplicate dropped; `found` holds (rank, session)
    in the order read."""
    undated = [session for _, session in found if session.start is None]
    timed = sorted(((rank, index, session) for index, (rank, session) in enumerate(found) if session.start is not None),
                   key=lambda item: (item[2].start, item[1]))
    kept: list[tuple[int, int, Session]] = []
    duplicates: list[Duplicate] = []
    for candidate in timed:
        match = _match(kept, candidate[2])
        if match is None:
            kept.append(candidate)
            continue
        better, worse = sorted((candidate, kept[match]), key=lambda item: item[:2])
        kept[match] = better
        duplicates.append(Duplicate(kept=better[2], dropped=worse[2]))
    return undated + [session for _, _, session in kept], duplicates


def _match(kept: list[tuple[int, int, Session]], session: Session) -> int | None:
    """The index of a kept session that `session` duplicates. Sessions come in order of start,
    so only the last few kept can match (a kept copy may start up to SAME_START after the
    first copy it replaced, hence the wider window for stopping)."""
    for index in range(len(kept) - 1, -1, -1):
        other = kept[index][2]
        if session.start - other.start > 2 * SAME_START:
            return None
        if same_session(session, other):
            return index
    return None
