"""Which characters can a match of a regex start with: a superset, from the regex's parsed form.

Used when the HCL lexer tables are built (`hcl_tables`): at a position whose
character no match of a terminal can start with, that terminal cannot match,
so it can be left out of the alternation tried there without changing which
terminal matches first. Only ASCII characters are listed; whether any other
character may start a match is a single flag. Whatever this does not fully
understand (back-references, case-insensitive parts, a regex that can match
the empty string) gives None: "any character", which is always safe.
"""

from __future__ import annotations

import re

try:
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

ASCII = [chr(code) for code in range(128)]
_CATEGORIES = {  # ASCII members of the classes \d \s \w and their negations
    name: {c for c in ASCII if re.match(pattern, c)}
    for name, pattern in [("CATEGORY_DIGIT", r"\d"), ("CATEGORY_NOT_DIGIT", r"\D"), ("CATEGORY_SPACE", r"\s"),
                          ("CATEGORY_NOT_SPACE", r"\S"), ("CATEGORY_WORD", r"\w"), ("CATEGORY_NOT_WORD", r"\W")]
}


class _Unsure(Exception):
    pass


def first_chars(regexp: str, flags: int = 0) -> tuple[str, bool] | None:
    """(ASCII characters a match may start with, whether a non-ASCII one may), or None for "any"."""
    if flags & re.IGNORECASE:
        return None
    try:
        parsed = sre_parse.parse(regexp, flags)
        if parsed.state.flags & re.IGNORECASE:  # an inline (?i) for the whole regex
            return None
        chars, wide, nullable = _sequence(list(parsed))
    except (_Unsure, re.error, TypeError, ValueError, AttributeError):
        return None
    if nullable:
        return None
    return "".join(sorted(chars)), wide


def _sequence(items: list) -> tuple[set, bool, bool]:
    """First characters of a sequence: those of each item until one cannot be empty."""
    chars: set = set()
    wide = False
    for op, arg in items:
        item_chars, item_wide, nullable = _item(op, arg)
        chars |= item_chars
        wide = wide or item_wide
        if not nullable:
            return chars, wide, False
    return chars, wide, True


def _item(op, arg) -> tuple[set, bool, bool]:  # noqa: C901 - one case per regex construct
    name = str(op)
    if name == "LITERAL":
        return ({chr(arg)} if arg < 128 else set()), arg >= 128, False
    if name == "NOT_LITERAL":
        return set(ASCII) - {chr(arg)}, True, False
    if name == "ANY":
        return set(ASCII), True, False
    if name == "IN":
        return _class(arg)
    if name == "BRANCH":
        chars, wide, nullable = set(), False, False
        for branch in arg[1]:
            branch_chars, branch_wide, branch_nullable = _sequence(list(branch))
            chars |= branch_chars
            wide = wide or branch_wide
            nullable = nullable or branch_nullable
        return chars, wide, nullable
    if name == "SUBPATTERN":
        _group, add_flags, _del_flags, items = arg
        if add_flags & sre_constants.SRE_FLAG_IGNORECASE:
            raise _Unsure
        return _sequence(list(items))
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, items = arg
        chars, wide, nullable = _sequence(list(items))
        return chars, wide, nullable or low == 0
    if name == "ATOMIC_GROUP":
        return _sequence(list(arg))
    if name in ("ASSERT", "ASSERT_NOT", "AT"):  # zero-width: they only rule matches out
        return set(), False, True
    raise _Unsure  # back-references, conditionals, anything new


def _class(items: list) -> tuple[set, bool, bool]:
    chars: set = set()
    wide = False
    negate = False
    for op, arg in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            if arg < 128:
                chars.add(chr(arg))
            else:
                wide = True
        elif name == "RANGE":
            low, high = arg
            chars |= {chr(code) for code in range(low, min(high, 127) + 1)}
            wide = wide or high >= 128
        elif name == "CATEGORY":
            if str(arg) not in _CATEGORIES:
                raise _Unsure
            chars |= _CATEGORIES[str(arg)]
            wide = True
        else:
            raise _Unsure
    if negate:
        return set(ASCII) - chars, True, False
    return chars, wide, False
