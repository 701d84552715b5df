"""The LALR tables of python-hcl2's grammar, built by lark once and then kept as JSON in the user's cache folder.

python-hcl2's `hcl2.lark` stays the grammar: lark compiles it (parse table,
contextual lexers, tree-shaping options of every rule) exactly as a lark
LALR parser with python-hcl2's post-lexer would, and this module copies out
what `hcl_lalr` needs to parse with it. The copy is plain data -- no lark or
python-hcl2 import, no pickle, no code run: a JSON header line, then one JSON
line per lexer, then one line per parse-table row. Lexers and rows are
decoded when a parse first reaches them (a small file visits few states), and
the header's CRC of the lines after it tells a damaged file from a good one
without decoding them. (Loading lark's own cache of the same parser took
~0.14 s per process, importing lark and python-hcl2 another ~0.05 s; loading
the tables as one JSON document ~16M instructions, as lines ~5M.)

Lexing: lark has a lexer per parser state (~100 regexes, ~1 ms each to
compile). Two shared lexers over the union of many states' terminals
stand in for them wherever that cannot change the result (see
`_shared_lexers`), and each is compiled per first character with only the
terminals that can start there (`FirstCharLexer`, `regex_first`).

The cache file keeps, and is used only for, the exact grammar text,
python-hcl2's post-lexer source and lark's version (plus this module's
FORMAT), so a change of any of them starts afresh. Without a trusted cache
folder (see `linter.cachedir`) the tables are built in memory each run
(about 2 s).
A grammar that uses lark features this driver does not copy raises
`UnsupportedGrammar` and `parse.py` falls back to lark's own parser.
"""

from __future__ import annotations

import binascii
import importlib.util
import json
import os
import re
from dataclasses import dataclass, field

from linter.cachedir import private_cache_dir

FORMAT = 7  # bump when the JSON layout or what the driver expects of it changes

KEEP, DROP, SPLICE = 1, 0, 2  # what a rule does with each child (lark: kept, filtered out, `_rule` inlined)
NODE, LIST, ONE = 0, 1, 2  # what it makes: a Node; a list to splice into the parent (`_rule`); its child if only one (`?rule`)
CHAIN, EXTEND, GENERAL = 0, 1, 2  # how the driver reduces: one child (memoised runs); inlined list + kept; any


class UnsupportedGrammar(Exception):
    """The grammar needs a lark feature the table driver does not reproduce."""


class ParseRows(dict):
    """The parse table's rows, each decoded from its text on first use: a small run visits few states."""

    def __init__(self, encoded: list) -> None:
        super().__init__()
        self.encoded = encoded  # per state: "SYMBOL SYMBOL ...|action action ..."

    def __missing__(self, state: int) -> dict:
        symbols, targets = self.encoded[state].split("|")
        row = self[state] = dict(zip(symbols.split(), map(int, targets.split()), strict=True))
        return row


class JsonLines:
    """Lines of JSON, each decoded (as a tuple) on first use."""

    def __init__(self, lines: list) -> None:
        self.lines = lines
        self.decoded: dict = {}

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, index: int) -> tuple:
        found = self.decoded.get(index)
        if found is None:
            found = self.decoded[index] = tuple(json.loads(self.lines[index]))
        return found


class FirstCharLexer(dict):
    """One lexer as a match function per first character: its regex with only the terminals that can start there.

    A terminal no match of which can start with the character cannot match at
    that position, so leaving it out does not change which terminal matches
    first (lark takes the first alternative that matches); the regex engine
    then skips trying dozens of alternatives at every token.
    """

    def __init__(self, alternatives: list, flags: int) -> None:
        super().__init__()
        self.alternatives = alternatives  # [name, regex, ASCII first characters or None for any, non-ASCII too]
        self.flags = flags
        self.by_subset: dict = {}

    def __missing__(self, char: str):
        ascii_char = ord(char) < 128
        subset = tuple(i for i, (_, _, first, wide) in enumerate(self.alternatives)
                       if first is None or (char in first if ascii_char else wide))
        match = self.by_subset.get(subset)
        if match is None:
            pattern = "|".join(f"(?P<{self.alternatives[i][0]}>{self.alternatives[i][1]})" for i in subset)
            match = re.compile(pattern, self.flags).match if subset else _never
            self.by_subset[subset] = match
        self[char] = match
        return match


def _never(text: str, pos: int) -> None:
    return None


class WholeLexer(dict):
    """A lexer whose one regex serves every first character."""

    def __init__(self, match) -> None:
        super().__init__()
        self.match = match

    def __missing__(self, char: str):
        self[char] = self.match
        return self.match


