"""GPX tracks, read with gpxpy.

GPX has no sport field and no pauses: a track's `type` is read when an app wrote one (older
Strava exports number it, 9 being a run), else the track is taken to be a run; its minutes
are the elapsed time from its first to its last point, its distance the 2-D length (no
climbing). Times in GPX are UTC. Each track with times is one session.
"""

from __future__ import annotations

from planner.log.activity import Activity, Parsed
from planner.log.formats.common import as_utc, xml_document
from planner.log.session import Skip
from planner.log.sports import classify

NUMBERED_TYPES = {"9": "run"}  # Strava's GPX exports before about 2020


def parse(data: bytes, shown: str) -> Parsed:
    import gpxpy

    gpx = gpxpy.parse(xml_document(data).decode("utf-8"))
    parsed = Parsed()
    for index, track in enumerate(gpx.tracks):
        part = f"track {index + 1}" if len(gpx.tracks) > 1 else ""
        start, end = track.get_time_bounds()
        if start is None or end is None:
            parsed.skipped.append(Skip(f"{shown} {part}".strip(), "has no times (a route, not a recorded activity)"))
            continue
        sport = track.type.strip() if track.type and track.type.strip() else None
        parsed.activities.append(Activity(
            kind=classify(NUMBERED_TYPES.get(sport or "", sport), default="run"), sport=sport,
            start_utc=as_utc(start), start_local=None, metres=track.length_2d(),
            seconds=(as_utc(end) - as_utc(start)).total_seconds(), part=part,
        ))
    if not gpx.tracks:
        parsed.skipped.append(Skip(shown, "has no tracks (a route or waypoints, not a recorded activity)"))
    return parsed
