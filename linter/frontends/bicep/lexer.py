"""The Bicep tokenizer: source text to the token list the parser reads.

It does what regular terminals cannot:

* strings with nested interpolations (`'a${f('b${c}')}'`) become
  STR_START / STR_MID / STR_END around the tokens of each `${...}`;
* newlines become one `_NL` separator only where Bicep gives them meaning: at
  the top level and directly inside `{...}` / `[...]`; never inside `(...)` or
  `${...}`, never after an opening bracket, a comma or an operator that needs
  a right operand, never before a closing bracket or a token that continues
  an expression (`? : && || ?? . |`), so multi-line ternaries and unions work
  (a `?` ending a line continues it when spaced as an operator, `a ?`, and
  ends it when it marks a nullable type, `string?`);
* keywords are contextual, as in Bicep: a declaration keyword only where a
  statement starts (or `resource` starting a line inside an object, followed by
  a name), `existing` after `resource name 'type'`, `if` before `(` after `=`
  or `:`, `for` after `[`, `in` in a for header, `as`/`from`/`with` in
  import/extension/using statements. Everywhere else a word is an IDENT.

Errors raise BicepSyntaxError with a 1-based line and column.

Design (issue 8, speed): one compiled master regex, matched at the current
position, skips blanks and classifies the next token by its named group; the
common tokens (names, numbers, punctuation, one-line strings without
interpolation) are then built inline in one loop with plain local variables,
and only the rare cases (keywords, interpolated or multi-line strings, block
comments, `#` pragmas) go through helper functions. Tokens (`tree.Token`, a
str with slots) are made by `str.__new__` and filled slot by slot, without a
call of their constructor. On
the 1,123 corpus files (525k tokens) this takes ~1 s of CPU where the former
character-by-character scanner took ~4.8 s.
"""

from __future__ import annotations

import re

from .errors import BicepSyntaxError
from .tree import Token, make_token

STATEMENT_KEYWORDS = {
    "targetScope": "_TARGETSCOPE", "param": "_PARAM", "var": "_VAR", "output": "_OUTPUT",
    "resource": "_RESOURCE", "module": "_MODULE", "type": "_TYPE", "func": "_FUNC",
    "import": "_IMPORT", "using": "_USING", "extends": "_EXTENDS", "extension": "_EXTENSION",
    "provider": "_PROVIDER", "metadata": "_METADATA", "assert": "_ASSERT",
}
LITERALS = {"true": "TRUE", "false": "FALSE", "null": "NULL"}
CLAUSE_KEYWORDS = {"as": "_AS", "from": "_FROM", "with": "_WITH"}
CLAUSE_STATEMENTS = {"_IMPORT", "_EXTENSION", "_PROVIDER", "_USING"}

# longest first
PUNCTUATION = [
    ("...", "SPREAD"), ("??", "COALESCE"), (".?", "_QDOT"), ("?.", "_QDOT"), ("[?", "_QLSQB"), ("::", "_DCOLON"),
    ("||", "OR"), ("&&", "AND"), ("==", "EQ"), ("!=", "NE"), ("=~", "EQI"), ("!~", "NEI"),
    ("<=", "LE"), (">=", "GE"), ("=>", "_ARROW"),
    ("{", "_LBRACE"), ("}", "_RBRACE"), ("[", "_LSQB"), ("]", "_RSQB"), ("(", "_LPAR"), (")", "_RPAR"),
    (",", "_COMMA"), (":", "_COLON"), (".", "_DOT"), ("=", "_ASSIGN"), ("@", "_AT"), ("?", "QUESTION"),
    ("|", "_PIPE"), ("<", "LT"), (">", "GT"), ("+", "PLUS"), ("-", "MINUS"), ("*", "STAR"),
    ("/", "SLASH"), ("%", "PERCENT"), ("!", "BANG"),
]
_PUNCT_TYPE = dict(PUNCTUATION)
_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SPACE = r"[ \t\r\f\v\ufeff\u00a0]"
_SPACE_RE = re.compile(_SPACE + "+")

