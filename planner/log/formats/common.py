"""Small helpers the readers share: XML bytes as parsers accept them, and UTC times."""

from __future__ import annotations

import datetime as dt

BOM = b"\xef\xbb\xbf"


def xml_document(data: bytes) -> bytes:
    """`data` without the whitespace (and byte-order mark) some exports put before `<?xml`,
    which XML parsers refuse."""
    return data.lstrip().removeprefix(BOM).lstrip()


def as_utc(moment: dt.datetime) -> dt.datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already (GPX and TCX times are)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)
