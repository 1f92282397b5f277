"""One way to turn an athlete's name into a file-name and calendar-ID safe slug."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def slug(name: str) -> str:
    """Lower-case ASCII letters and digits joined by hyphens: "Dana Ruiz" -> "dana-ruiz". A name
    with other characters keeps their ASCII form and gains a short hash of the whole name
    ("Zoë Kant" -> "zoe-kant-<hash>", "李雷" -> "athlete-<hash>"), so that two names never share
    a slug by losing their accents or letters (a calendar would merge their events)."""
    ascii_form = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_form.lower()).strip("-")
    if base and name.isascii():
        return base
    digest = hashlib.sha1(name.strip().encode()).hexdigest()[:8]
    return f"{base or 'athlete'}-{digest}"


def exact_id(name: str) -> str:
    """An ID for exactly this name: its slug and a hash of the name as written, so names that
    differ only in case or punctuation ("Dana Ruiz", "dana ruiz") never share one (calendar
    event UIDs: two athletes' events would overwrite each other)."""
    digest = hashlib.sha1(name.encode()).hexdigest()[:10]
    return f"{slug(name)}-{digest}"
