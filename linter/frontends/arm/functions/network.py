"""CIDR functions: parseCidr, cidrSubnet, cidrHost (IPv4 and IPv6).

Host numbering follows ARM's documented examples: cidrHost(range, 0) is the
first address after the network address. For IPv4 /31 and /32 ranges, and
for IPv6 (no broadcast), parseCidr's usable range is taken to span the whole
range; ARM's docs do not show those cases.
"""

from __future__ import annotations

import ipaddress

from ._registry import Context, function


def _network(ctx: Context, text) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    text = ctx.string(text, 0)
    if "/" not in text:
        raise ctx.error(f"'{text}' is not in CIDR notation")
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        raise ctx.error(f"'{text}' is not a valid CIDR range") from None


@function("parseCidr", 1)
def parse_cidr(ctx: Context, text) -> dict:
    net = _network(ctx, text)
    out = {"network": str(net.network_address), "netmask": str(net.netmask)}
    if net.version == 4:
        out["broadcast"] = str(net.broadcast_address)
        small = net.prefixlen >= 31
        out["firstUsable"] = str(net.network_address + (0 if small else 1))
        out["lastUsable"] = str(net.broadcast_address - (0 if small else 1))
    else:
        out["firstUsable"] = str(net.network_address)
        out["lastUsable"] = str(net.broadcast_address)
    out["cidr"] = net.prefixlen
    return out


@function("cidrSubnet", 3)
def cidr_subnet(ctx: Context, text, new_prefix, index) -> str:
    net = _network(ctx, text)
    new_prefix, index = ctx.integer(new_prefix, 1), ctx.integer(index, 2)
    if not net.prefixlen <= new_prefix <= net.max_prefixlen:
        raise ctx.error(f"the new prefix /{new_prefix} must be between /{net.prefixlen} and /{net.max_prefixlen}")
    count = 2 ** (new_prefix - net.prefixlen)
    if not 0 <= index < count:
        raise ctx.error(f"subnet index {index} is out of range (0 to {count - 1})")
    start = net.network_address + index * 2 ** (net.max_prefixlen - new_prefix)
    return f"{start}/{new_prefix}"


@function("cidrHost", 2)
def cidr_host(ctx: Context, text, index) -> str:
    net = _network(ctx, text)
    index = ctx.integer(index, 1)
    last = net.num_addresses - (2 if net.version == 4 and net.prefixlen < 31 else 1)
    if not 0 <= index < last:
        raise ctx.error(f"host index {index} is out of range for {net}")
    return str(net.network_address + index + 1)