@dataclass
class Tables:
    """What `hcl_lalr` parses with: the parse table, how each rule reduces, the lexers."""

    start: int
    end: int
    actions: ParseRows  # per state: symbol -> next state (>= 0) or ~rule index (reduce)
    steps: list  # per rule: (origin for the goto, node name, size, KEEP/DROP/SPLICE plan or None, NODE/LIST/ONE, how)
    state_lexer: list  # per state: index into lexers
    root_lexer: int  # all terminals: lark retries with it to name an unexpected token
    lexers: JsonLines  # (pattern, flags, terminals it may return, {terminal: {keyword text: keyword}}, shared or None)
    shared: list  # (flags, alternatives for FirstCharLexer) of the shared lexers
    ignore: frozenset
    newline: frozenset  # terminals whose text may hold a newline (lark counts lines only in these)
    newline_token: str  # the post-lexer merges this token into a following operator...
    merge_into: frozenset  # ...of one of these types
    chains: dict = field(default_factory=dict)  # the driver's memo of one-child reduction runs
    views: list = field(default_factory=list)  # per state: `view(state)` once asked for
    _compiled: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.views = [None] * len(self.actions.encoded)

    def view(self, state: int) -> tuple:
        """How to lex in `state`: (its shared lexer, or its own, as match functions per first character;
        the terminals it may return; its keyword re-typing; its lexer's index, whose own regex decides
        when the shared one's match is not one of those terminals)."""
        found = self.views[state]
        if found is None:
            index = self.state_lexer[state]
            _, _, allowed, unless, shared = self.lexers[index]
            if shared is None:
                lexer = self._compiled.get(("whole", index))
                if lexer is None:
                    lexer = self._compiled["whole", index] = WholeLexer(self.own_match(index))
            else:
                lexer = self._compiled.get(("shared", shared))
                if lexer is None:
                    flags, alternatives = self.shared[shared]
                    lexer = self._compiled["shared", shared] = FirstCharLexer(alternatives, flags)
            found = self.views[state] = (lexer, frozenset(allowed), unless, index)
        return found

    def own_match(self, index: int):
        found = self._compiled.get(index)
        if found is None:
            pattern, flags = self.lexers[index][:2]
            found = self._compiled[index] = re.compile(pattern, flags).match
        return found


def _package_file(package: str, name: str) -> str:
    """A file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"package {package} not found")
    return os.path.join(list(spec.submodule_search_locations)[0], name)


def grammar_file() -> str:
    return _package_file("hcl2", "hcl2.lark")


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _key(grammar_text: str) -> dict:
    """What the tables depend on, compared whole (no hash collision can pass stale tables off as current):
    the grammar, the post-lexer's source, lark's version (in its __init__)."""
    return {"format": FORMAT, "grammar": grammar_text, "postlexer": _read(_package_file("hcl2", "postlexer.py")),
            "lark": _read(_package_file("lark", "__init__.py"))}


def _file_name(key: dict) -> str:
    """The cache file for a key. The name only tells keys apart (a CRC: hashlib's import alone costs
    ~3 ms of a small run); the key stored inside decides whether the file is used."""
    crc = binascii.crc32(json.dumps(key, sort_keys=True).encode("utf-8", "surrogatepass"))
    return f"hcl2-tables-{crc:08x}.txt"


_loaded: dict = {}


def load_tables() -> Tables:
    """The tables for this process: from the cache file, else built with lark (and cached).

    Raises UnsupportedGrammar, every time after the first without trying again."""
    if "tables" not in _loaded:
        try:
            _loaded["tables"] = _load_or_build()
        except UnsupportedGrammar as exc:
            _loaded["tables"] = exc
    found = _loaded["tables"]
    if isinstance(found, UnsupportedGrammar):
        raise found
    return found


def _load_or_build() -> Tables:
    grammar_text = _read(grammar_file())
    key = _key(grammar_text)
    folder = private_cache_dir()
    path = os.path.join(folder, _file_name(key)) if folder else None
    if path is not None:
        try:
            with open(path, encoding="utf-8") as handle:
                return from_text(handle.read(), key)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            pass  # missing, another grammar's or damaged: build it again
    try:
        data = build(grammar_text, os.path.dirname(grammar_file()))
    except (AttributeError, KeyError, TypeError, IndexError, ValueError, AssertionError) as exc:
        # lark's internals this copies from are not its public API: should they change, lark parses
        raise UnsupportedGrammar(f"cannot copy lark's tables: {exc!r}") from exc
    text = to_text(data, key)
    if path is not None:
        _save(path, text)
    return from_text(text, key)  # the same way as from the file


def _save(path: str, text: str) -> None:
    import tempfile  # only a run that builds the tables writes them

    try:
        handle, temp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".hcl2-tables-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)  # atomic: a concurrent run reads the old file or the new one
    except OSError:
        pass


def to_text(data: dict, key: dict) -> str:
    """The cache file's text for the built tables (see the module docstring for the layout)."""
    body = "\n".join([json.dumps(lexer, separators=(",", ":")) for lexer in data["lexers"]] + data["actions"])
    header = {name: value for name, value in data.items() if name not in ("lexers", "actions")}
    header.update(key=key, lexer_count=len(data["lexers"]), crc=binascii.crc32(body.encode("utf-8")))
    return json.dumps(header, separators=(",", ":")) + "\n" + body


