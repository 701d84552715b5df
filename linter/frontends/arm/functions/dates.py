"""Date functions: utcNow (Unknown), dateTimeAdd, dateTimeFromEpoch, dateTimeToEpoch.

dateTimeAdd is computed only from a known base time (a literal or parameter
value); a base from utcNow() is Unknown, so the result is Unknown too. As in
.NET's XmlConvert.ToTimeSpan, which ARM's documented results match, a year in
a duration is 365 days and a month 30 days ('2023-01-31' + P1M = '2023-03-02').
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._registry import Context, function

if TYPE_CHECKING:
    from datetime import datetime

# datetime is imported, and this pattern compiled (re caches it), by the first date function called
_DURATION = (
    r"(?P<sign>-)?P(?:(?P<y>\d+)Y)?(?:(?P<mo>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?"
    r"(?:T(?:(?P<h>\d+)H)?(?:(?P<mi>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?"
)
_ISO_OUT = "%Y-%m-%dT%H:%M:%SZ"


@function("utcNow", 0, 1)
def utc_now(ctx: Context, fmt=None) -> object:
    return ctx.unknown("utcNow() is the deployment time")


def _parse_time(ctx: Context, text) -> datetime:
    from datetime import datetime, timezone

    text = ctx.string(text, 0).strip()
    candidate = text.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", text) else text
    candidate = re.sub(r"(\.\d{6})\d+", r"\1", candidate)
    if candidate.endswith(("Z", "z")):
        candidate = candidate[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError:
        raise ctx.error(f"'{text}' is not an ISO 8601 date-time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _format(ctx: Context, moment: datetime, fmt) -> object:
    if fmt is None:
        return moment.strftime(_ISO_OUT)
    fmt = ctx.string(fmt, 2)
    if fmt in ("u",):
        return moment.strftime("%Y-%m-%d %H:%M:%SZ")
    if fmt in ("s",):
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    if fmt in ("o", "O"):
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%f0Z")
    pieces = re.findall(r"yyyy|MM|dd|HH|mm|ss|.", fmt)
    table = {"yyyy": "%Y", "MM": "%m", "dd": "%d", "HH": "%H", "mm": "%M", "ss": "%S"}
    if any(p.isalpha() and p not in table and p not in "TZ" for p in pieces):
        return ctx.unknown(f"dateTimeAdd format '{fmt}' is not supported")
    return "".join(moment.strftime(table[p]) if p in table else p for p in pieces)


@function("dateTimeAdd", 2, 3)
def date_time_add(ctx: Context, base, duration, fmt=None) -> object:
    from datetime import timedelta

    moment = _parse_time(ctx, base)
    match = re.fullmatch(_DURATION, ctx.string(duration, 1).strip())
    if not match or match.group(0) in ("P", "-P"):
        raise ctx.error(f"'{duration}' is not an ISO 8601 duration")
    sign = -1 if match.group("sign") else 1
    part = {k: float(v) if v else 0 for k, v in match.groupdict().items() if k != "sign"}
    days = part["y"] * 365 + part["mo"] * 30 + part["w"] * 7 + part["d"]
    try:
        moment += sign * timedelta(days=days, hours=part["h"], minutes=part["mi"], seconds=part["s"])
    except (OverflowError, ValueError):
        raise ctx.error("the resulting date is out of range") from None
    return _format(ctx, moment, fmt)


@function("dateTimeFromEpoch", 1)
def date_time_from_epoch(ctx: Context, seconds) -> str:
    from datetime import datetime, timezone

    try:
        moment = datetime.fromtimestamp(ctx.integer(seconds), tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise ctx.error("the epoch value is out of range") from None
    return moment.strftime(_ISO_OUT)


@function("dateTimeToEpoch", 1)
def date_time_to_epoch(ctx: Context, text) -> int:
    return int(_parse_time(ctx, text).timestamp())
