"""Source maps for ARM resources: from a path into a resource body to where it is written.

Nothing here reads positions while a template is loaded: a `LazySourceMap`
only asks the `JsonDocument` when a finding (or an input error) needs a
place, so templates without findings never pay for the position index.

A resource body is mostly its written object minus structural keys, so a body
path is the resource's JSON pointer plus the same path. Property `copy` loops
are the exception: `properties.securityRules[2].name` was written as
`properties.copy[k].input.name`; `CopyRemaps` records those translations.
"""

from __future__ import annotations

import functools

from linter.model import Location, Path, SourceMap


class CopyRemaps:
    """Body prefixes produced by a property copy loop, and the pointer of the loop's `input`.

    A body path `prefix + (i,) + rest` is written at `input_pointer + rest`.
    """

    def __init__(self) -> None:
        self._by_prefix: dict[Path, Path] = {}

    def add(self, body_prefix: Path, input_pointer: Path) -> None:
        self._by_prefix[tuple(body_prefix)] = tuple(input_pointer)

    def __bool__(self) -> bool:
        return bool(self._by_prefix)

    def translate(self, path: Path) -> Path | None:
        """The written pointer (relative to nothing: absolute) for a copy-produced body path, or None."""
        for end in range(len(path) - 1, 0, -1):
            pointer = self._by_prefix.get(path[:end])
            if pointer is not None and isinstance(path[end], int):
                return pointer + tuple(path[end + 1 :])
        return None


class LazySourceMap(SourceMap):
    """A SourceMap whose resource location is computed on first use."""

    def __init__(self, document, file: str, pointer: Path, remaps: CopyRemaps | None = None) -> None:
        self._document = document
        self._file = file
        self._pointer = tuple(pointer)
        self._remaps = remaps if remaps is not None and remaps._by_prefix else None
        self._resource_location: Location | None = None
        # a lookup that does not hold this map: a bound method would make a cycle that only
        # a full garbage collection frees, with the whole document
        super().__init__(None, functools.partial(_lookup_path, document, file, self._pointer, self._remaps))

    @property  # type: ignore[override]
    def resource_location(self) -> Location:
        if self._resource_location is None:
            self._resource_location = locate_pointer(self._document, self._file, self._pointer) or Location(
                self._file
            )
        return self._resource_location

    @resource_location.setter
    def resource_location(self, value: Location | None) -> None:
        if value is not None:
            self._resource_location = value


def _lookup_path(document, file: str, pointer: Path, remaps: CopyRemaps | None, path: Path) -> Location | None:
    path = tuple(path)
    if remaps is not None:
        translated = remaps.translate(path)
        if translated is not None:
            return locate_pointer(document, file, translated)
    return locate_pointer(document, file, pointer + path)


def locate_pointer(document, file: str, pointer: Path) -> Location | None:
    """The Location of a JSON pointer in a loaded document, or None when it is not written."""
    if document is None:
        return None
    found = document.locate(tuple(pointer))
    if found is None:
        return None
    return Location(file, found[0], found[1])


def nearest_position(document, pointer: Path) -> tuple[int | None, int | None]:
    """(line, column) of the pointer or its nearest written ancestor; for input errors."""
    if document is None:
        return None, None
    pointer = tuple(pointer)
    for end in range(len(pointer), -1, -1):
        found = document.locate(pointer[:end])
        if found is not None:
            return found
    return None, None