def from_text(text: str, key: dict) -> Tables:
    """The tables from a cache file's text; ValueError (or KeyError, TypeError, ...) when the text is
    for another key, damaged or does not fit."""
    head, _, body = text.partition("\n")
    header = json.loads(head)
    if header.get("key") != key or header.get("crc") != binascii.crc32(body.encode("utf-8")):
        raise ValueError("tables for another grammar, or damaged")
    lines = body.split("\n")
    count = int(header["lexer_count"])
    return from_data({**header, "lexers": JsonLines(lines[:count]), "actions": lines[count:]})


def from_data(data: dict) -> Tables:
    """The tables from their data; ValueError (or KeyError, TypeError, ...) when they do not fit."""
    if data.get("format") != FORMAT:
        raise ValueError("tables of another format")
    states, rows, lexers = len(data["state_lexer"]), data["actions"], data["lexers"]
    if (len(rows) != states or not 0 <= int(data["start"]) < states or not all(isinstance(r, str) for r in rows)
            or not all(isinstance(i, int) and 0 <= i < len(lexers) for i in data["state_lexer"])):
        raise ValueError("damaged tables")  # checked here: a row is only decoded when a parse reaches it
    return Tables(
        start=int(data["start"]), end=int(data["end"]), actions=ParseRows(data["actions"]),
        steps=[_step(o, n, int(s), tuple(p) if p is not None else None, bool(e)) for o, n, s, p, e in data["rules"]],
        state_lexer=data["state_lexer"], root_lexer=int(data["root_lexer"]),
        lexers=data["lexers"], shared=[(int(f), a) for f, a in data["shared"]],
        ignore=frozenset(data["ignore"]), newline=frozenset(data["newline"]),
        newline_token=data["newline_token"], merge_into=frozenset(data["merge_into"]),
    )


def _step(origin: str, name: str, size: int, plan: tuple | None, expand1: bool) -> tuple:
    """A rule as the driver's hot loop reads it: (origin, name, size, plan, what it makes, how to reduce)."""
    make = LIST if origin.startswith("_") else ONE if expand1 else NODE
    if size == 1 and plan in (None, (SPLICE,)):
        how = CHAIN
    elif size >= 2 and plan is not None and plan[0] == SPLICE and set(plan[1:]) == {KEEP}:
        how = EXTEND
    else:
        how = GENERAL
    return origin, name, size, plan, make, how


# ---------------------------------------------------------------- building with lark


def lark_parser(grammar_text: str, grammar_dir: str, cache: str | bool = False):
    """python-hcl2's grammar as a lark LALR parser with its post-lexer (the reference `hcl_lalr` follows)."""
    from hcl2.postlexer import PostLexer
    from lark import Lark

    return Lark(grammar_text, parser="lalr", cache=cache, import_paths=[grammar_dir],
                propagate_positions=False, postlex=PostLexer())


def build(grammar_text: str, grammar_dir: str) -> dict:
    """Compile the grammar with lark and copy out its tables as JSON data."""
    from hcl2 import postlexer

    parser = lark_parser(grammar_text, grammar_dir)
    if tuple(postlexer.PostLexer().always_accept):
        raise UnsupportedGrammar("post-lexer with always_accept terminals")
    if parser.options.lexer_callbacks or parser.options.maybe_placeholders and any(
            r.options.empty_indices for r in parser.rules):
        raise UnsupportedGrammar("lexer callbacks or [optional] placeholders")
    table = parser.parser.parser.parser.parse_table
    states = table.states
    if sorted(states) != list(range(len(states))):
        raise UnsupportedGrammar("parse states are not numbered 0..n-1")
    rules: list = []
    rule_index: dict = {}
    actions = []
    for state in range(len(states)):
        row = {}
        for symbol, (action, arg) in states[state].items():
            if action.name == "Shift":
                row[symbol] = arg
            else:
                if arg not in rule_index:
                    rule_index[arg] = len(rules)
                    rules.append(_rule(arg))
                row[symbol] = ~rule_index[arg]
        actions.append(" ".join(row) + "|" + " ".join(str(target) for target in row.values()))
    contextual = parser.parser.lexer.lexer
    distinct = list({id(lexer): lexer for lexer in [contextual.lexers[s] for s in range(len(states))]
                     + [contextual.root_lexer]}.values())
    position = {id(lexer): i for i, lexer in enumerate(distinct)}
    shared, shared_of = _shared_lexers(parser.lexer_conf, distinct, contextual.root_lexer)
    return {
        "format": FORMAT, "start": table.start_states["start"], "end": table.end_states["start"],
        "actions": actions, "rules": rules,
        "state_lexer": [position[id(contextual.lexers[s])] for s in range(len(states))],
        "root_lexer": position[id(contextual.root_lexer)],
        "lexers": [_lexer(lexer, shared_of.get(id(lexer))) for lexer in distinct],
        "shared": [_alternatives(lexer) for lexer in shared],
        "ignore": sorted(parser.lexer_conf.ignore),
        "newline": sorted(contextual.root_lexer.newline_types),
        "newline_token": "NL_OR_COMMENT", "merge_into": sorted(postlexer.OPERATOR_TYPES),
    }


