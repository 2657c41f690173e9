"""What ``revhyper serve`` checks and prepares before the web server starts.

The address is checked by binding it once (then released): a host that does not resolve or is
not on this machine, a port out of range or in use, are refused with a message a person can act
on, before uvicorn would log a bare ``[Errno 98]``. The database is opened and migrated here,
once, so that the server's worker processes find it current and never race to migrate it.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
from dataclasses import dataclass

from revhyper.adapters.db import masked
from revhyper.domain.errors import InvalidInputError
from revhyper.services.database import database_url, dispose_engines, engine_for

#: The range of TCP ports a server may listen on.
LOWEST_PORT = 1
HIGHEST_PORT = 65535
#: Worker processes allowed per core: more only adds memory and contention for the database.
WORKERS_PER_CORE = 2


def core_count() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def max_workers() -> int:
    """The most worker processes ``serve`` starts: ``WORKERS_PER_CORE`` per core."""
    return WORKERS_PER_CORE * core_count()


@dataclass(frozen=True)
class ServeAddress:
    """Where the server listens, and how a browser reaches it."""

    host: str
    port: int

    @property
    def url(self) -> str:
        """``http://host:port`` (an IPv6 address in brackets)."""
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}"

    @property
    def loopback_only(self) -> bool:
        """Whether only this machine can reach the server at this address."""
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


def check_workers(workers: int) -> int:
    """``workers`` if within 1..``max_workers()``; ``InvalidInputError`` otherwise."""
    most = max_workers()
    if not 1 <= workers <= most:
        raise InvalidInputError(
            f"--workers {workers} is not allowed: give 1 to {most} ({WORKERS_PER_CORE} per core, "
            f"{core_count()} cores here)"
        )
    return workers


def _family_of(host: str, port: int) -> socket.AddressFamily:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise InvalidInputError(
            f"--host {host!r} is not an address of this machine or a name that resolves: give "
            "an IP address such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)"
        ) from None
    return found[0][0]


def check_address(host: str, port: int) -> ServeAddress:
    """The address if the server can listen there now (bound once and released).

    Raises:
        InvalidInputError: the port is out of range or in use, the host does not resolve or is
            not an address of this machine, or listening there is not permitted.
    """
    if not LOWEST_PORT <= port <= HIGHEST_PORT:
        raise InvalidInputError(
            f"--port {port} is not allowed: give a TCP port from {LOWEST_PORT} to {HIGHEST_PORT}"
        )
    if not host.strip():
        raise InvalidInputError("--host is empty: give an IP address such as 127.0.0.1")
    family = _family_of(host, port)
    probe = socket.socket(family, socket.SOCK_STREAM)
    # As uvicorn binds: SO_REUSEADDR lets a port in TIME_WAIT be reused, not one with a listener.
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind((host, port))
    except OSError as error:
        raise InvalidInputError(_bind_failure(host, port, error)) from None
    finally:
        probe.close()
    return ServeAddress(host, port)


def _bind_failure(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is in use by another program (perhaps another revhyper "
            "serve): stop it, or choose another port with --port"
        )
    if error.errno == errno.EADDRNOTAVAIL:
        return (
            f"--host {host} is not an address of this machine: give one of its addresses, "
            "127.0.0.1 (this machine only) or 0.0.0.0 (every interface)"
        )
    if error.errno == errno.EACCES:
        return (
            f"listening on port {port} is not permitted for this user (ports below 1024 need "
            "privileges): choose a port from 1024 up, e.g. --port 8000"
        )
    return f"cannot listen on {host} port {port}: {error.strerror or error}"


def prepare_database() -> str:
    """Open the configured database and migrate it to the newest schema, once, before the
    workers start; returns its URL with any password masked.

    Raises:
        StorageError: the database cannot be reached or migrated.
    """
    url = database_url()
    engine_for(url)
    # The workers open their own engines: none of this process's connections is inherited.
    dispose_engines()
    return masked(url)
