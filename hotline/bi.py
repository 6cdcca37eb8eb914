"""Apache Superset on the PostgreSQL serving database: `make bi`, `python -m hotline bi start|stop|import`.

Superset runs from its own virtualenv (``.venv-bi``, from requirements-bi.lock, so
its dependencies never mix with the warehouse's), with its metadata and secret key
under HOTLINE_SUPERSET_HOME (default warehouse/superset), on 127.0.0.1 (port
HOTLINE_SUPERSET_PORT, default 8088). ``start`` initialises it on first use (the
metadata database, the admin user, roles), starts gunicorn and imports the
dashboard committed in bi/dashboard/ (a Superset export), pointed at the serving
database through the read-only role. The admin's password is HOTLINE_SUPERSET_PASSWORD
(a development default otherwise).
"""

from __future__ import annotations

import io
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import requests

from hotline.settings import PROJECT_DIR, duckdb_path

BI_DIR = PROJECT_DIR / "bi"
DASHBOARD_DIR = BI_DIR / "dashboard"
DATABASE_YAML = "databases/hotline_serving.yaml"
ADMIN = "admin"
DEFAULT_PASSWORD = "hotline-bi-development-password"


def venv() -> Path:
    return Path(os.environ.get("HOTLINE_BI_VENV", PROJECT_DIR / ".venv-bi"))


def home() -> Path:
    return Path(os.environ.get("HOTLINE_SUPERSET_HOME", duckdb_path().parent / "superset"))


def port() -> int:
    return int(os.environ.get("HOTLINE_SUPERSET_PORT", "8088"))


def base_url() -> str:
    return f"http://127.0.0.1:{port()}"


def admin_password() -> str:
    return os.environ.get("HOTLINE_SUPERSET_PASSWORD") or DEFAULT_PASSWORD


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "SUPERSET_CONFIG_PATH": str(BI_DIR / "superset_config.py"),
        "HOTLINE_SUPERSET_HOME": str(home()),
        "PYTHONPATH": "",
    }


def _superset(*args: str) -> None:
    result = subprocess.run(
        [str(venv() / "bin" / "superset"), *args], env=_env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"superset {args[0]} failed: {(result.stderr or result.stdout)[-2000:]}")


def initialise() -> None:
    """The metadata database, the admin user and Superset's roles, once per home folder."""
    folder = home()
    folder.mkdir(parents=True, exist_ok=True)
    key = folder / "secret_key"
    if not key.exists():
        key.touch(mode=0o600)
        key.write_text(secrets.token_urlsafe(48))
    marker = folder / ".initialised"
    if marker.exists():
        return
    _superset("db", "upgrade")
    _superset("fab", "create-admin", "--username", ADMIN, "--password", admin_password(),
              "--firstname", "Hotline", "--lastname", "Admin", "--email", "admin@localhost")  # fmt: skip
    _superset("init")
    marker.touch()


def start(timeout: float = 120) -> subprocess.Popen | None:
    """Start gunicorn with Superset on 127.0.0.1 (nothing if it already answers); wait until healthy."""
    if not (venv() / "bin" / "superset").exists():
        raise SystemExit(f"no Superset virtualenv at {venv()}: run make bi")
    initialise()
    if _healthy():
        return None
    log = open(home() / "superset.log", "a")  # noqa: SIM115 (handed to the server process)
    server = subprocess.Popen(
        [str(venv() / "bin" / "gunicorn"), "-w", "2", "--threads", "4", "-b", f"127.0.0.1:{port()}",
         "--timeout", "120", "--pid", str(home() / "gunicorn.pid"), "superset.app:create_app()"],
        env=_env(), stdout=log, stderr=subprocess.STDOUT, cwd=home(), start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"Superset exited ({server.returncode}); see {home() / 'superset.log'}")
        if _healthy():
            return server
        time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"Superset did not answer within {timeout:.0f} s; see {home() / 'superset.log'}")


def stop() -> bool:
    pid_file = home() / "gunicorn.pid"
    if not pid_file.exists():
        return False
    try:
        os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
    except (ProcessLookupError, ValueError):
        return False
    return True


def _healthy() -> bool:
    try:
        return requests.get(f"{base_url()}/health", timeout=2).status_code == 200
    except requests.RequestException:
        return False


class Api:
    """Superset's REST API as the admin (JWT, with the CSRF token its session asks for)."""

    def __init__(self):
        self.session = requests.Session()
        login = self.session.post(
            f"{base_url()}/api/v1/security/login",
            json={"username": ADMIN, "password": admin_password(), "provider": "db", "refresh": True},
            timeout=30,
        )
        login.raise_for_status()
        self.session.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        token = self.session.get(f"{base_url()}/api/v1/security/csrf_token/", timeout=30).json()["result"]
        self.session.headers.update({"X-CSRFToken": token, "Referer": base_url()})

    def call(self, method: str, path: str, **kwargs):
        response = self.session.request(method, f"{base_url()}/api/v1/{path}", timeout=120, **kwargs)
        if response.status_code >= 400:
            raise RuntimeError(f"Superset {method} {path}: {response.status_code} {response.text[:1000]}")
        return response.json() if "json" in response.headers.get("content-type", "") else response.content

    def chart_ids(self) -> dict[str, int]:
        found = self.call("GET", "chart/", params={"q": "(page_size:100)"})["result"]
        return {c["slice_name"]: c["id"] for c in found}

    def chart_rows(self, chart_id: int) -> list[dict]:
        return self.call("GET", f"chart/{chart_id}/data/", params={"format": "json"})["result"][0]["data"]


def dashboard_zip(dsn, database: str) -> bytes:
    """bi/dashboard/ as the zip Superset imports, its database pointed at the serving database."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(DASHBOARD_DIR.rglob("*.yaml")):
            relative = path.relative_to(DASHBOARD_DIR).as_posix()
            text = path.read_text(encoding="utf-8")
            uri = f"postgresql://hotline_reader:XXXXXXXXXX@{dsn.host}:{dsn.port}/{database}"
            # the connection, and each dataset's catalog (PostgreSQL's database), name this server's
            replace = {"sqlalchemy_uri:": f"sqlalchemy_uri: {uri}", "catalog:": f"catalog: {database}"}
            text = "\n".join(
                next((new for old, new in replace.items() if line.startswith(old)), line) for line in text.splitlines()
            )
            archive.writestr(f"hotline_dashboard/{relative}", text)
    return buffer.getvalue()


def import_dashboard(api: Api | None = None) -> None:
    """Import (or overwrite) the committed dashboard, reading the serving database as hotline_reader."""
    from hotline.pg_server import server
    from hotline.pg_serving import reader_password, serving_database

    api = api or Api()
    api.call(
        "POST",
        "dashboard/import/",
        files={"formData": ("hotline_dashboard.zip", dashboard_zip(server(), serving_database()), "application/zip")},
        data={"passwords": json.dumps({DATABASE_YAML: reader_password()}), "overwrite": "true"},
    )


def main(args: list[str]) -> int:
    command = args[0] if args else "start"
    if command == "start":
        start()
        import_dashboard()
        print(f"Superset: {base_url()}/superset/dashboard/hotline-bulletin/ (user {ADMIN})")
    elif command == "import":
        import_dashboard()
    elif command == "stop":
        print("stopped" if stop() else "not running")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0
