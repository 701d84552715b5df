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
    return _Tokenizer(text).tokens()


class _Tokenizer:
    """The state of one tokenization: open brackets, the pending newline, keyword context."""

    def __init__(self, text: str) -> None:
        self.s = _Scanner(text)
        self.stack: list[str] = []  # "{", "[", "(", "${"
        self.emitted: list[str] = []  # kinds of the last tokens yielded (a few are enough)
        self.pending_nl: Token | None = None
        self.statement: str | None = None  # declaration keyword of the current top-level statement
        self.for_depth: list[int] = []  # stack depths of for headers waiting for their `in`

    def tokens(self) -> Iterator[Token]:
        while self._skip_trivia():
            prev = self.emitted[-1] if self.emitted else None
            tok = self._token(prev)
            kind = tok.type
            if self.pending_nl is not None:
                if prev is not None and prev not in CONTINUE_AFTER and kind not in CONTINUE_BEFORE:
                    yield self.pending_nl
                    self._emitted("_NL")
                    if not self.stack:
                        self.statement = None
                self.pending_nl = None
            if kind in STATEMENT_KEYWORDS.values() and not self.stack:
                self.statement = kind
            if kind == "_FOR":
                self.for_depth.append(len(self.stack))
            elif kind == "_IN" and self.for_depth:
                self.for_depth.pop()
            yield tok
            if kind == "QUESTION" and tok.start_pos > 0 and self.s.text[tok.start_pos - 1] in " \t":
                kind = "QUESTION_OP"  # a spaced `?` is the ternary operator: a line may end with it
            self._emitted(kind)

    def _emitted(self, kind: str) -> None:
        self.emitted.append(kind)
        if len(self.emitted) > 8:
            del self.emitted[:4]

    def _skip_trivia(self) -> bool:
        """Skip spaces, comments and newlines (noting a significant one); False at the end of the text."""
        s, text, n = self.s, self.s.text, len(self.s.text)
        while s.pos < n:
            ch = text[s.pos]
            if ch == "\n":
                if self.pending_nl is None and (not self.stack or self.stack[-1] in ("{", "[")):
                    self.pending_nl = Token("_NL", "\n", start_pos=s.pos, line=s.line, column=s.column(),
                                            end_line=s.line, end_column=s.column() + 1, end_pos=s.pos + 1)
                s.advance_to(s.pos + 1)
            elif text.startswith("//", s.pos):
                end = text.find("\n", s.pos)
                s.advance_to(n if end < 0 else end)
            elif text.startswith("/*", s.pos):
                end = text.find("*/", s.pos + 2)
                if end < 0:
                    raise s.error("unterminated /* comment")
                s.advance_to(end + 2)
            elif ch == "#" and not text[s.line_start:s.pos].strip():
                end = text.find("\n", s.pos)  # #disable-next-line and other pragmas
                s.advance_to(n if end < 0 else end)
            else:
                m = _SPACE_RE.match(text, s.pos)
                if not m:
                    return True
                s.advance_to(m.end())
        if self.stack:
            raise s.error(f"unexpected end of file: unclosed '{self.stack[-1]}'")
        return False

    def _token(self, prev: str | None) -> Token:
        s, stack = self.s, self.stack
        start, line, col = s.pos, s.line, s.column()
        ch = s.text[start]
        if ch == "'":
            return _string(s, stack, start, line, col)
        if ch == "}" and stack and stack[-1] == "${":
            stack.pop()
            return _string_part(s, stack, start, line, col, "STR_MID", "STR_END")
        m = _WORD_RE.match(s.text, start)
        if m:
            s.advance_to(m.end())
            return s.token(self._word_kind(m.group(), prev), start, line, col)
        if "0" <= ch <= "9":
            s.advance_to(_INT_RE.match(s.text, start).end())
            return s.token("INT", start, line, col)
        return self._punctuation(start, line, col)

    def _punctuation(self, start: int, line: int, col: int) -> Token:
        s, stack = self.s, self.stack
        m = _PUNCT_RE.match(s.text, start)
        if not m:
            raise s.error(f"unexpected character {s.text[start]!r}")
        kind, end = _PUNCT_TYPE[m.group()], m.end()
        if kind == "_QDOT" and not _is_word_start(s.text, end):
            kind, end = _PUNCT_TYPE[s.text[start]], start + 1  # `x ?.5`, `x.?` are never written
        s.advance_to(end)
        tok = s.token(kind, start, line, col)
        if kind in ("_LBRACE", "_LSQB", "_LPAR", "_QLSQB"):
            stack.append({"_LBRACE": "{", "_LPAR": "("}.get(kind, "["))
        elif kind in CLOSERS:
            if not stack or stack[-1] != {"_RBRACE": "{", "_RSQB": "[", "_RPAR": "("}[kind]:
                raise s.error(f"unexpected '{tok}'", start)
            stack.pop()
        return tok

    def _word_kind(self, word: str, prev: str | None) -> str:
        """The token kind of a word, from where it stands (Bicep keywords are contextual)."""
        if prev in ("_DOT", "_QDOT", "_DCOLON"):
            return "IDENT"
        if word in LITERALS:
            return LITERALS[word]
        text, end, stack = self.s.text, self.s.pos, self.stack
        following = _next_char(text, end)
        if following == ":" and not text.startswith("::", end):
            return "IDENT"  # an object key
        starts_line = prev is None or (self.pending_nl is not None and prev not in CONTINUE_AFTER)
        if word in STATEMENT_KEYWORDS:
            if not stack and (starts_line or prev == "_RPAR" and self.statement is None):
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
        if word == "in" and self.for_depth and self.for_depth[-1] == len(stack) and prev in ("IDENT", "_RPAR"):
            return "_IN"
        if word in CLAUSE_KEYWORDS and self.statement in CLAUSE_STATEMENTS:
            return CLAUSE_KEYWORDS[word]
        return "IDENT"


def _is_word_start(text: str, pos: int) -> bool:
    return pos < len(text) and _WORD_RE.match(text, pos) is not None


def _next_char(text: str, pos: int) -> str:
    m = _SPACE_RE.match(text, pos)
    pos = m.end() if m else pos
    return text[pos] if pos < len(text) else ""


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
