"""uniqueString and guid: computed exactly as ARM does.

uniqueString vectors: outputs published with an independent re-implementation
checked against Bicep (`uniquestring.sh`, "verified against Bicep uniqueString() output").
guid: no published ARM output was found to check against; the algorithm
(UUID v5 over the '-'-joined arguments in namespace 11fb06fb-...) comes from
two independent implementations that agree, and is checked here against
Python's RFC 4122 implementation and for the properties ARM documents.
"""

from __future__ import annotations

import uuid

import pytest

from linter.frontends.arm.expressions import ExpressionError
from linter.frontends.arm.functions.hashing import arm_guid, murmur_hash64, unique_string
from linter.model import Unknown

from .helpers import ev


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("test",), "rbgf3xv4ufgzg"),
        (("hello", "world"), "a7wkljktk6wne"),
        (("abc",), "cgtzqvhu4i23s"),
        (("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg",), "bmg7c6xu4tw46"),
        (("foo", "bar", "baz"), "xzi4ioaxtmth4"),
    ],
)
def test_unique_string_known_outputs(args, expected):
    assert unique_string(*args) == expected
    quoted = ", ".join(f"'{a}'" for a in args)
    assert ev(f"[uniqueString({quoted})]") == expected


def test_unique_string_joins_with_dash():
    assert unique_string("a", "b") == unique_string("a-b")


@pytest.mark.parametrize("length", range(0, 18))
def test_murmur_handles_every_tail_length(length):
    value = murmur_hash64(bytes(range(length)))
    assert 0 <= value < 2**64


def test_unique_string_shape():
    value = ev("[uniqueString(resourceGroup().id, 'x')]")
    assert len(value) == 13 and set(value) <= set("abcdefghijklmnopqrstuvwxyz234567")


def test_unique_string_of_resource_group_is_stable_between_calls():
    assert ev("[uniqueString(resourceGroup().id)]") == ev("[uniqueString(resourceGroup().id)]")


def test_guid_is_uuid5_in_arm_namespace():
    namespace = uuid.UUID("11fb06fb-712d-4ddd-98c7-e71bbd588830")
    assert ev("[guid('a', 'b')]") == str(uuid.uuid5(namespace, "a-b")) == arm_guid("a", "b")
    parsed = uuid.UUID(ev("[guid('x')]"))
    assert parsed.version == 5 and ev("[guid('x')]") == str(parsed).lower()


def test_unknown_input_gives_unknown():
    assert isinstance(ev("[uniqueString(parameters('u'))]"), Unknown)
    assert isinstance(ev("[guid('a', parameters('u'))]"), Unknown)
    assert isinstance(ev("[newGuid()]"), Unknown)


def test_non_string_arguments_are_errors():
    with pytest.raises(ExpressionError) as info:
        ev("[uniqueString(1)]")
    assert info.value.function == "uniqueString"
