"""The hand-written Bicep parser: the lexer's tokens to the tree grammars/bicep.lark defines.

grammars/bicep.lark is the specification. This recursive-descent parser (with
precedence climbing for binary operators) follows it rule by rule and builds
exactly the tree lark's LALR parser builds from it (`reference.py`): the same
rule names, the same children in the same order (`?rule`s with one child
inlined, `_rule`s spliced into their parent, `_TOKENS` left out), the same
tokens, and the same positions (a node spans from the first to the last
token its rule consumed, punctuation included, as lark's
`propagate_positions` computes them). It builds the frontend's own node
classes (`tree.py`), not lark's: a node is made with the first and last
token it spans, and no position is copied until `meta` is read.
tests/bicep/test_parser_equivalence.py checks this for every Bicep file under
tests/ and in the corpus.

Why by hand (issue 8, speed): on the 1,123 corpus files (525k tokens) lark's
parse and tree building cost ~10 s of CPU (its LALR `feed_token` and the
per-rule callbacks that filter children and propagate positions); this parser
needs ~1 s, and nothing has to be built at start-up (lark's parser costs
~0.02 s to load from its cache, ~0.3 s to build without one).

It only parses valid Bicep. On anything else it raises `NotParsed`, and the
caller asks the reference parser, which words the syntax error (message,
line, column, and the tokens it expected) exactly as before; a file nested too
deeply for Python's recursion limit (~200 brackets) goes the same way.
"""

from __future__ import annotations

from .tree import Token, Tree

_new = object.__new__

# binary operators: precedence, loosest first (all left-associative)
_PRECEDENCE = {
    "COALESCE": 1, "OR": 2, "AND": 3, "EQ": 4, "NE": 4, "EQI": 4, "NEI": 4,
    "LT": 5, "LE": 5, "GT": 5, "GE": 5, "PLUS": 6, "MINUS": 6, "STAR": 7, "SLASH": 7, "PERCENT": 7,
}
_NAME = frozenset({"IDENT", "TRUE", "FALSE", "NULL"})
_STRING = frozenset({"STRING", "MSTRING", "STR_START"})
_SEP = frozenset({"_NL", "_COMMA"})
_LITERAL_TYPE = frozenset({"INT", "TRUE", "FALSE", "NULL"})
_ATOM = {"INT": "int", "TRUE": "true", "FALSE": "false", "NULL": "null"}
_MEMBER = {"_DOT": "member", "_QDOT": "safe_member", "_DCOLON": "child_ref"}
_INDEX = {"_LSQB": "index", "_QLSQB": "safe_index"}


class NotParsed(Exception):
    """The tokens are not valid Bicep (the reference parser says where and why)."""


def parse_tokens(tokens: list[Token]) -> Tree:
    """The `start` tree of a token list from `lexer.scan`; raises NotParsed (or RecursionError)."""
    return _Parser(tokens).start()


