"""Encoding functions: base64, base64ToString, base64ToJson, dataUri, dataUriToString,
uriComponent, uriComponentToString, uri."""

from __future__ import annotations

import base64 as b64
import binascii
import urllib.parse

from ._registry import Context, function
from .convert import loads_lenient, to_json


def _decode_base64(ctx: Context, text) -> str:
    try:
        return b64.b64decode(ctx.string(text), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        raise ctx.error("not a valid base64 string") from None


@function("base64", 1)
def base64(ctx: Context, text) -> str:
    return b64.b64encode(ctx.string(text).encode("utf-8")).decode("ascii")


@function("base64ToString", 1)
def base64_to_string(ctx: Context, text) -> str:
    return _decode_base64(ctx, text)


@function("base64ToJson", 1)
def base64_to_json(ctx: Context, text) -> object:
    try:
        return loads_lenient(_decode_base64(ctx, text))
    except ValueError:
        raise ctx.error("the decoded value is not JSON") from None


@function("dataUri", 1)
def data_uri(ctx: Context, value) -> str:
    if isinstance(value, str):
        content_type, data = "text/plain;charset=utf8", value
    else:
        content_type, data = "application/json;charset=utf8", to_json(value)
    return f"data:{content_type};base64," + b64.b64encode(data.encode("utf-8")).decode("ascii")


@function("dataUriToString", 1)
def data_uri_to_string(ctx: Context, uri) -> str:
    uri = ctx.string(uri)
    if not uri.lower().startswith("data:") or "," not in uri:
        raise ctx.error("not a data URI")
    metadata, _, data = uri[5:].partition(",")
    try:
        if metadata.lower().endswith(";base64"):
            raw = b64.b64decode(data, validate=True)
        else:
            raw = urllib.parse.unquote_to_bytes(data)
        return raw.decode("utf-8")
    except (binascii.Error, ValueError):
        raise ctx.error("the data URI content cannot be decoded") from None


@function("uriComponent", 1)
def uri_component(ctx: Context, text) -> str:
    # Uri.EscapeDataString: everything but RFC 3986 unreserved characters is escaped.
    return urllib.parse.quote(ctx.string(text), safe="-_.~")


@function("uriComponentToString", 1)
def uri_component_to_string(ctx: Context, text) -> str:
    return urllib.parse.unquote(ctx.string(text))


@function("uri", 2)
def uri(ctx: Context, base, relative) -> str:
    base, relative = ctx.string(base, 0), ctx.string(relative, 1)
    parsed = urllib.parse.urlparse(base)
    if not parsed.scheme or not parsed.netloc:
        raise ctx.error(f"'{base}' is not an absolute URI")
    return urllib.parse.urljoin(base, relative)
