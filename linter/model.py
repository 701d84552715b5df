"""The normalized resource model: what every frontend produces and every rule reads.

A `Resource` is ARM-shaped whatever format it came from: an ARM type
(`Microsoft.Network/networkInterfaces`), a full ARM name (`vnet/subnet` for a
child), and a `body` holding `properties`, `sku`, `kind`, `zones`, `location`...
exactly as an ARM template would write them. Values that cannot be known before
deployment are `Unknown` instances, never guesses.

Positions are not stored per value. Each resource carries a `SourceMap` that
turns a path into the model (`("properties", "securityRules", 0)`) into a
`Location` in the file the user wrote, and is only asked when a finding is
reported. This keeps parsing near the cost of `json.loads`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Union

PathKey = Union[str, int]
Path = tuple  # tuple[PathKey, ...]


class Unknown:
    """A value that cannot be known before deployment (and so is never guessed)."""

    __slots__ = ("reason",)

    def __init__(self, reason: str = "unknown") -> None:
        self.reason = reason

    def __repr__(self) -> str:
        return f"Unknown({self.reason!r})"

    def __bool__(self) -> bool:  # truthiness of an unknown is a bug: decide explicitly
        raise TypeError(f"truth value of an Unknown ({self.reason}) is undecidable")


def is_unknown(value: object) -> bool:
    return isinstance(value, Unknown)


def contains_unknown(value: object) -> bool:
    """True when the value, or anything nested inside it, is Unknown."""
    if isinstance(value, Unknown):
        return True
    if isinstance(value, dict):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_unknown(v) for v in value)
    return False


@dataclass(frozen=True)
class Location:
    """A position in a source file; line and column are 1-based."""

    file: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


Lookup = Callable[[Path], "Location | None"]


class SourceMap:
    """Maps a path into a resource's body to where it is written.

    `lookup(path)` answers for an exact path (or None); `locate(path)` falls
    back to the nearest written ancestor, and finally to the resource itself.
    Parts of the body that came from another declaration (a child security
    rule folded into its NSG's `securityRules`) are `mount`ed with that
    declaration's own map.
    """

    def __init__(
        self, resource_location: Location | Callable[[], Location], lookup: Lookup | None = None
    ) -> None:
        # a callable is resolved on first use, so loading never pays for positions
        self._resource_location = resource_location
        self._lookup = lookup
        self._mounts: list[tuple[Path, SourceMap, Path]] = []

    @property
    def resource_location(self) -> Location:
        if callable(self._resource_location):
            self._resource_location = self._resource_location()
        return self._resource_location

    def mount(self, prefix: Path, other: SourceMap, other_prefix: Path = ()) -> None:
        self._mounts.append((tuple(prefix), other, tuple(other_prefix)))

    def locate(self, path: Path = ()) -> Location:
        path = tuple(path)
        best = None
        for prefix, other, other_prefix in self._mounts:
            if path[: len(prefix)] == prefix and (best is None or len(prefix) > len(best[0])):
                best = (prefix, other, other_prefix)
        if best is not None:
            prefix, other, other_prefix = best
            return other.locate(other_prefix + path[len(prefix):])
        if self._lookup is not None:
            for end in range(len(path), 0, -1):
                found = self._lookup(path[:end])
                if found is not None:
                    return found
        return self.resource_location


def dict_lookup(locations: dict) -> Lookup:
    """A lookup over a ready dict of path -> Location (Terraform, Bicep)."""
    return lambda path: locations.get(tuple(path))


@dataclass(eq=False)
class Resource:
    """One declared (or derived) Azure resource, in ARM shape."""

    type: str
    name: str | Unknown
    body: dict
    format: str  # "arm" | "bicep" | "terraform"
    source: SourceMap
    id: str | Unknown | None = None
    symbol: str | None = None  # symbolic name, Terraform address, or ARM path
    condition: bool | Unknown = True
    existing: bool = False  # declared `existing`: referenced, never reported
    derived: bool = False  # a view of part of another resource (an inline subnet)
    scope: object = None  # extension resources: the id (or Unknown) of their target
    api_version: str | None = None

    @property
    def location(self) -> Location:
        return self.source.resource_location

    @property
    def properties(self) -> dict:
        props = self.body.get("properties")
        return props if isinstance(props, dict) else {}

    @property
    def display_name(self) -> str:
        return self.name if isinstance(self.name, str) else (self.symbol or "<unknown name>")

    @property
    def key(self) -> tuple[str, str] | None:
        return resource_key(self.type, self.name)


def resource_key(rtype: str, name: object) -> tuple[str, str] | None:
    """Case-insensitive identity of a resource within one deployment."""
    if not isinstance(name, str) or not isinstance(rtype, str):
        return None
    return rtype.lower(), name.lower()


def parse_resource_id(value: str) -> tuple[str, str] | None:
    """`.../providers/NS/t1/n1/t2/n2` -> (`NS/t1/t2`, `n1/n2`); None when not an id.

    For an extension resource id (several `/providers/` segments) the last
    provider segment names the resource.
    """
    if not isinstance(value, str):
        return None
    lowered = value.lower()
    at = lowered.rfind("/providers/")
    if at < 0:
        return None
    segments = [s for s in value[at + len("/providers/"):].split("/") if s != ""]
    if len(segments) < 3 or len(segments) % 2 == 0:
        return None
    namespace, rest = segments[0], segments[1:]
    types = rest[0::2]
    names = rest[1::2]
    return namespace + "/" + "/".join(types), "/".join(names)


class Model:
    """The resources of one deployment unit, with reference resolution."""

    def __init__(self, resources: Iterable[Resource] = ()) -> None:
        self.resources: list[Resource] = []
        self._by_key: dict[tuple[str, str], list[Resource]] = {}
        self._by_symbol: dict[str, Resource] = {}
        self._by_type: dict[str, list[Resource]] = {}  # rules ask per resource: a scan would be quadratic
        self._order: dict[int, int] = {}
        self._referrers: dict[int, list[tuple[Resource, Path]]] | None = None
        for resource in resources:
            self.add(resource)

    def add(self, resource: Resource) -> None:
        self.resources.append(resource)
        key = resource.key
        if key is not None:
            self._by_key.setdefault(key, []).append(resource)
        if resource.symbol:
            self._by_symbol.setdefault(resource.symbol, resource)
        self._by_type.setdefault(resource.type.lower(), []).append(resource)
        self._order[id(resource)] = len(self._order)
        self._referrers = None

    def __iter__(self) -> Iterator[Resource]:
        return iter(self.resources)

    def __len__(self) -> int:
        return len(self.resources)

    def by_symbol(self, symbol: str) -> Resource | None:
        return self._by_symbol.get(symbol)

    def of_type(self, *types: str) -> list[Resource]:
        wanted = list(dict.fromkeys(t.lower() for t in types))
        if len(wanted) == 1:
            return list(self._by_type.get(wanted[0], ()))
        found = [r for t in wanted for r in self._by_type.get(t, ())]
        return sorted(found, key=lambda r: self._order[id(r)])  # in declaration order, as one scan would give

    def resolve(self, value: object) -> Resource | Unknown | None:
        """The declared resource a reference value points at.

        Unknown when the value is unknown; None when it is not a reference to a
        resource of this deployment (it may exist elsewhere: callers treat that
        as undecided, not as absent).
        """
        if isinstance(value, Unknown):
            return value
        if isinstance(value, dict):  # {"id": "..."} shapes
            for k, v in value.items():
                if k.lower() == "id":
                    return self.resolve(v)
            return None
        parsed = parse_resource_id(value) if isinstance(value, str) else None
        if parsed is None:
            return None
        found = self._by_key.get((parsed[0].lower(), parsed[1].lower()))
        if not found:
            return None
        # a declared resource wins over a derived view of the same resource
        return sorted(found, key=lambda r: r.derived)[0]

    def referrers(self, target: Resource) -> list[tuple[Resource, Path]]:
        """Resources whose body or scope refers to `target`, with the path of the reference."""
        if self._referrers is None:
            self._referrers = {}
            for resource in self.resources:
                if resource.scope is not None:
                    hit = self.resolve(resource.scope)
                    if isinstance(hit, Resource):
                        self._referrers.setdefault(id(hit), []).append((resource, ("scope",)))
                for path, value in strings_in(resource.body):
                    if "/providers/" not in value.lower():
                        continue
                    hit = self.resolve(value)
                    if isinstance(hit, Resource) and hit is not resource:
                        self._referrers.setdefault(id(hit), []).append((resource, path))
        return self._referrers.get(id(target), [])


def strings_in(value: object, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every string nested in a body, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings_in(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings_in(v, path + (i,))


@dataclass
class InputError:
    """A file that could not be read or evaluated: reported, never fatal (exit code 2)."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    kind: str = "error"  # "error" (fails the run) or "note" (e.g. a linked template not fetched)

    def __str__(self) -> str:
        return f"{format_position(self.file, self.line, self.column)}: {self.message}"


def format_position(file: str, line: int | None, column: int | None) -> str:
    """`file`, `file:line` or `file:line:column`, as compilers print them."""
    if line is None:
        return file
    return f"{file}:{line}" if column is None else f"{file}:{line}:{column}"


@dataclass
class Unit:
    """What a frontend returns for one deployment unit (a template, a Bicep file, a Terraform module)."""

    path: str
    format: str
    resources: list[Resource] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file read for this unit
