"""The two distance units an athlete plans in, and how they convert: the one place for it."""

KM_PER_MILE = 1.609344  # the international mile
METRES_PER_UNIT = {"km": 1000.0, "mi": 1000.0 * KM_PER_MILE}
