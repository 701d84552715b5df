"""The Terraform frontend: a module directory -> a `Unit` of ARM-shaped resources.

Pipeline: `config` reads the `.tf` files (for HCL `parse`, over the parser
`hcl_lalr` and its tables `hcl_tables`, with `syntax` and `templates`;
`jsonconfig` for `.tf.json`; override files merged in),
`variables` collects input values (converted by `types`), `instance`/`modules`
evaluate lazily (`evaluate`, `functions`; `datasources` knows the few data
source attributes known before apply), `view` evaluates each resource
instance, `mapping` turns it into ARM shape (ids by `ids`), `associations`
folds association resources, `emit` builds the `Resource`s.

Model conventions (see `ids.py`, `mapping/`): `Resource.symbol` is the
Terraform address (`module.x["k"].azurerm_y.z[0]`); ids use the ARM
frontend's `{subscriptionId}`/`{resourceGroupName}` placeholders; a resource
whose ARM name is unknown gets the name `{<address>}` so references to it
still resolve; an unknown `count`/`for_each` gives one instance with an
unknown `condition`; data sources are not resources and their attributes are
`Unknown`; `azuread_conditional_access_policy` is modelled as
`Microsoft.Graph/conditionalAccessPolicies`.

Caps (never a hang): `count`/`for_each` expand to at most 1000 instances (a
note when hit), `for` expressions to 10000 items, `dynamic` blocks to 1000,
`range()` to 1024 elements, modules nest at most 16 levels; a module that
includes itself, escapes the linted root or is missing is an input error.

Speed (measured on the shared terraform-quickstart corpus: 70 folders, 306
`.tf` files, 750 resources, on the 2-CPU build machine under load): loading
all of it takes ~0.35-0.4 s of CPU time (0.9 s with lark's own parser), in
instructions (callgrind) 1.34G parsing (`hcl_lalr`; see `parse.py` for why
this parser and not `hcl2.loads`, which alone takes 2.1 s), 0.35G walking
the tree into `syntax`, 0.34G evaluation, mapping and file reading.
Importing the frontend costs ~90M instructions, loading the parse tables
~16M (see `hcl_tables`).
"""

from __future__ import annotations

from linter.frontends.terraform.emit import emit
from linter.frontends.terraform.instance import ModuleInstance
from linter.frontends.terraform.modules import Loader
from linter.frontends.terraform.variables import root_values, tfvars_files
from linter.model import Unit

__all__ = ["load_terraform"]


def load_terraform(
    directory: str,
    files: list[str],
    var_files: list[str] = (),
    variables: dict[str, str] | None = None,
    root: str | None = None,
) -> Unit:
    """Evaluate the Terraform root module in `directory` (its `files`, or every `.tf` when empty).

    Local module sources may point anywhere inside `root` (the linted
    repository; default: `directory` itself), never outside it.
    """
    loader = Loader(root or directory)
    config = loader.config(directory, list(files) or None)
    tfvars = tfvars_files(config.directory, list(var_files))
    values = root_values(config, tfvars, dict(variables or {}), loader.errors)
    loader.files.extend(tfvars)
    root = ModuleInstance(config, "", values, loader)
    root.chain = [config.directory]
    resources = emit(loader, root)
    return Unit(path=directory, format="terraform", resources=resources,
                errors=loader.errors, files=list(loader.files))
