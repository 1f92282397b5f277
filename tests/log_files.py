"""Training-log files for the tests, written independently of the readers under test.

FIT files are encoded with fit-tool (not the reader's fitdecode); GPX, TCX and CSV files are
text written here. Every distance, duration, start time and sport is chosen by the caller, so
a test knows by construction what a reader must find.
"""

from __future__ import annotations

import datetime as dt
import gzip
import math
from dataclasses import dataclass
from pathlib import Path

UTC = dt.timezone.utc
FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=UTC)  # FIT's local_date_time counts seconds from here
METRES_PER_DEGREE = 6_371_000 * math.pi / 180  # along a meridian, on a sphere of the Earth's mean radius


@dataclass(frozen=True)
class FitSession:
    """One session of a FIT file: `seconds` of timer time within `elapsed` (pauses)."""

    start: dt.datetime  # aware UTC
    seconds: float
    metres: float | None
    sport: str = "RUNNING"  # fit_tool Sport member name
    sub_sport: str = "GENERIC"  # fit_tool SubSport member name
    elapsed: float | None = None


def fit_bytes(sessions: list[FitSession], local_offset: dt.timedelta | None = dt.timedelta(0),
              records_per_session: int = 20) -> bytes:
    """A FIT activity with `sessions` (each with a lap and a few records), ending with an
    activity message whose local timestamp is `local_offset` from UTC (None: no activity message)."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.activity_message import ActivityMessage
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.lap_message import LapMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport, SubSport

    builder = FitFileBuilder(auto_define=True)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 12345
    file_id.time_created = _ms(sessions[0].start)
    builder.add(file_id)
    for session in sessions:
        elapsed = session.elapsed if session.elapsed is not None else session.seconds
        for index in range(records_per_session):
            record = RecordMessage()
            record.timestamp = _ms(session.start) + round(index * elapsed * 1000 / records_per_session)
            record.heart_rate = 140
            if session.metres is not None:
                record.distance = session.metres * index / records_per_session
            builder.add(record)
        builder.add(_totals(LapMessage(), session, elapsed))
        message = _totals(SessionMessage(), session, elapsed)
        message.sport = Sport[session.sport]
        message.sub_sport = SubSport[session.sub_sport]
        builder.add(message)
    if local_offset is not None:
        last = sessions[-1]
        end = last.start + dt.timedelta(seconds=last.elapsed if last.elapsed is not None else last.seconds)
        activity = ActivityMessage()
        activity.timestamp = _ms(end)
        activity.total_timer_time = sum(session.seconds for session in sessions)
        activity.num_sessions = len(sessions)
        activity.local_timestamp = round((end + local_offset - FIT_EPOCH).total_seconds())
        builder.add(activity)
    return builder.build().to_bytes()


def _totals(message, session: FitSession, elapsed: float):
    """A lap or session message with the session's times and distance."""
    message.timestamp = _ms(session.start + dt.timedelta(seconds=elapsed))
    message.start_time = _ms(session.start)
    message.total_elapsed_time, message.total_timer_time = elapsed, session.seconds
    if session.metres is not None:
        message.total_distance = session.metres
    return message


