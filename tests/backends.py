"""The two backends every storage-facing test runs on: SQLite (a file) and PostgreSQL (a real server on 127.0.0.1).

The server is the one named by ``$NEWSPRISM_TEST_POSTGRES`` (``.ci/run`` starts Debian's PostgreSQL and sets it), or
else one this session starts itself with the PostgreSQL binaries it finds (``initdb``/``pg_ctl``, as the ``postgres``
user when the tests run as root), in a temporary folder, on a free port, stopped at the end. Where neither can be
had, the PostgreSQL cases skip with a loud reason, unless ``$NEWSPRISM_REQUIRE_POSTGRES`` is set: then they fail.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

BACKENDS = ("sqlite", "postgresql")


def _binaries() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def own_server() -> Iterator[str]:
    """A PostgreSQL server of this test session's own, on 127.0.0.1; yields its URL."""
    bin_dir = _binaries()
    if bin_dir is None:
        raise RuntimeError("no PostgreSQL binaries (pg_ctl, initdb) on this machine: apt-get install postgresql")
    as_user: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="newsprism-pg-"))
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: its own user runs it
        if shutil.which("runuser") is None or subprocess.run(["id", "postgres"], capture_output=True).returncode:
            raise RuntimeError("running as root and there is no 'postgres' user to run a PostgreSQL server as")
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()
    subprocess.run(
        [*as_user, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"],
        check=True,
        capture_output=True,
    )
    opts = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=200"
    subprocess.run(
        [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(folder / "log"), "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def with_database(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + "/" + name


class Databases:
    """Fresh, empty databases on one server, dropped at the end."""

    def __init__(self, server: str) -> None:
        import psycopg

        self.server = server
        self.admin = psycopg.connect(server, autocommit=True)
        self.names: list[str] = []

    def new(self) -> str:
        name = "t_" + uuid.uuid4().hex[:12]
        self.admin.execute(f'CREATE DATABASE "{name}" LOCALE "C" TEMPLATE template0')
        self.names.append(name)
        return with_database(self.server, name)

    def drop_all(self) -> None:
        for name in self.names:
            with contextlib.suppress(Exception):
                self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.close()


def postgres_databases() -> Iterator[Databases | str]:
    """The session's PostgreSQL databases, or the reason there are none."""
    url = os.environ.get("NEWSPRISM_TEST_POSTGRES")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        yield "psycopg is not installed (pip install -e '.[dev]')"
        return
    if url:
        dbs = Databases(url)
        yield dbs
        dbs.drop_all()
        return
    try:
        server = own_server()
        started = server.__enter__()
    except (RuntimeError, subprocess.CalledProcessError, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        yield f"cannot start a PostgreSQL server: {exc} {detail.decode(errors='replace')[-300:]}".strip()
        return
    try:
        dbs = Databases(started)
        yield dbs
        dbs.drop_all()
    finally:
        server.__exit__(None, None, None)


def need(found: Databases | str) -> Databases:
    if isinstance(found, str):
        message = f"PostgreSQL NOT TESTED: {found}"
        if os.environ.get("NEWSPRISM_REQUIRE_POSTGRES"):
            pytest.fail(message + " ($NEWSPRISM_REQUIRE_POSTGRES is set)")
        pytest.skip(message)
    return found


def database_factory(backend: str, folder: Path, found: Databases | str) -> Callable[[str], str]:
    """``make(name)``: a new empty database for ``backend`` (an SQLite file in ``folder``, or a PostgreSQL URL)."""
    if backend == "sqlite":
        return lambda name: str(folder / f"{name}.db")
    dbs = need(found)
    return lambda name: dbs.new()