# Blanks, then one of: a word, a newline, a line comment, punctuation, a one-line string without
# interpolation (`'''` is left to the slow path), a number, or the start of a rare case.
_MASTER = re.compile(
    _SPACE + "*(?:"
    r"(?P<word>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<nl>\n)"
    r"|(?P<comment>//[^\n]*)"
    r"|(?P<slow>/\*|'''|\#)"
    r"|(?P<punct>" + "|".join(re.escape(p) for p, _ in PUNCTUATION) + ")"
    r"|(?P<string>'(?:[^'\\\n$]|\\[^\n]|\$(?!\{))*')"
    r"|(?P<int>[0-9]+)"
    r"|(?P<quote>')"
    ")"
)
# the rest of a one-line string part after its `'` or `}`: up to the closing quote or the next `${`
_STRING_PART = re.compile(r"(?:[^'\\\n$]|\\[^\n]|\$(?!\{))*(?:(')|\$\{)")

OPENERS = {"_LBRACE", "_LSQB", "_LPAR"}
CLOSERS = {"_RBRACE", "_RSQB", "_RPAR"}
# a newline after these continues the expression (they need a right-hand side)
CONTINUE_AFTER = OPENERS | {
    "_COMMA", "_COLON", "_ASSIGN", "_ARROW", "_AT", "_DOT", "_QDOT", "_QLSQB", "_DCOLON", "_PIPE",
    "COALESCE", "OR", "AND", "EQ", "NE", "EQI", "NEI", "LT", "LE", "PLUS", "MINUS", "STAR",
    "SLASH", "PERCENT", "SPREAD", "STR_START", "STR_MID", "_NL", "QUESTION_OP",
}
# a line starting with these continues the previous line
CONTINUE_BEFORE = CLOSERS | {
    "QUESTION", "_COLON", "COALESCE", "OR", "AND", "EQ", "NE", "EQI", "NEI", "_DOT", "_QDOT",
    "_PIPE", "_ARROW", "_COMMA",
}
_SPECIAL_WORDS = frozenset(STATEMENT_KEYWORDS) | frozenset(LITERALS) | frozenset(CLAUSE_KEYWORDS) | {
    "existing", "if", "for", "in"}
_MEMBER_PREFIXES = frozenset({"_DOT", "_QDOT", "_DCOLON"})
_TRACKED = frozenset(STATEMENT_KEYWORDS.values()) | {"_FOR", "_IN"}
_NL_SCOPES = frozenset({"{", "["})  # innermost brackets where a newline separates items
_OPENS = {"_LBRACE": "{", "_LSQB": "[", "_QLSQB": "[", "_LPAR": "("}
_CLOSES = {"_RBRACE": "{", "_RSQB": "[", "_RPAR": "("}

_new_str = str.__new__


def tokenize(text: str) -> list[Token]:
    """The significant tokens of a Bicep source text (see the module docstring); raises BicepSyntaxError."""
    tokens, error = scan(text)
    if error is not None:
        raise error
    return tokens


def scan(text: str) -> tuple[list[Token], BicepSyntaxError | None]:
    """The tokens before the first lexical error, and that error (None when the whole text is read).

    A parser reads the tokens and reports the lexical error only when it needs the token after them,
    so a syntax error earlier in the text is reported first, as with a lazy lexer.
    """
    tokens: list[Token] = []
    try:
        _scan(text, tokens)
    except BicepSyntaxError as exc:
        return tokens, exc
    return tokens, None