def _shared_lexers(conf, lexers: list, root) -> tuple[list, dict]:
    """A few lark lexers over the union of many states' terminals, one regex to compile instead of dozens.

    Where a state's own lexer returns only terminals the shared one also returns
    (lark sorts a lexer's terminals by one fixed key, so the state's regex is the
    shared one with alternatives left out), the two agree whenever the shared one
    matches a terminal of the state's: no alternative before it matched, in either.
    Otherwise the state's own regex decides. States inside a quoted string get
    their own shared lexer: there nearly any text is STRING_CHARS.
    """
    import copy

    groups: dict = {}
    for lexer in lexers:
        if lexer is not root:
            groups.setdefault("STRING_CHARS" in _terminals(lexer), []).append(lexer)
    shared, shared_of = [], {}
    for members in groups.values():
        names = set().union(*(_terminals(lexer) for lexer in members))
        union_conf = copy.copy(conf)
        union_conf.terminals = [t for t in conf.terminals if t.name in names]
        union_conf.skip_validation = True
        union = type(root)(union_conf)
        for lexer in members:
            if lexer.scanner.allowed_types <= union.scanner.allowed_types:
                shared_of[id(lexer)] = len(shared)
        shared.append(union)
    return shared, shared_of


def _terminals(lexer) -> set:
    return {t.name for t in lexer.terminals}


def _regex(lexer) -> list:
    mres = lexer.scanner._mres
    if len(mres) != 1:
        raise UnsupportedGrammar("a lexer needs several regexes")
    return [mres[0].pattern, mres[0].flags]


def _alternatives(lexer) -> list:
    """[flags, [[terminal, regex, ASCII first characters or None, whether a non-ASCII one may start it]]]."""
    from linter.frontends.terraform.regex_first import first_chars

    pattern, flags = _regex(lexer)
    alternatives = []
    for terminal in lexer.scanner.terminals:
        regex = terminal.pattern.to_regexp()
        first = first_chars(regex, flags)
        alternatives.append([terminal.name, regex, first[0] if first else None, first[1] if first else True])
    if "|".join(f"(?P<{name}>{regex})" for name, regex, _, _ in alternatives) != pattern:
        raise UnsupportedGrammar("lark's lexer regex is not the alternation of its terminals")
    return [flags, alternatives]


def _lexer(lexer, shared: int | None) -> list:
    """[pattern, flags, terminals it may return, {terminal: {keyword text: keyword}}, shared lexer or None]."""
    regex = _regex(lexer)  # builds lark's scanner and its callbacks
    unless = {}
    for terminal, callback in lexer.callback.items():
        keywords = getattr(getattr(callback, "scanner", None), "terminals", None)
        if type(callback).__name__ != "UnlessCallback" or keywords is None:
            raise UnsupportedGrammar(f"lexer callback for {terminal}")
        texts: dict = {}
        for keyword in keywords:  # lark full-matches them in this order: the first equal text wins
            if keyword.pattern.type != "str" or keyword.pattern.flags:
                raise UnsupportedGrammar(f"keyword {keyword.name} is not plain text")
            texts.setdefault(keyword.pattern.value, keyword.name)
        unless[terminal] = texts
    return regex + [sorted(lexer.scanner.allowed_types), unless, shared]


def _rule(rule) -> list:
    keep_all = rule.options.keep_all_tokens
    plan = []
    for symbol in rule.expansion:
        if not keep_all and symbol.is_term and symbol.filter_out:
            plan.append(DROP)
        elif not symbol.is_term and symbol.name.startswith("_"):
            plan.append(SPLICE)
        else:
            plan.append(KEEP)
    if rule.origin.name.startswith("_") and rule.options.expand1:
        raise UnsupportedGrammar(f"inlined rule {rule.origin.name} that may be a single token")
    expand1 = bool(rule.options.expand1 and not rule.alias)
    name = rule.alias or rule.options.template_source or rule.origin.name
    return [rule.origin.name, str(name), len(rule.expansion), plan if set(plan) != {KEEP} else None, expand1]
