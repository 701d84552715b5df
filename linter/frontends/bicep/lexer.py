"""The Bicep tokenizer that feeds grammars/bicep.lark (a lark custom lexer).

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
"""

from __future__ import annotations

import re
from typing import Iterator

from lark.lexer import Lexer, Token

from .errors import BicepSyntaxError

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
_PUNCT_RE = re.compile("|".join(re.escape(p) for p, _ in PUNCTUATION))
_PUNCT_TYPE = dict(PUNCTUATION)
_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INT_RE = re.compile(r"[0-9]+")
_SPACE_RE = re.compile(r"[ \t\r\f\v\ufeff\u00a0]+")

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


class BicepLexer(Lexer):
    """lark custom lexer: `Lark(..., lexer=BicepLexer)`."""

    def __init__(self, lexer_conf) -> None:  # lark passes its lexer configuration
        self.lexer_conf = lexer_conf

    def lex(self, data, parser_state=None) -> Iterator[Token]:  # lark hands custom lexers the text
        text = getattr(data, "text", data)
        return tokenize(text.text if hasattr(text, "text") else text)


class _Scanner:
    """Position bookkeeping over the source text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.line_start = 0

    def column(self, pos: int | None = None) -> int:
        return (self.pos if pos is None else pos) - self.line_start + 1

    def advance_to(self, end: int) -> None:
        newlines = self.text.count("\n", self.pos, end)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", self.pos, end) + 1
        self.pos = end

    def token(self, kind: str, start: int, start_line: int, start_col: int) -> Token:
        return Token(kind, self.text[start:self.pos], start_pos=start, line=start_line,
                     column=start_col, end_line=self.line, end_column=self.column(), end_pos=self.pos)

    def error(self, message: str, pos: int | None = None) -> BicepSyntaxError:
        pos = self.pos if pos is None else pos
        line = self.text.count("\n", 0, pos) + 1
        column = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return BicepSyntaxError(message, line, column)


def tokenize(text: str) -> Iterator[Token]:
    """Yield the significant tokens of a Bicep source text (see the module docstring)."""
    s = _Scanner(text)
    stack: list[str] = []  # "{", "[", "(", "${"
    emitted: list[str] = []  # kinds of the tokens yielded so far (last few are enough)
    pending_nl: Token | None = None
    statement = None  # declaration keyword of the current top-level statement
    for_depth: list[int] = []  # stack depths of for headers waiting for their `in`
    n = len(text)

    def newline_counts() -> bool:
        return not stack or stack[-1] in ("{", "[")

    while True:
        # ---- trivia ----------------------------------------------------------
        while s.pos < n:
            ch = text[s.pos]
            if ch == "\n":
                if newline_counts() and pending_nl is None:
                    pending_nl = Token("_NL", "\n", start_pos=s.pos, line=s.line, column=s.column(),
                                       end_line=s.line, end_column=s.column() + 1, end_pos=s.pos + 1)
                s.advance_to(s.pos + 1)
            elif ch == "/" and text.startswith("//", s.pos):
                end = text.find("\n", s.pos)
                s.advance_to(n if end < 0 else end)
            elif ch == "/" and text.startswith("/*", s.pos):
                end = text.find("*/", s.pos + 2)
                if end < 0:
                    raise s.error("unterminated /* comment")
                s.advance_to(end + 2)
            elif ch == "#" and (s.pos == s.line_start or not text[s.line_start:s.pos].strip()):
                end = text.find("\n", s.pos)  # #disable-next-line and other pragmas
                s.advance_to(n if end < 0 else end)
            else:
                m = _SPACE_RE.match(text, s.pos)
                if not m:
                    break
                s.advance_to(m.end())
        if s.pos >= n:
            if stack:
                raise s.error(f"unexpected end of file: unclosed '{stack[-1]}'")
            return

        # ---- one token ---------------------------------------------------------
        start, line, col = s.pos, s.line, s.column()
        prev = emitted[-1] if emitted else None
        ch = text[s.pos]
        if ch == "'":
            tok = _string(s, stack, start, line, col)
        elif ch == "}" and stack and stack[-1] == "${":
            stack.pop()
            tok = _string_part(s, stack, start, line, col, "STR_MID", "STR_END")
        elif _WORD_RE.match(text, s.pos):
            m = _WORD_RE.match(text, s.pos)
            s.advance_to(m.end())
            kind = _word_kind(m.group(), text, s.pos, prev, pending_nl is not None, stack, statement, for_depth)
            tok = s.token(kind, start, line, col)
        elif "0" <= ch <= "9":
            s.advance_to(_INT_RE.match(text, s.pos).end())
            tok = s.token("INT", start, line, col)
        else:
            m = _PUNCT_RE.match(text, s.pos)
            if not m:
                raise s.error(f"unexpected character {ch!r}")
            kind = _PUNCT_TYPE[m.group()]
            if kind == "_QDOT" and not _is_word_start(text, m.end()):
                kind, m_end = _PUNCT_TYPE[text[s.pos]], s.pos + 1  # `x ?.5`, `x.?` never written
            else:
                m_end = m.end()
            s.advance_to(m_end)
            tok = s.token(kind, start, line, col)
            if kind in ("_LBRACE", "_LSQB", "_LPAR", "_QLSQB"):
                stack.append({"_LBRACE": "{", "_LPAR": "("}.get(kind, "["))
            elif kind in CLOSERS:
                want = {"_RBRACE": "{", "_RSQB": "[", "_RPAR": "("}[kind]
                if not stack or stack[-1] != want:
                    raise s.error(f"unexpected '{tok}'", start)
                stack.pop()

        kind = tok.type
        if pending_nl is not None:
            if prev is not None and prev not in CONTINUE_AFTER and kind not in CONTINUE_BEFORE:
                yield pending_nl
                emitted.append("_NL")
                if not stack:
                    statement = None
            pending_nl = None
        if kind in STATEMENT_KEYWORDS.values() and not stack:
            statement = kind
        if kind == "_FOR":
            for_depth.append(len(stack))
        elif kind == "_IN" and for_depth:
            for_depth.pop()
        yield tok
        if kind == "QUESTION" and start > 0 and text[start - 1] in " \t":
            kind = "QUESTION_OP"  # a spaced `?` is the ternary operator: a line may end with it
        emitted.append(kind)
        if len(emitted) > 8:
            del emitted[:4]


def _is_word_start(text: str, pos: int) -> bool:
    return pos < len(text) and _WORD_RE.match(text, pos) is not None


def _next_char(text: str, pos: int) -> str:
    m = _SPACE_RE.match(text, pos)
    pos = m.end() if m else pos
    return text[pos] if pos < len(text) else ""


def _word_kind(word, text, end, prev, at_newline, stack, statement, for_depth) -> str:
    """The token kind of a word, from where it stands (Bicep keywords are contextual)."""
    if prev in ("_DOT", "_QDOT", "_DCOLON"):
        return "IDENT"
    if word in LITERALS:
        return LITERALS[word]
    following = _next_char(text, end)
    if following == ":" and not text.startswith("::", end):
        return "IDENT"  # an object key
    starts_line = prev is None or (at_newline and prev not in CONTINUE_AFTER)
    if word in STATEMENT_KEYWORDS:
        if not stack and (starts_line or prev == "_RPAR" and statement is None):
            return STATEMENT_KEYWORDS[word]
        if word == "resource" and stack and stack[-1] == "{" and (starts_line or prev == "_LBRACE") \
                and _is_word_start(following, 0):
            return "_RESOURCE"
        return "IDENT"
    if word == "existing" and prev == "STRING" and following == "=":
        return "EXISTING"
    if word == "if" and following == "(" and prev in ("_ASSIGN", "_COLON"):
        return "_IF"
    if word == "for" and prev == "_LSQB":
        return "_FOR"
    if word == "in" and for_depth and for_depth[-1] == len(stack) and prev in ("IDENT", "_RPAR"):
        return "_IN"
    if word in CLAUSE_KEYWORDS and statement in CLAUSE_STATEMENTS:
        return CLAUSE_KEYWORDS[word]
    return "IDENT"


def _string(s: _Scanner, stack: list, start: int, line: int, col: int) -> Token:
    text = s.text
    if text.startswith("'''", start):
        end = text.find("'''", start + 3)
        if end < 0:
            raise s.error("unterminated ''' string", start)
        while text.startswith("'", end + 3):  # a quote just before the closing '''
            end += 1
        s.advance_to(end + 3)
        return s.token("MSTRING", start, line, col)
    return _string_part(s, stack, start, line, col, "STR_START", "STRING")


def _string_part(s: _Scanner, stack: list, start: int, line: int, col: int, open_kind: str,
                 close_kind: str) -> Token:
    """Scan from a quote or an interpolation's `}` to the closing quote or the next `${`."""
    text = s.text
    pos = start + 1
    n = len(text)
    while pos < n:
        ch = text[pos]
        if ch == "\\":
            pos += 2
        elif ch == "'":
            s.advance_to(pos + 1)
            return s.token(close_kind, start, line, col)
        elif ch == "$" and text.startswith("${", pos):
            s.advance_to(pos + 2)
            stack.append("${")
            return s.token(open_kind, start, line, col)
        elif ch == "\n":
            break
        else:
            pos += 1
    raise s.error("unterminated string", start)