def fit_file_id_only() -> bytes:
    """A valid FIT file with no session (as a watch's settings or wellness files are)."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer

    builder = FitFileBuilder(auto_define=True)
    file_id = FileIdMessage()
    file_id.type = FileType.SETTINGS
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    builder.add(file_id)
    return builder.build().to_bytes()


def hand_made_fit(start: dt.datetime, seconds: int, metres: float) -> bytes:
    """A FIT run written byte by byte with what fit-tool does not write: records with a
    developer field (and the developer_data_id and field_description messages that define
    it), records under compressed-timestamp headers, and a big-endian session definition."""
    import struct

    from fit_tool.utils.crc import crc16

    def definition(local: int, number: int, fields: list[tuple[int, int, int]], developer=(), big=False) -> bytes:
        flag = 0x60 if developer else 0x40
        head = struct.pack(">BBBHB" if big else "<BBBHB", flag | local, 0, int(big), number, len(fields))
        body = b"".join(struct.pack("BBB", *field) for field in fields)
        extra = bytes([len(developer)]) + b"".join(struct.pack("BBB", *field) for field in developer) if developer else b""
        return head + body + extra

    stamp = round((start - FIT_EPOCH).total_seconds())
    parts = [
        definition(0, 0, [(0, 1, 0x00), (4, 4, 0x86)]), struct.pack("<BBI", 0, 4, stamp),  # file_id: activity
        definition(1, 207, [(3, 1, 0x02), (1, 16, 0x0D)]), struct.pack("<BB16s", 1, 0, b"0123456789abcdef"),
        definition(1, 206, [(0, 1, 0x02), (1, 1, 0x02), (2, 1, 0x02), (3, 8, 0x07)]),
        struct.pack("<BBBB8s", 1, 0, 0, 0x84, b"stryd\0\0\0"),  # developer field 0: a uint16 named stryd
        definition(2, 20, [(253, 4, 0x86), (5, 4, 0x86)], developer=[(0, 2, 0)]),  # record + the developer field
        definition(3, 20, [(5, 4, 0x86)], developer=[(0, 2, 0)]),  # the same without a timestamp, for compressed headers
    ]
    for second in range(0, seconds + 1, 10):
        centimetres = round(metres * 100 * second / seconds)
        if second % 30 == 0:  # a full timestamp every 30 s, 5-bit offsets in compressed headers in between
            parts.append(struct.pack("<BIIH", 2, stamp + second, centimetres, 250))
        else:
            parts.append(struct.pack("<BIH", 0x80 | (3 << 5) | ((stamp + second) & 0x1F), centimetres, 250))
    parts += [
        definition(3, 18, [(253, 4, 0x86), (2, 4, 0x86), (7, 4, 0x86), (8, 4, 0x86), (9, 4, 0x86), (5, 1, 0x00)],
                   big=True),
        struct.pack(">BIIIIIB", 3, stamp + seconds, stamp, seconds * 1000, seconds * 1000, round(metres * 100), 1),
    ]
    records = b"".join(parts)
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(records), b".FIT")
    header += struct.pack("<H", crc16(header))
    return header + records + struct.pack("<H", crc16(header + records))


def _ms(moment: dt.datetime) -> int:
    return round(moment.timestamp() * 1000)


def gpx_text(start: dt.datetime, metres: float, seconds: float, track_type: str | None = None,
             points: int = 50, tracks: int = 1) -> str:
    """A GPX file with `tracks` tracks, each running north along a meridian for `metres` over
    `seconds`; every later track starts an hour after the one before."""
    body = []
    for track in range(tracks):
        begin = start + dt.timedelta(hours=track)
        kind = f"<type>{track_type}</type>" if track_type is not None else ""
        rows = []
        for index in range(points + 1):
            latitude = 52.0 + (metres / METRES_PER_DEGREE) * index / points
            moment = begin + dt.timedelta(seconds=seconds * index / points)
            rows.append(f'<trkpt lat="{latitude:.9f}" lon="13.400000000"><ele>40</ele>'
                        f"<time>{moment.strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>")
        body.append(f"<trk><name>Run {track + 1}</name>{kind}<trkseg>{''.join(rows)}</trkseg></trk>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1">'
            f"{''.join(body)}</gpx>\n")


@dataclass(frozen=True)
class TcxLap:
    start: dt.datetime  # aware UTC
    seconds: float | None  # TotalTimeSeconds (None: left out)
    metres: float
    elapsed: float  # from the lap's first trackpoint to its last


def tcx_text(laps: list[TcxLap], sport: str = "Running", positions: bool = True, points: int = 10) -> str:
    """A TCX activity of `laps`; without `positions` it is a treadmill run (no GPS)."""
    xml_laps = []
    for lap in laps:
        rows = []
        for index in range(points + 1):
            moment = lap.start + dt.timedelta(seconds=lap.elapsed * index / points)
            where = (f"<Position><LatitudeDegrees>{52 + index * 1e-4:.6f}</LatitudeDegrees>"
                     f"<LongitudeDegrees>13.4</LongitudeDegrees></Position>") if positions else ""
            rows.append(f"<Trackpoint><Time>{moment.strftime('%Y-%m-%dT%H:%M:%S.000Z')}</Time>{where}"
                        f"<DistanceMeters>{lap.metres * index / points:.1f}</DistanceMeters>"
                        f"<HeartRateBpm><Value>140</Value></HeartRateBpm></Trackpoint>")
        total = f"<TotalTimeSeconds>{lap.seconds}</TotalTimeSeconds>" if lap.seconds is not None else ""
        xml_laps.append(f'<Lap StartTime="{lap.start.strftime("%Y-%m-%dT%H:%M:%SZ")}">{total}'
                        f"<DistanceMeters>{lap.metres}</DistanceMeters><Calories>300</Calories>"
                        f"<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>"
                        f"<Track>{''.join(rows)}</Track></Lap>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
            f'<Activities><Activity Sport="{sport}"><Id>{laps[0].start.strftime("%Y-%m-%dT%H:%M:%SZ")}</Id>'
            f"{''.join(xml_laps)}</Activity></Activities></TrainingCenterDatabase>\n")


# The columns of a Strava bulk export's activities.csv (2024), in order: several names repeat.
STRAVA_HEADER = [
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description", "Elapsed Time",
    "Distance", "Max Heart Rate", "Relative Effort", "Commute", "Activity Private Note", "Activity Gear",
    "Filename", "Athlete Weight", "Bike Weight", "Elapsed Time", "Moving Time", "Distance", "Max Speed",
    "Average Speed", "Elevation Gain", "Elevation Loss", "Max Heart Rate", "Average Heart Rate", "Calories",
    "Relative Effort", "Perceived Exertion", "Type", "Start Time", "Commute", "From Upload",
]


@dataclass(frozen=True)
class StravaRow:
    date: str  # as Strava writes it: "Nov 3, 2026, 6:02:23 AM" (UTC)
    activity_type: str
    elapsed: float
    moving: float | None
    metres: float | None
    name: str = "Morning Run"
    exertion: str = ""


def strava_csv(rows: list[StravaRow], header: list[str] = STRAVA_HEADER, display_unit: float = 1000.0) -> str:
    """activities.csv text: the first Distance in km (or mi: display_unit 1609.344), the second
    in metres; the first Elapsed Time in whole seconds, the second with a decimal."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for number, row in enumerate(rows, start=1):
        seen: dict[str, int] = {}
        cells = []
        for name in header:
            seen[name] = seen.get(name, 0) + 1
            cells.append(_strava_cell(row, name, seen[name], display_unit, number))
        writer.writerow(cells)
    return out.getvalue()