def _scan(text: str, tokens: list[Token]) -> None:
    """Append the tokens of `text` to `tokens` (one hot loop: the common cases stay inline)."""
    append = tokens.append
    match = _MASTER.match
    new = _new_str
    punct_type = _PUNCT_TYPE
    stack: list[str] = []  # "{", "[", "(", "${"
    for_depth: list[int] = []  # stack depths of for headers waiting for their `in`
    prev = None  # kind of the last token yielded (QUESTION_OP for a spaced `?`)
    statement = None  # declaration keyword of the current top-level statement
    nl_pos = -1  # position of a pending significant newline, or -1
    nl_line = nl_col = 0
    line, line_start, pos = 1, 0, 0
    while True:
        m = match(text, pos)
        if m is None:
            blank = _SPACE_RE.match(text, pos)
            pos = blank.end() if blank else pos
            if pos >= len(text):
                break
            raise _error(text, f"unexpected character {text[pos]!r}", pos)
        group = m.lastgroup
        if group == "nl":
            pos = m.end()
            if nl_pos < 0 and (not stack or stack[-1] in _NL_SCOPES):
                nl_pos, nl_line, nl_col = pos - 1, line, pos - line_start
            line, line_start = line + 1, pos
            continue
        if group == "comment":
            pos = m.end()
            continue
        start = m.start(group)
        end = m.end()
        multi_line = False
        if group == "word":
            value = text[start:end]
            kind = "IDENT"
            if value in _SPECIAL_WORDS and prev not in _MEMBER_PREFIXES:
                context = _WordContext(prev, nl_pos >= 0, stack, statement, for_depth)
                kind = _word_kind(value, text, end, context)
        elif group == "punct":
            value = m.group(group)
            kind = punct_type[value]
            if kind in _OPENS:
                stack.append(_OPENS[kind])
            elif kind in _CLOSES:
                if stack and stack[-1] == "${" and kind == "_RBRACE":
                    stack.pop()
                    kind, end = _string_part(text, start, stack, "STR_MID", "STR_END")
                    multi_line = True
                elif not stack or stack[-1] != _CLOSES[kind]:
                    raise _error(text, f"unexpected '{value}'", start)
                else:
                    stack.pop()
            elif kind == "_QDOT" and not _is_word_start(text, end):
                value = text[start]  # `x ?.5`, `x.?` are never written
                kind, end = punct_type[value], start + 1
        elif group == "string":
            kind = "STRING"
        elif group == "int":
            kind = "INT"
        elif group == "quote":
            kind, end = _string_part(text, start, stack, "STR_START", "STRING")
            multi_line = True
        else:  # "slow": `/*`, `'''` or `#`
            skip, kind, end = _slow(text, start, line_start)
            if skip:
                newlines = text.count("\n", start, end)
                if newlines:
                    line, line_start = line + newlines, text.rfind("\n", start, end) + 1
                pos = end
                continue
            multi_line = True
        if nl_pos >= 0:
            if prev is not None and prev not in CONTINUE_AFTER and kind not in CONTINUE_BEFORE:
                append(make_token("_NL", "\n", nl_pos, nl_line, nl_col, nl_line, nl_col + 1, nl_pos + 1))
                if not stack:
                    statement = None
            nl_pos = -1
        if kind in _TRACKED:
            if kind == "_FOR":
                for_depth.append(len(stack))
            elif kind == "_IN":
                if for_depth:
                    for_depth.pop()
            elif not stack:
                statement = kind
        if multi_line:
            value = text[start:end]
            newlines = value.count("\n")
            end_line = line + newlines
            end_line_start = text.rfind("\n", start, end) + 1 if newlines else line_start
            append(make_token(kind, value, start, line, start - line_start + 1, end_line,
                              end - end_line_start + 1, end))
            line, line_start = end_line, end_line_start
        else:
            if group != "word" and group != "punct":
                value = text[start:end]
            tok = new(Token, value)
            tok.type = kind
            tok.value = value
            tok.start_pos = start
            tok.line = tok.end_line = line
            tok.column = start - line_start + 1
            tok.end_column = end - line_start + 1
            tok.end_pos = end
            append(tok)
        if kind == "QUESTION" and start > 0 and text[start - 1] in " \t":
            kind = "QUESTION_OP"  # a spaced `?` is the ternary operator: a line may end with it
        prev = kind
        pos = end
    if stack:
        raise _error(text, f"unexpected end of file: unclosed '{stack[-1]}'", len(text))


