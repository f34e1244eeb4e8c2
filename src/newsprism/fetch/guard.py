"""Which URLs newsprism may fetch: http and https only, and by default only hosts on the public internet.

A URL from a feed, a sitemap or a redirect is the outlet's (or an attacker's) choice, not the user's. Fetching it
must not reach the machine's own services, the local network or a cloud metadata service, so every host is resolved
and each of its addresses checked — for the first URL and after every redirect — before anything is sent.
``--allow-private`` lifts the rule; ``--allow-host HOST[:PORT]`` lifts it for one host the user names (a server on
their own network; the tests' server on 127.0.0.1).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsprism.errors import InputError

SCHEMES = ("http", "https")


class Refused(InputError):
    """A URL newsprism will not fetch, with the reason."""


@dataclass(frozen=True, slots=True)
class Guard:
    """The rule for one run: private addresses refused unless allowed, or named in ``hosts``."""

    allow_private: bool = False
    hosts: frozenset[str] = field(default_factory=frozenset)  # "host" or "host:port", lower case

    @classmethod
    def of(cls, allow_private: bool = False, hosts: Iterable[str] = ()) -> Guard:
        return cls(allow_private, frozenset(h.strip().lower() for h in hosts if h.strip()))

    def check(self, url: str) -> None:
        """Raise ``Refused`` unless ``url`` may be fetched."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise Refused(f"refused: not a valid URL ({exc})") from None
        if parts.scheme.lower() not in SCHEMES:
            raise Refused(f"refused: only http and https URLs are fetched, not {parts.scheme or 'a relative URL'}:")
        host = (parts.hostname or "").lower()
        if not host:
            raise Refused("refused: the URL names no host")
        port = port or (443 if parts.scheme.lower() == "https" else 80)
        if self.allow_private or host in self.hosts or f"{host}:{port}" in self.hosts:
            return
        for address in _addresses(host, port):
            why = _private(address)
            if why:
                raise Refused(
                    f"refused: {host} is {why} ({address}); newsprism fetches only public addresses unless given "
                    "--allow-private or --allow-host"
                )


def _addresses(host: str, port: int) -> list[str]:
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(f"cannot fetch: the host {host} does not resolve ({exc})") from None


def _private(address: str) -> str | None:
    """Why an address is not on the public internet, or None when it is."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "this machine (a loopback address)"
    if ip.is_link_local:
        return "a link-local address (cloud metadata services live there)"
    if ip.is_unspecified or ip.is_multicast or ip.is_reserved:
        return "not a host on the internet"
    if ip.is_private or not ip.is_global:
        return "a private address"
    return None