def _strava_cell(row: StravaRow, name: str, copy: int, display_unit: float, number: int) -> str:
    if name == "Distance":
        if row.metres is None:
            return ""
        return f"{row.metres / display_unit:.2f}" if copy == 1 else f"{row.metres:.1f}"
    if name == "Elapsed Time":
        return f"{round(row.elapsed)}" if copy == 1 else f"{row.elapsed:.1f}"
    values = {
        "Activity ID": str(1000 + number), "Activity Date": row.date, "Activity Name": row.name,
        "Activity Type": row.activity_type, "Moving Time": "" if row.moving is None else f"{row.moving:.1f}",
        "Perceived Exertion": row.exertion, "Max Heart Rate": "171.0", "Relative Effort": "40",
        "Commute": "false", "Filename": f"activities/{1000 + number}.fit.gz", "Calories": "600",
    }
    return values.get(name, "")


def write(path: Path, content: str | bytes, compress: bool = False) -> Path:
    """Write `content` to `path` (gzipped with `compress`), making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def read(root: Path, files: list[str], entries: list[dict] | None = None, units: str = "km",
         timezone: str | None = None):
    """read_log for a config at root/athlete.yaml, caching in root/cache (never the user's)."""
    from planner.log import LogSection, read_log

    section = LogSection(files=files, entries=entries or [])
    return read_log(section, root / "athlete.yaml", units=units, timezone=timezone, cache_dir=root / "cache")
