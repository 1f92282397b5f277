"""FIT activity files (Garmin, Coros, Suunto, Wahoo, Zwift...), decoded with fitdecode.

A session needs only a file's summary messages: `session` (one per sport; a multisport file
has several), `activity` (its `local_timestamp` gives the watch's local time) and `file_id`.
The thousands of per-second `record` messages around them are not decoded: `summary_file`
walks the file's message headers, which say how long each message is, and copies the summary
messages with their definitions into a small FIT file that fitdecode then decodes in full.
The walk checks the file's structure (a truncated or corrupt file is refused), not its CRC.
"""

from __future__ import annotations

import datetime as dt
import io

from planner.log.activity import Activity, Parsed, Unreadable
from planner.log.session import Skip
from planner.log.sports import classify

FILE_ID, SESSION, ACTIVITY, FIELD_DESCRIPTION, DEVELOPER_DATA_ID = 0, 18, 34, 206, 207
SUMMARY_MESSAGES = frozenset({FILE_ID, SESSION, ACTIVITY, FIELD_DESCRIPTION, DEVELOPER_DATA_ID})
MOST_UTC_OFFSET = dt.timedelta(hours=14)


def parse(data: bytes, shown: str) -> Parsed:
    """The sessions of a FIT file; a file without any (settings, wellness) is skipped."""
    sessions, activity = decode(summary_file(data))
    offset = _local_offset(activity)
    activities = [_activity(message, offset, _part(index, len(sessions))) for index, message in enumerate(sessions)]
    if not activities:
        return Parsed(skipped=[Skip(shown, "has no session messages (not an activity file)")])
    return Parsed(activities=activities)


# ---- reading only the summary messages ----------------------------------------------------------

def summary_file(data: bytes) -> bytes:
    """A FIT file holding only `data`'s summary messages and their definitions, for each of
    its chained FIT files; raises Unreadable when `data` is not a whole FIT file."""
    if not data:
        raise Unreadable("is empty")
    out = bytearray()
    offset = 0
    while offset < len(data):
        if not _is_header(data, offset):
            if offset == 0:
                raise Unreadable("is not a FIT file (no FIT header)")
            break  # padding after the last FIT file
        body = offset + data[offset]
        end = body + int.from_bytes(data[offset + 4:offset + 8], "little")
        if end + 2 > len(data):
            raise Unreadable(f"is truncated: its header announces {end + 2 - offset} bytes, the file has {len(data) - offset}")
        out += _fit_file(data[offset + 1:offset + 4], _summary_messages(data, body, end))
        offset = end + 2
    return bytes(out)


def _is_header(data: bytes, offset: int) -> bool:
    size = data[offset]
    return size in (12, 14) and offset + size <= len(data) and data[offset + 8:offset + 12] == b".FIT"


def _fit_file(versions: bytes, messages: bytes) -> bytes:
    """A 12-byte FIT header (the original protocol and profile versions), `messages`, the CRC."""
    from fitdecode.utils import compute_crc

    content = bytes([12]) + versions + len(messages).to_bytes(4, "little") + b".FIT" + messages
    return content + compute_crc(content).to_bytes(2, "little")


def _summary_messages(data: bytes, position: int, end: int) -> bytes:
    """The definition and data messages of SUMMARY_MESSAGES between `position` and `end`."""
    kept = bytearray()
    layouts: dict[int, tuple[int, bool]] = {}  # local message type -> (data size, kept)
    while position < end:
        header = data[position]
        if header & 0x80:  # compressed timestamp header: a data message of local type in bits 5-6
            local = (header >> 5) & 0x3
        elif header & 0x40:
            position = _definition(data, position, end, layouts, kept)
            continue
        else:
            local = header & 0x0F
        if local not in layouts:
            raise Unreadable(f"is corrupt: a message at byte {position} uses an undefined layout")
        size, keep = layouts[local]
        if keep:
            kept += data[position:position + 1 + size]
        position += 1 + size
    if position != end:
        raise Unreadable("is truncated or corrupt: its last message runs past the end of the data")
    return bytes(kept)


def _definition(data: bytes, position: int, end: int, layouts: dict, kept: bytearray) -> int:
    """Read the definition message at `position` into `layouts`; return where the next begins."""
    header = data[position]
    if position + 6 > end:
        raise Unreadable("is truncated: it ends inside a message definition")
    byte_order = "big" if data[position + 2] == 1 else "little"
    number = int.from_bytes(data[position + 3:position + 5], byte_order)
    fields = position + 6
    stop = fields + 3 * data[position + 5]
    size = sum(data[fields + 1:stop:3])  # every field definition is (number, size, base type)
    if header & 0x20:  # developer fields follow, also (number, size, developer index)
        if stop >= end:
            raise Unreadable("is truncated: it ends inside a message definition")
        developer = stop + 1
        stop = developer + 3 * data[stop]
        size += sum(data[developer + 1:stop:3])
    if stop > end:
        raise Unreadable("is truncated: it ends inside a message definition")
    keep = number in SUMMARY_MESSAGES
    layouts[header & 0x0F] = (size, keep)
    if keep:
        kept += data[position:stop]
    return stop


# ---- decoding the summary ------------------------------------------------------------------------

def decode(summary: bytes) -> tuple[list, object | None]:
    """The session messages and the (last) activity message, decoded by fitdecode."""
    import fitdecode

    sessions, activity = [], None
    reader = fitdecode.FitReader(io.BytesIO(summary), check_crc=fitdecode.CrcCheck.RAISE,
                                 error_handling=fitdecode.ErrorHandling.RAISE)
    with reader as fit:
        for frame in fit:
            if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                continue
            if frame.global_mesg_num == SESSION:
                sessions.append(frame)
            elif frame.global_mesg_num == ACTIVITY:
                activity = frame
    return sessions, activity


def _local_offset(activity) -> dt.timedelta | None:
    """The watch's UTC offset: the activity's local timestamp less its UTC timestamp."""
    if activity is None:
        return None
    utc = activity.get_value("timestamp", fallback=None)
    local = activity.get_value("local_timestamp", fallback=None)
    if not (isinstance(utc, dt.datetime) and isinstance(local, dt.datetime)):
        return None
    offset = local.replace(tzinfo=None) - utc.replace(tzinfo=None)
    return offset if abs(offset) <= MOST_UTC_OFFSET else None


def _activity(session, offset: dt.timedelta | None, part: str) -> Activity:
    start = session.get_value("start_time", fallback=None)
    start = start if isinstance(start, dt.datetime) else None
    seconds = _first_number(session, ("total_moving_time", "total_timer_time", "total_elapsed_time"))
    sport = _sport(session)
    return Activity(
        kind=classify(sport), sport=sport, start_utc=start,
        start_local=(start.replace(tzinfo=None) + offset) if start is not None and offset is not None else None,
        metres=_first_number(session, ("total_distance",)), seconds=seconds or 0.0, part=part,
    )


def _first_number(message, names: tuple[str, ...]) -> float | None:
    for name in names:
        value = message.get_value(name, fallback=None)
        if isinstance(value, (int, float)):
            return float(value)
    return None


def _sport(session) -> str | None:
    """"running", or "running/treadmill" when the session has a sub-sport other than generic."""
    sport = session.get_value("sport", fallback=None)
    sub_sport = session.get_value("sub_sport", fallback=None)
    if sport is None:
        return None
    if sub_sport in (None, "generic", 0):
        return str(sport)
    return f"{sport}/{sub_sport}"


def _part(index: int, count: int) -> str:
    return f"session {index + 1}" if count > 1 else ""
