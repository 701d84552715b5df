"""Find the input files under the given paths and sort them into lintable units.

`discover(paths, exclude, parameters)` walks files and directories (honouring
`.gitignore` files, the user's `exclude` patterns and a fixed list of folders
never worth reading) and classifies what it finds:

* ARM templates and parameter files, told apart cheaply by the `$schema` in
  the first 4 KB (never by a full parse); a parameter file pairs with its
  template by name (`X.parameters.json` beside `X.json`) or by the explicit
  `parameters` mapping; alone it is skipped without an error.
* `.bicep` and `.bicepparam` files. A compiled Bicep JSON beside its `.bicep`
  source is a build artifact (findings are reported once, at the source): it
  goes into `compiled_bicep`, not `arm`.
* Terraform modules: all `.tf` / `.tf.json` files of one folder. A single
  `.tf` file argument (as pre-commit passes them) stands for its whole folder.

Explicit file arguments are always taken, even when ignored. Directory
symlinks are followed only when they lead outside the walked trees, and never
twice to the same place, so symlink loops cannot hang the walk. All output is
sorted, so runs are reproducible.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from linter.filewalk import Walker
from linter.model import InputError

MAX_JSON_BYTES = 50 * 1024 * 1024  # larger JSON files are reported, not read
SNIFF_BYTES = 4096

# Compiled on first use (re caches them): a run over Terraform files alone never needs them.
_SCHEMA = rb'(?i)"\$schema"\s*:\s*"([^"]*)"'
_GENERATOR = rb'(?i)"_generator"\s*:\s*\{\s*"name"\s*:\s*"([^"]*)"'
_USING = r"(?m)^\s*using\s+'([^']+)'"
_JSON_SUFFIXES = (".json", ".jsonc")


# Immutable value records are NamedTuples, not frozen dataclasses: defining a frozen dataclass compiles
# six methods at import (~0.7 ms of a one-file run), a NamedTuple costs a fifth of that.
class ArmInput(NamedTuple):
    """An ARM template to lint, with its parameter file if one pairs with it."""

    template: str
    parameters: str | None = None


class BicepInput(NamedTuple):
    """A `.bicep` file to lint, with its parameters if any."""

    path: str
    parameters: str | None = None  # a JSON parameter file or a `.bicepparam` using this file


class BicepParamInput(NamedTuple):
    """A `.bicepparam` file and the template it uses."""

    path: str
    template: str | None = None  # the `.bicep` named by its `using` statement, when found


# A NamedTuple, not a dataclass: cheaper to define at start-up (see linter.discover).
class TerraformInput(NamedTuple):
    """A Terraform module folder and the files of it to read."""

    directory: str
    files: list[str]


class Skipped(NamedTuple):
    """A file not linted, and why."""

    path: str
    reason: str


@dataclass
class Discovery:
    """Everything found under the paths, sorted into units, with what was skipped or failed."""

    arm: list[ArmInput] = field(default_factory=list)
    bicep: list[BicepInput] = field(default_factory=list)
    bicepparam: list[BicepParamInput] = field(default_factory=list)
    terraform: list[TerraformInput] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    compiled_bicep: dict[str, str] = field(default_factory=dict)  # .bicep path -> its compiled JSON


# --- sniffing JSON ---------------------------------------------------------


class _JsonKind(NamedTuple):
    """What the first bytes of a JSON file say it is."""

    kind: str  # "template" | "parameters" | "other"
    generator: str | None  # metadata._generator.name seen in the first bytes, if any


def _sniff_json(path: str) -> _JsonKind:
    """Classify a JSON file from its first bytes; raises OSError or ValueError (too large)."""
    size = os.stat(path).st_size
    if size > MAX_JSON_BYTES:
        raise ValueError(f"file too large: {size / 1048576:.0f} MB, limit {MAX_JSON_BYTES // 1048576} MB")
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: look at it as UTF-8
            head = (head + handle.read()).decode("utf-16", "replace").encode("utf-8")
        schema = re.search(_SCHEMA, head)
        if schema is None and len(head) == SNIFF_BYTES:  # `$schema` is further down (rare)
            head += handle.read()
            schema = re.search(_SCHEMA, head)
    generator = re.search(_GENERATOR, head)
    name = generator.group(1).decode("utf-8", "replace").lower() if generator else None
    value = schema.group(1).lower() if schema else b""
    if b"deploymenttemplate" in value:
        return _JsonKind("template", name)
    if b"deploymentparameters" in value:
        return _JsonKind("parameters", name)
    return _JsonKind("other", name)


def _is_compiled_bicep(path: str, sniffed: _JsonKind) -> bool:
    if sniffed.generator is not None:
        return sniffed.generator == "bicep"
    from linter.frontends.jsonload import JsonLoadError, load_json

    try:
        with open(path, "rb") as handle:
            data = load_json(handle.read(), path).data
    except (OSError, JsonLoadError):
        return False
    metadata = data.get("metadata") if isinstance(data, dict) else None
    generator = metadata.get("_generator") if isinstance(metadata, dict) else None
    return isinstance(generator, dict) and str(generator.get("name", "")).lower() == "bicep"


def _bicepparam_target(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return None
    found = re.search(_USING, head)
    if found is None or not found.group(1).endswith(".bicep"):
        return None
    return os.path.normpath(os.path.join(os.path.dirname(path), found.group(1)))


# --- classification --------------------------------------------------------


def _stem(path: str) -> str:
    base = path
    for suffix in (".jsonc", ".json", ".bicep", ".bicepparam"):
        if base.lower().endswith(suffix):
            return base[: -len(suffix)]
    return base


class _Classifier:
    def __init__(self, parameters: dict[str, str]) -> None:
        self.out = Discovery()
        self.parameters = {_key(t): p for t, p in parameters.items()}
        self.sniffed: dict[str, _JsonKind | None] = {}
        self.templates: list[str] = []
        self.param_files: list[str] = []
        self.bicep: list[str] = []
        self.bicepparam: list[str] = []
        self.tf_dirs: dict[str, tuple[str, dict[str, str]]] = {}  # key -> (folder as shown, {key: file})

    def sniff(self, path: str) -> _JsonKind | None:
        if path not in self.sniffed:
            try:
                self.sniffed[path] = _sniff_json(path)
            except (OSError, ValueError) as exc:
                message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                self.out.errors.append(InputError(file=path, message=message))
                self.sniffed[path] = None
        return self.sniffed[path]

    def add(self, path: str, explicit: bool) -> None:
        lower = path.lower()
        if lower.endswith((".tf", ".tf.json")):
            directory = os.path.dirname(path) or "."
            _, files = self.tf_dirs.setdefault(_key(directory), (directory, {}))
            for file in _module_files(directory) if explicit else [path]:
                files.setdefault(_key(file), file)
        elif lower.endswith(".bicep"):
            self.bicep.append(path)
        elif lower.endswith(".bicepparam"):
            self.bicepparam.append(path)
        elif lower.endswith(_JSON_SUFFIXES):
            sniffed = self.sniff(path)
            if sniffed is None:
                return
            if sniffed.kind == "template":
                self.templates.append(path)
            elif sniffed.kind == "parameters":
                self.param_files.append(path)
                if explicit:
                    self._add_template_of(path)
            else:
                self.out.skipped.append(Skipped(path, "not an ARM template or parameter file"))
        elif explicit:
            self.out.skipped.append(Skipped(path, "not a template file type"))

    def _add_template_of(self, param: str) -> None:
        """A parameter file named alone (pre-commit passes only the changed file) lints its template."""
        for template in _template_candidates(param):
            if os.path.isfile(template):
                self.parameters.setdefault(_key(template), param)
                self.add(template, explicit=True)
                return
        self.out.errors.append(InputError(
            file=param, line=1, column=1,
            message="parameter file without its template: no "
            + " or ".join(os.path.basename(t) for t in _template_candidates(param))
            + " beside it; pair it with --parameters TEMPLATE=PARAMS",
        ))
        self.param_files.remove(param)

    def pair_parameters(self, template: str) -> str | None:
        explicit = self.parameters.get(_key(template))
        if explicit is not None:
            return explicit
        stem = _stem(template)
        for candidate in (stem + ".parameters.json", stem + ".parameters.jsonc"):
            if os.path.isfile(candidate):
                sniffed = self.sniff(candidate)
                if sniffed is not None and sniffed.kind == "parameters":
                    return candidate
        return None

    def finish(self) -> Discovery:
        out = self.out
        bicep_by_key = {_key(b): b for b in self.bicep}
        using = {p: _bicepparam_target(p) for p in self.bicepparam}
        used_params: set[str] = set()
        for template in sorted(set(self.templates)):
            source = bicep_by_key.get(_key(_stem(template) + ".bicep"))
            if source is not None and _is_compiled_bicep(template, self.sniffed[template]):
                out.compiled_bicep[source] = template
                continue
            params = self.pair_parameters(template)
            if params:
                used_params.add(_key(params))
            out.arm.append(ArmInput(template, params))
        for bicep in sorted(set(self.bicep)):
            params = self.pair_parameters(bicep)
            if params is None:
                users = [p for p, target in using.items() if target and _key(target) == _key(bicep)]
                params = users[0] if len(users) == 1 else None
            if params:
                used_params.add(_key(params))
            out.bicep.append(BicepInput(bicep, params))
        for param in sorted(set(self.bicepparam)):
            target = using[param]
            out.bicepparam.append(BicepParamInput(param, bicep_by_key.get(_key(target)) if target else None))
        for param in sorted(set(self.param_files)):
            if _key(param) not in used_params:
                out.skipped.append(Skipped(param, "parameter file without its template"))
        for directory, files in sorted(self.tf_dirs.values(), key=lambda entry: entry[0]):
            out.terraform.append(TerraformInput(directory, sorted(files.values())))
        out.skipped.sort(key=lambda s: s.path)
        out.errors.sort(key=lambda e: e.file)
        return out


def _template_candidates(param: str) -> list[str]:
    """`X.parameters.json` and `X.parameters.<env>.json` belong to `X.json` (or `X.bicep`)."""
    folder, name = os.path.split(param)
    stem = re.sub(r"\.parameters(\.[^.]+)?\.jsonc?$", "", name, flags=re.IGNORECASE)
    if stem == name:
        return []
    return [os.path.join(folder, stem + suffix) for suffix in (".json", ".jsonc", ".bicep")]


def _key(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def _module_files(directory: str) -> list[str]:
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    return [
        os.path.join(directory, n) if directory != "." else n
        for n in names
        if n.lower().endswith((".tf", ".tf.json")) and os.path.isfile(os.path.join(directory, n))
    ]


def _display(abs_path: str, arg: str, cwd: str) -> str:
    return abs_path if os.path.isabs(arg) else os.path.relpath(abs_path, cwd)


def discover(
    paths: list[str],
    exclude: list[str] = (),
    parameters: dict[str, str] | None = None,
) -> Discovery:
    """Walk `paths` and classify every input; `parameters` maps template -> parameter file."""
    cwd = os.getcwd()
    spec = None
    if exclude:
        import pathspec  # only when needed: importing it costs ~40 ms of start-up

        spec = pathspec.GitIgnoreSpec.from_lines(list(exclude))
    walker = Walker(spec, cwd)
    classifier = _Classifier(parameters or {})
    seen: set[str] = set()
    for arg in paths:
        absolute = os.path.abspath(arg)
        if os.path.isdir(absolute):
            files = [(f, real, False) for f, real in walker.walk(absolute)]
            for error in walker.errors:
                error.file = os.path.normpath(_display(error.file, arg, cwd))
            classifier.out.errors.extend(walker.errors)
            walker.errors.clear()
        elif os.path.isfile(absolute):
            files = [(absolute, os.path.realpath(absolute), True)]
        else:
            classifier.out.errors.append(InputError(file=arg, message="no such file or directory"))
            continue
        for found, real, explicit in files:
            if real in seen:
                continue
            seen.add(real)
            classifier.add(os.path.normpath(_display(found, arg, cwd)), explicit)
    return classifier.finish()
