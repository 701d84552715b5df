"""uniqueString, guid (deterministic, computed exactly as ARM does) and newGuid (Unknown).

Both join their string arguments with '-'. uniqueString hashes the UTF-8 bytes
with the 64-bit MurmurHash variant of Azure's ResourceStack library (two
32-bit lanes, seed 0) and writes the top 65 bits as 13 lowercase RFC 4648
base-32 characters. guid is the RFC 4122 version 5 (SHA-1) UUID of the joined
string in ARM's namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830.
Test vectors: tests/arm_expressions/test_hashing.py.
"""

from __future__ import annotations

from functools import lru_cache

from ._registry import Context, function

ARM_GUID_NAMESPACE = "11fb06fb-712d-4ddd-98c7-e71bbd588830"  # a UUID, made on first use of guid()
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
_M32 = 0xFFFFFFFF
_C1, _C2 = 2869860233, 597399067
_C3, _C4 = 0x85EBCA6B, 0xC2B2AE35  # fmix constants


def _rotl(value: int, shift: int) -> int:
    return ((value << shift) | (value >> (32 - shift))) & _M32


def _mix_k1(k1: int) -> int:
    return (_rotl((k1 * _C2) & _M32, 15) * _C1) & _M32


def _mix_k2(k2: int) -> int:
    return (_rotl((k2 * _C1) & _M32, 17) * _C2) & _M32


def _fmix(h: int) -> int:
    h = ((h ^ (h >> 16)) * _C3) & _M32
    h = ((h ^ (h >> 13)) * _C4) & _M32
    return h ^ (h >> 16)


def murmur_hash64(data: bytes) -> int:
    """The ResourceStack MurmurHash64 variant behind ARM's uniqueString()."""
    length = len(data)
    h1 = h2 = 0
    blocks = length - length % 8
    for offset in range(0, blocks, 8):
        k1 = int.from_bytes(data[offset : offset + 4], "little")
        k2 = int.from_bytes(data[offset + 4 : offset + 8], "little")
        h1 = _rotl(h1 ^ _mix_k1(k1), 19)
        h1 = ((h1 + h2) * 5 + 0x561CCD1B) & _M32
        h2 = _rotl(h2 ^ _mix_k2(k2), 13)
        h2 = ((h2 + h1) * 5 + 0x0BCAA747) & _M32
    tail = data[blocks:]
    if tail:
        h1 ^= _mix_k1(int.from_bytes(tail[:4], "little"))
        if len(tail) > 4:
            h2 ^= _mix_k2(int.from_bytes(tail[4:], "little"))
    h1 ^= length
    h2 ^= length
    h1 = (h1 + h2) & _M32
    h2 = (h2 + h1) & _M32
    h1, h2 = _fmix(h1), _fmix(h2)
    h1 = (h1 + h2) & _M32
    h2 = (h2 + h1) & _M32
    return (h2 << 32) | h1


# Pure functions of their strings, and the same few inputs come back again and again
# (`uniqueString(resourceGroup().id)` is one placeholder string in every template).
@lru_cache(maxsize=1024)
def unique_string(*parts: str) -> str:
    value = murmur_hash64("-".join(parts).encode("utf-8"))
    chars = []
    for _ in range(13):
        chars.append(_BASE32[value >> 59])
        value = (value << 5) & 0xFFFFFFFFFFFFFFFF
    return "".join(chars)


@lru_cache(maxsize=1024)
def arm_guid(*parts: str) -> str:
    import uuid  # only guid() needs it, and it imports `platform`: not at start-up

    return str(uuid.uuid5(uuid.UUID(ARM_GUID_NAMESPACE), "-".join(parts)))


def _strings(ctx: Context, args: tuple) -> list[str]:
    return [ctx.string(a, i) for i, a in enumerate(args)]


@function("uniqueString", 1, None)
def unique_string_fn(ctx: Context, *args) -> str:
    return unique_string(*_strings(ctx, args))


@function("guid", 1, None)
def guid(ctx: Context, *args) -> str:
    return arm_guid(*_strings(ctx, args))


@function("newGuid")
def new_guid(ctx: Context) -> object:
    return ctx.unknown("newGuid() is random")