class _Parser:
    """One parse: the token list, their kinds, and the index of the next token."""

    def __init__(self, tokens: list[Token]) -> None:
        self.toks = tokens
        self.kinds = [t.type for t in tokens]
        self.kinds.append("$END")
        self.i = 0

    # ---- helpers -------------------------------------------------------------------------------------

    def tree(self, data: str, children: list, start: int) -> Tree:
        """A tree over the tokens from index `start` to the last one consumed."""
        toks = self.toks
        node = _new(Tree)  # as Tree(...) without the call of __init__: the parser makes ~400k nodes
        node.data = data
        node.children = children
        node.first = toks[start]
        node.last = toks[self.i - 1]
        return node

    def skip(self, kind: str) -> None:
        """Consume a token of `kind` (punctuation left out of the tree)."""
        if self.kinds[self.i] != kind:
            raise NotParsed
        self.i += 1

    def take(self, kind: str) -> Token:
        """Consume and return a token of `kind`."""
        i = self.i
        if self.kinds[i] != kind:
            raise NotParsed
        self.i = i + 1
        return self.toks[i]

    def name(self) -> Tree:
        """name: IDENT | TRUE | FALSE | NULL"""
        i = self.i
        if self.kinds[i] not in _NAME:
            raise NotParsed
        self.i = i + 1
        tok = self.toks[i]
        return Tree("name", [tok], tok, tok)

    def separated(self, close: str, item) -> list:
        """`[item (_sep item)*] _sep? close` after the opening bracket: the items."""
        kinds = self.kinds
        items: list = []
        if kinds[self.i] in _SEP:
            self.i += 1
        elif kinds[self.i] != close:
            items.append(item())
            while kinds[self.i] in _SEP:
                self.i += 1
                if kinds[self.i] == close:
                    break
                items.append(item())
        self.skip(close)
        return items

    # ---- statements ----------------------------------------------------------------------------------

    def start(self) -> Tree:
        """start: (_statement (_NL _statement)*)?"""
        kinds = self.kinds
        children: list = []
        if kinds[0] != "$END":
            children.append(self.statement())
            while kinds[self.i] == "_NL":
                self.i += 1
                children.append(self.statement())
            if kinds[self.i] != "$END":
                raise NotParsed
            return self.tree("start", children, 0)
        return Tree("start", children)

    def statement(self) -> Tree:
        """_statement: decorated | _declaration;  decorated: decorators _declaration"""
        if self.kinds[self.i] == "_AT":
            start = self.i
            decorators = self.decorators()
            return self.tree("decorated", [decorators, self.declaration()], start)
        return self.declaration()

    def decorators(self) -> Tree:
        """decorators: (decorator _NL?)+;  decorator: _AT name (_DOT name)? args"""
        kinds, start = self.kinds, self.i
        items = []
        while kinds[self.i] == "_AT":
            at = self.i
            self.i += 1
            parts = [self.name()]
            if kinds[self.i] == "_DOT":
                self.i += 1
                parts.append(self.name())
            parts.append(self.args())
            items.append(self.tree("decorator", parts, at))
            if kinds[self.i] == "_NL":
                self.i += 1
        return self.tree("decorators", items, start)

    def declaration(self) -> Tree:
        kind = self.kinds[self.i]
        method = _DECLARATIONS.get(kind)
        if method is None:
            raise NotParsed
        start = self.i
        self.i += 1
        data, children = method(self)
        return self.tree(data, children, start)

    def target_scope(self) -> tuple[str, list]:
        """target_scope: _TARGETSCOPE _ASSIGN expr"""
        self.skip("_ASSIGN")
        return "target_scope", [self.expr()]

    def named_value(self, data: str) -> tuple[str, list]:
        """`name _ASSIGN expr` (metadata_decl, assert_decl)"""
        name = self.name()
        self.skip("_ASSIGN")
        return data, [name, self.expr()]

    def metadata_decl(self) -> tuple[str, list]:
        return self.named_value("metadata_decl")

    def assert_decl(self) -> tuple[str, list]:
        return self.named_value("assert_decl")

    def param_decl(self) -> tuple[str, list]:
        """param_decl: _PARAM name type_expr default? | _PARAM name default -> param_value"""
        name = self.name()
        if self.kinds[self.i] == "_ASSIGN":
            return "param_value", [name, self.default()]
        children = [name, self.type_expr()]
        if self.kinds[self.i] == "_ASSIGN":
            children.append(self.default())
        return "param_decl", children

    def default(self) -> Tree:
        """default: _ASSIGN expr"""
        start = self.i
        self.i += 1
        return self.tree("default", [self.expr()], start)

    def var_decl(self) -> tuple[str, list]:
        """var_decl: _VAR name type_expr? _ASSIGN expr"""
        children = [self.name()]
        if self.kinds[self.i] != "_ASSIGN":
            children.append(self.type_expr())
        self.skip("_ASSIGN")
        children.append(self.expr())
        return "var_decl", children

    def output_decl(self) -> tuple[str, list]:
        """output_decl: _OUTPUT name type_expr _ASSIGN expr"""
        name = self.name()
        type_ = self.type_expr()
        self.skip("_ASSIGN")
        return "output_decl", [name, type_, self.expr()]

    def type_decl(self) -> tuple[str, list]:
        """type_decl: _TYPE name _ASSIGN type_expr"""
        name = self.name()
        self.skip("_ASSIGN")
        return "type_decl", [name, self.type_expr()]

    def func_decl(self) -> tuple[str, list]:
        """func_decl: _FUNC name _LPAR [func_param (_COMMA func_param)*] _RPAR type_expr _ARROW expr"""
        children = [self.name()]
        self.skip("_LPAR")
        if self.kinds[self.i] != "_RPAR":
            children.append(self.func_param())
            while self.kinds[self.i] == "_COMMA":
                self.i += 1
                children.append(self.func_param())
        self.skip("_RPAR")
        children.append(self.type_expr())
        self.skip("_ARROW")
        children.append(self.expr())
        return "func_decl", children

    def func_param(self) -> Tree:
        """func_param: name type_expr"""
        start = self.i
        name = self.name()
        return self.tree("func_param", [name, self.type_expr()], start)

    def resource_decl(self) -> tuple[str, list]:
        """resource_decl: _RESOURCE name STRING EXISTING? _ASSIGN _body"""
        children = [self.name(), self.take("STRING")]
        if self.kinds[self.i] == "EXISTING":
            children.append(self.take("EXISTING"))
        self.skip("_ASSIGN")
        children.append(self.body())
        return "resource_decl", children

    def module_decl(self) -> tuple[str, list]:
        """module_decl: _MODULE name STRING _ASSIGN _body"""
        children = [self.name(), self.take("STRING")]
        self.skip("_ASSIGN")
        children.append(self.body())
        return "module_decl", children

    def body(self) -> Tree:
        """_body: object | if_body | for_expr"""
        kind = self.kinds[self.i]
        if kind == "_LBRACE":
            return self.object()
        if kind == "_IF":
            return self.if_body()
        if kind == "_LSQB":
            return self.for_expr()
        raise NotParsed

    def if_body(self) -> Tree:
        """if_body: _IF _LPAR expr _RPAR object"""
        start = self.i
        self.skip("_IF")
        self.skip("_LPAR")
        condition = self.expr()
        self.skip("_RPAR")
        return self.tree("if_body", [condition, self.object()], start)

    def import_decl(self) -> tuple[str, list]:
        """import_provider, import_names or import_wildcard (see the grammar)"""
        kind = self.kinds[self.i]
        if kind == "_LBRACE":
            self.i += 1
            children = self.separated("_RBRACE", self.import_item)
            self.skip("_FROM")
            children.append(self.string())
            return "import_names", children
        if kind == "STAR":
            children = [self.take("STAR")]
            self.skip("_AS")
            children.append(self.name())
            self.skip("_FROM")
            children.append(self.string())
            return "import_wildcard", children
        children = [self.string()]
        self.clauses(children, with_as=True)
        return "import_provider", children

    def import_item(self) -> Tree:
        """import_item: name as_clause?"""
        start = self.i
        children = [self.name()]
        if self.kinds[self.i] == "_AS":
            children.append(self.as_clause())
        return self.tree("import_item", children, start)

    def clauses(self, children: list, with_as: bool) -> None:
        """with_clause? as_clause?  (as_clause only where `with_as`)"""
        if self.kinds[self.i] == "_WITH":
            start = self.i
            self.i += 1
            children.append(self.tree("with_clause", [self.object()], start))
        if with_as and self.kinds[self.i] == "_AS":
            children.append(self.as_clause())

    def as_clause(self) -> Tree:
        """as_clause: _AS name"""
        start = self.i
        self.skip("_AS")
        return self.tree("as_clause", [self.name()], start)

    def string_or_name(self) -> Tree:
        return self.string() if self.kinds[self.i] in _STRING else self.name()

    def extension_decl(self) -> tuple[str, list]:
        """extension_decl: (_EXTENSION | _PROVIDER) (string | name) with_clause? as_clause?"""
        children = [self.string_or_name()]
        self.clauses(children, with_as=True)
        return "extension_decl", children

    def using_decl(self) -> tuple[str, list]:
        """using_decl: _USING (string | name) with_clause?"""
        children = [self.string_or_name()]
        self.clauses(children, with_as=False)
        return "using_decl", children

    def extends_decl(self) -> tuple[str, list]:
        """extends_decl: _EXTENDS string"""
        return "extends_decl", [self.string()]

    # ---- types ---------------------------------------------------------------------------------------

    def type_expr(self) -> Tree:
        """?type_expr: _PIPE? type_union;  ?type_union: type_postfix | type_union _PIPE type_postfix"""
        kinds = self.kinds
        if kinds[self.i] == "_PIPE":
            self.i += 1
        start = self.i
        left = self.type_postfix()
        while kinds[self.i] == "_PIPE":
            self.i += 1
            left = self.tree("union_type", [left, self.type_postfix()], start)
        return left

    def type_postfix(self) -> Tree:
        """?type_postfix: type_primary followed by `?`, `[]`, `[*]`, `[0]`, `.name` or `.*`"""
        kinds, toks = self.kinds, self.toks
        start = self.i
        result = self.type_primary()
        while True:
            kind = kinds[self.i]
            if kind == "QUESTION":
                self.i += 1
                result = self.tree("nullable_type", [result, toks[self.i - 1]], start)
            elif kind == "_LSQB":
                self.i += 1
                inner = kinds[self.i]
                if inner == "_RSQB":
                    self.i += 1
                    result = self.tree("array_type", [result], start)
                elif inner == "STAR" or inner == "INT":
                    self.i += 2
                    if kinds[self.i - 1] != "_RSQB":
                        raise NotParsed
                    data = "element_type" if inner == "STAR" else "tuple_item_type"
                    result = self.tree(data, [result, toks[self.i - 2]], start)
                else:
                    raise NotParsed
            elif kind == "_DOT":
                self.i += 1
                if kinds[self.i] == "STAR":
                    self.i += 1
                    result = self.tree("additional_type", [result, toks[self.i - 1]], start)
                else:
                    result = self.tree("type_member", [result, self.name()], start)
            else:
                return result

    def type_primary(self) -> Tree:
        """?type_primary (see the grammar): a type name, a literal, an object or tuple type, `(type)`"""
        kinds, toks = self.kinds, self.toks
        start = self.i
        kind = kinds[start]
        if kind == "IDENT":
            self.i += 1
            following = kinds[self.i]
            if following == "LT":
                self.i += 1
                lt = toks[self.i - 1]
                string = self.string()
                gt = self.take("GT")
                return self.tree("resource_derived_type", [toks[start], lt, string, gt], start)
            if following == "STRING":
                self.i += 1
                return self.tree("resource_type", [toks[start], toks[self.i - 1]], start)
            return self.tree("type_ref", [toks[start]], start)
        if kind in _STRING:
            return self.tree("literal_type", [self.string()], start)
        if kind in _LITERAL_TYPE:
            self.i += 1
            return self.tree("literal_type", [toks[start]], start)
        if kind == "MINUS":
            self.i += 1
            return self.tree("negative_literal_type", [toks[start], self.take("INT")], start)
        if kind == "_LBRACE":
            self.i += 1
            return self.tree("object_type", self.separated("_RBRACE", self.type_property), start)
        if kind == "_LSQB":
            self.i += 1
            return self.tree("tuple_type", self.separated("_RSQB", self.tuple_item), start)
        if kind == "_LPAR":
            self.i += 1
            inner = self.type_expr()  # inlined: keeps its own position
            self.skip("_RPAR")
            return inner
        raise NotParsed

    def type_property(self) -> Tree:
        """type_property: decorators? (name | string | STAR) _COLON type_expr"""
        start = self.i
        children = [self.decorators()] if self.kinds[start] == "_AT" else []
        kind = self.kinds[self.i]
        if kind == "STAR":
            children.append(self.take("STAR"))
        else:
            children.append(self.string_or_name())
        self.skip("_COLON")
        children.append(self.type_expr())
        return self.tree("type_property", children, start)

    def tuple_item(self) -> Tree:
        """tuple_item: decorators? type_expr"""
        start = self.i
        children = [self.decorators()] if self.kinds[start] == "_AT" else []
        children.append(self.type_expr())
        return self.tree("tuple_item", children, start)

    # ---- expressions ---------------------------------------------------------------------------------

    def expr(self) -> Tree:
        """?expr: coalesce | coalesce QUESTION expr _COLON expr -> ternary"""
        start = self.i
        condition = self.binary(1)
        if self.kinds[self.i] != "QUESTION":
            return condition
        question = self.toks[self.i]
        self.i += 1
        then = self.expr()
        self.skip("_COLON")
        return self.tree("ternary", [condition, question, then, self.expr()], start)

    def binary(self, min_precedence: int) -> Tree:
        """The left-associative binary levels, coalesce (loosest) to mul_expr, by precedence climbing."""
        kinds = self.kinds
        start = self.i
        left = self.unary()
        while True:
            precedence = _PRECEDENCE.get(kinds[self.i])
            if precedence is None or precedence < min_precedence:
                return left
            op = self.toks[self.i]
            self.i += 1
            right = self.binary(precedence + 1)
            left = self.tree("binary", [left, op, right], start)

    def unary(self) -> Tree:
        """?unary: postfix | (BANG | MINUS) unary;  ?postfix: primary followed by member, index, call, `!`"""
        kinds, toks = self.kinds, self.toks
        start = self.i
        kind = kinds[start]
        if kind == "BANG" or kind == "MINUS":
            self.i += 1
            return self.tree("unary", [toks[start], self.unary()], start)
        result = self.primary()
        while True:
            kind = kinds[self.i]
            if kind in _MEMBER:
                self.i += 1
                result = self.tree(_MEMBER[kind], [result, self.name()], start)
            elif kind in _INDEX:
                self.i += 1
                index = self.expr()
                self.skip("_RSQB")
                result = self.tree(_INDEX[kind], [result, index], start)
            elif kind == "_LPAR":
                result = self.tree("call", [result, self.args()], start)
            elif kind == "BANG":
                self.i += 1
                result = self.tree("non_null", [result, toks[self.i - 1]], start)
            else:
                return result

    def primary(self) -> Tree:
        """?primary: ref, a literal, string, object, array, for_expr, paren or lambda"""
        kinds, toks = self.kinds, self.toks
        start = self.i
        kind = kinds[start]
        if kind == "IDENT":
            self.i += 1
            if kinds[self.i] == "_ARROW":
                self.i += 1
                return self.tree("lambda", [toks[start], self.expr()], start)
            return self.tree("ref", [toks[start]], start)
        if kind in _ATOM:
            self.i += 1
            tok = toks[start]
            return Tree(_ATOM[kind], [tok], tok, tok)
        if kind in _STRING:
            return self.string()
        if kind == "_LBRACE":
            return self.object()
        if kind == "_LSQB":
            return self.for_expr() if kinds[start + 1] == "_FOR" else self.array()
        if kind == "_LPAR":
            return self.paren_or_lambda()
        raise NotParsed

    def paren_or_lambda(self) -> Tree:
        """_LPAR expr _RPAR -> paren;  lambda: _LPAR [expr (_COMMA expr)*] _RPAR _ARROW expr"""
        kinds = self.kinds
        start = self.i
        self.i += 1
        items = []
        if kinds[self.i] != "_RPAR":
            items.append(self.expr())
            while kinds[self.i] == "_COMMA":
                self.i += 1
                items.append(self.expr())
        self.skip("_RPAR")
        if kinds[self.i] == "_ARROW":
            self.i += 1
            items.append(self.expr())
            return self.tree("lambda", items, start)
        if len(items) != 1:
            raise NotParsed
        return self.tree("paren", items, start)

    def args(self) -> Tree:
        """args: _LPAR [expr (_COMMA expr)*] _COMMA? _RPAR"""
        kinds = self.kinds
        start = self.i
        self.skip("_LPAR")
        items = []
        kind = kinds[self.i]
        if kind == "_COMMA":
            self.i += 1
        elif kind != "_RPAR":
            items.append(self.expr())
            while kinds[self.i] == "_COMMA":
                self.i += 1
                if kinds[self.i] == "_RPAR":
                    break
                items.append(self.expr())
        self.skip("_RPAR")
        return self.tree("args", items, start)

    def string(self) -> Tree:
        """string: STRING | MSTRING | STR_START expr (STR_MID expr)* STR_END"""
        kinds, toks = self.kinds, self.toks
        start = self.i
        kind = kinds[start]
        if kind == "STRING" or kind == "MSTRING":
            self.i += 1
            tok = toks[start]
            return Tree("string", [tok], tok, tok)
        if kind != "STR_START":
            raise NotParsed
        self.i += 1
        children = [toks[start], self.expr()]
        while kinds[self.i] == "STR_MID":
            self.i += 1
            children.append(toks[self.i - 1])
            children.append(self.expr())
        children.append(self.take("STR_END"))
        return self.tree("string", children, start)

    def object(self) -> Tree:
        """object: _LBRACE [_object_item (_sep _object_item)*] _sep? _RBRACE"""
        start = self.i
        self.skip("_LBRACE")
        return self.tree("object", self.separated("_RBRACE", self.object_item), start)

    def object_item(self) -> Tree:
        """_object_item: property | spread | nested_resource"""
        kinds = self.kinds
        start = self.i
        kind = kinds[start]
        if kind == "SPREAD":
            return self.spread()
        children = [self.decorators()] if kind == "_AT" else []
        if kinds[self.i] == "_RESOURCE":
            resource_start = self.i
            self.i += 1
            data, resource = self.resource_decl()
            children.append(self.tree(data, resource, resource_start))
            return self.tree("nested_resource", children, start)
        children.append(self.string_or_name())
        self.skip("_COLON")
        children.append(self.expr())
        return self.tree("property", children, start)

    def spread(self) -> Tree:
        """spread: SPREAD expr"""
        start = self.i
        children = [self.take("SPREAD"), self.expr()]
        return self.tree("spread", children, start)

    def array(self) -> Tree:
        """array: _LSQB [_array_item (_sep _array_item)*] _sep? _RSQB;  _array_item: expr | spread"""
        start = self.i
        self.skip("_LSQB")
        return self.tree("array", self.separated("_RSQB", self.array_item), start)

    def array_item(self) -> Tree:
        return self.spread() if self.kinds[self.i] == "SPREAD" else self.expr()

    def for_expr(self) -> Tree:
        """for_expr: _LSQB _FOR _for_vars _IN expr _COLON _for_body _RSQB"""
        kinds = self.kinds
        start = self.i
        self.skip("_LSQB")
        self.skip("_FOR")
        if kinds[self.i] == "_LPAR":  # _for_vars: name | _LPAR name _COMMA name _RPAR
            self.i += 1
            children = [self.name()]
            self.skip("_COMMA")
            children.append(self.name())
            self.skip("_RPAR")
        else:
            children = [self.name()]
        self.skip("_IN")
        children.append(self.expr())
        self.skip("_COLON")
        children.append(self.if_body() if kinds[self.i] == "_IF" else self.expr())  # _for_body: expr | if_body
        self.skip("_RSQB")
        return self.tree("for_expr", children, start)


_DECLARATIONS = {
    "_TARGETSCOPE": _Parser.target_scope, "_METADATA": _Parser.metadata_decl, "_PARAM": _Parser.param_decl,
    "_VAR": _Parser.var_decl, "_OUTPUT": _Parser.output_decl, "_TYPE": _Parser.type_decl,
    "_FUNC": _Parser.func_decl, "_RESOURCE": _Parser.resource_decl, "_MODULE": _Parser.module_decl,
    "_IMPORT": _Parser.import_decl, "_EXTENSION": _Parser.extension_decl, "_PROVIDER": _Parser.extension_decl,
    "_USING": _Parser.using_decl, "_EXTENDS": _Parser.extends_decl, "_ASSERT": _Parser.assert_decl,
}