class _WordContext:
    """What decides whether a word is a keyword: the token before it and the open brackets."""

    __slots__ = ("prev", "after_newline", "stack", "statement", "for_depth")

    def __init__(self, prev: str | None, after_newline: bool, stack: list[str], statement: str | None,
                 for_depth: list[int]) -> None:
        self.prev = prev
        self.after_newline = after_newline  # a significant newline is pending before the word
        self.stack = stack
        self.statement = statement
        self.for_depth = for_depth


def _word_kind(word: str, text: str, end: int, ctx: _WordContext) -> str:
    """The token kind of a keyword-like word, from where it stands (Bicep keywords are contextual)."""
    prev, stack = ctx.prev, ctx.stack
    if word in LITERALS:
        return LITERALS[word]
    following = _next_char(text, end)
    if following == ":" and not text.startswith("::", end):
        return "IDENT"  # an object key
    starts_line = prev is None or (ctx.after_newline and prev not in CONTINUE_AFTER)
    if word in STATEMENT_KEYWORDS:
        if not stack and (starts_line or prev == "_RPAR" and ctx.statement is None):
            return STATEMENT_KEYWORDS[word]
        if word == "resource" and stack and stack[-1] == "{" and (starts_line or prev == "_LBRACE") \
                and _is_word_start(following, 0):
            return "_RESOURCE"  # a nested child resource
        return "IDENT"
    if word == "existing" and prev == "STRING" and following == "=":
        return "EXISTING"
    if word == "if" and following == "(" and prev in ("_ASSIGN", "_COLON"):
        return "_IF"
    if word == "for" and prev == "_LSQB":
        return "_FOR"
    if word == "in" and ctx.for_depth and ctx.for_depth[-1] == len(stack) and prev in ("IDENT", "_RPAR"):
        return "_IN"
    if word in CLAUSE_KEYWORDS and ctx.statement in CLAUSE_STATEMENTS:
        return CLAUSE_KEYWORDS[word]
    return "IDENT"


def _slow(text: str, start: int, line_start: int) -> tuple[bool, str, int]:
    """A block comment, a `#` pragma line or a `'''` string at `start`: (skipped, token kind, end)."""
    if text.startswith("/*", start):
        end = text.find("*/", start + 2)
        if end < 0:
            raise _error(text, "unterminated /* comment", start)
        return True, "", end + 2
    if text[start] == "#":
        if text[line_start:start].strip():
            raise _error(text, "unexpected character '#'", start)
        end = text.find("\n", start)  # #disable-next-line and other pragmas
        return True, "", len(text) if end < 0 else end
    end = text.find("'''", start + 3)
    if end < 0:
        raise _error(text, "unterminated ''' string", start)
    while text.startswith("'", end + 3):  # a quote just before the closing '''
        end += 1
    return False, "MSTRING", end + 3


def _string_part(text: str, start: int, stack: list[str], open_kind: str, close_kind: str) -> tuple[str, int]:
    """From a quote or an interpolation's `}` to the closing quote or the next `${`: (kind, end)."""
    m = _STRING_PART.match(text, start + 1)
    if m is not None:
        if m.group(1) is not None:
            return close_kind, m.end()
        stack.append("${")
        return open_kind, m.end()
    pos, n = start + 1, len(text)  # an escaped line break, or no end on this line
    while pos < n:
        ch = text[pos]
        if ch == "\\":
            pos += 2
        elif ch == "'":
            return close_kind, pos + 1
        elif ch == "$" and text.startswith("${", pos):
            stack.append("${")
            return open_kind, pos + 2
        elif ch == "\n":
            break
        else:
            pos += 1
    raise _error(text, "unterminated string", start)


def _error(text: str, message: str, pos: int) -> BicepSyntaxError:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return BicepSyntaxError(message, line, column)


def _is_word_start(text: str, pos: int) -> bool:
    return pos < len(text) and _WORD_RE.match(text, pos) is not None


def _next_char(text: str, pos: int) -> str:
    m = _SPACE_RE.match(text, pos)
    pos = m.end() if m else pos
    return text[pos] if pos < len(text) else ""
