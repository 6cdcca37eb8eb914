"""A dbt-duckdb plugin: hands the phone salt to every dbt connection as a session variable.

The salt of ``caller_phone_hash`` is a secret: it must not be compiled into SQL,
which dbt writes to ``target/`` (compiled and run SQL, the manifest, run results)
and to its log. So no model or var holds it. This plugin (profiles.yml, dev target)
reads ``HOTLINE_PHONE_SALT`` when dbt opens a connection and sets it as the DuckDB
variable ``phone_salt``, which the ``phone_salt()`` macro reads; the value travels
as a bound parameter, so any salt works, quotes included.
"""

from __future__ import annotations

from dbt.adapters.duckdb.plugins import BasePlugin

from hotline.settings import phone_salt


class Plugin(BasePlugin):
    def configure_connection(self, conn) -> None:
        conn.execute("set variable phone_salt = ?", [phone_salt()])

    def configure_cursor(self, cursor) -> None:
        # each of dbt's threads works on a cursor, a session of its own: set it there too
        cursor.execute("set variable phone_salt = ?", [phone_salt()])
