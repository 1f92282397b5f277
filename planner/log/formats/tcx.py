"""TCX activities (Garmin's Training Center XML), read with tcxreader.

tcxreader is told `only_gps=False`: by default it drops trackpoints without a position, so
a treadmill run would read as 0 s. Minutes are the laps' `TotalTimeSeconds` (timer time,
pauses excluded), which tcxreader does not report, read from the same document; without
them, the time from the first to the last trackpoint. Some exports put whitespace before
`<?xml`, which XML parsers refuse: it is removed first. Times in TCX are UTC.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from planner.log.activity import Activity, Parsed
from planner.log.formats.common import as_utc, xml_document
from planner.log.session import Skip
from planner.log.sports import classify

LAP_TIME = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}TotalTimeSeconds"


def parse(data: bytes, shown: str) -> Parsed:
    from tcxreader.tcxreader import TCXReader

    document = xml_document(data)
    exercise = TCXReader().read(io.BytesIO(document), only_gps=False)
    if exercise.start_time is None:
        return Parsed(skipped=[Skip(shown, "has no trackpoints with times")])
    seconds = _timer_seconds(document)
    return Parsed(activities=[Activity(
        kind=classify(exercise.activity_type), sport=exercise.activity_type, start_utc=as_utc(exercise.start_time),
        start_local=None, metres=exercise.distance, seconds=seconds if seconds else float(exercise.duration or 0.0),
    )])


def _timer_seconds(document: bytes) -> float | None:
    """The laps' summed TotalTimeSeconds, or None when the file has none."""
    times = [float(element.text) for _, element in ET.iterparse(io.BytesIO(document))
             if element.tag == LAP_TIME and element.text]
    return sum(times) if times else None
