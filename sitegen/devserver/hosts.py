"""Which hosts the preview answers for: the names of this machine and the address it was bound to.

A page of another site can point its own name at 127.0.0.1 (DNS rebinding): the browser then
sends that page's requests here and lets it read the answers, drafts included. Those requests
still name the other site in their Host header (and in an absolute request URI), so only a
host that names the loopback (``localhost``, ``127.0.0.0/8``, ``[::1]``) or the address given
with ``--host`` is answered, with or without a port.

The rule is strict on purpose: one plain ``host[:port]``, nothing else. A trailing dot
(``localhost.``) is another name to a resolver; userinfo (``a@b``), spaces, commas, percent
escapes and the numeric forms some resolvers accept (``127.1``, ``2130706433``, ``0x7f.0.0.1``)
are refused rather than interpreted. Names compare without regard to case, as DNS does.
"""

from __future__ import annotations

import ipaddress
import re

# [an IPv6 address] or a name/IPv4 address, then an optional port
_HOST = re.compile(r"(?:\[(?P<ipv6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9.-]+))(?::(?P<port>[0-9]{1,5}))?")

LOOPBACK_NAME = "localhost"

# bound to every address: the machine's own addresses are many and change (Wi-Fi, VPN)
WILDCARDS = frozenset({"", "0.0.0.0", "::"})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def host_of(value: str) -> str | None:
    """The host a Host header (or an absolute URI's authority) names: lowercase, without
    brackets or port, an IPv6 address in its short form; None when it is not one plain
    ``host[:port]``."""
    found = _HOST.fullmatch(value.strip(" \t"))
    if found is None:
        return None
    if found["ipv6"] is not None:
        address = address_of(found["ipv6"])
        return str(address) if isinstance(address, ipaddress.IPv6Address) else None
    return found["name"].lower()


def address_of(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def host_allowed(value: str, bound: str) -> bool:
    """Whether a request naming ``value`` is answered by a server bound to ``bound``."""
    host = host_of(value)
    if host is None:
        return False
    bound_host = bound.strip("[]").lower()
    address = address_of(host)
    if address is None:
        return host in (LOOPBACK_NAME, bound_host)
    if address.is_loopback:
        return True
    if bound_host in WILDCARDS:
        # an address written as digits cannot be rebound: a page can only get here under
        # a name it controls, and that name is refused
        return True
    return address == address_of(bound_host)
