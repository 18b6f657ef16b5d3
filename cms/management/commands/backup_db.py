"""`manage.py backup_db <path>`: an online backup, consistent while the site keeps writing.

SQLite is copied with the sqlite3 backup API in one step (in WAL mode a reader never blocks
the writers, and the copy is one snapshot); PostgreSQL with `pg_dump --format=custom`, which
reads one snapshot in a single transaction. The copy is written beside the target under a
temporary name and linked into place only when complete, so a half-written file never
carries the backup's name, and an existing file is never overwritten.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from glob import glob
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections


def find_pg_dump():
    """Debian's wrapper in PATH, otherwise the newest server's own binary."""
    found = shutil.which("pg_dump")
    if found:
        return found
    candidates = sorted(glob("/usr/lib/postgresql/*/bin/pg_dump"), key=lambda p: int(Path(p).parts[4]))
    if candidates:
        return candidates[-1]
    raise CommandError("pg_dump saknas. Installera PostgreSQL-klienten (Debian: postgresql-client).")


def backup_sqlite(connection, partial):
    if connection.in_atomic_block:
        # The copy would wait forever for this connection's own open transaction.
        raise CommandError("backup_db kan inte köras inuti en öppen transaktion.")
    connection.ensure_connection()
    target = sqlite3.connect(partial)
    try:
        # pages=-1 (the default) copies everything in one step: one consistent snapshot.
        connection.connection.backup(target)
        result = target.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        target.close()
    return result


def backup_postgresql(connection, partial):
    from django.db.backends.postgresql.client import DatabaseClient

    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, [])
    command = [find_pg_dump(), "--format=custom", "--no-password", f"--file={partial}", *args[1:]]
    result = subprocess.run(command, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandError(f"pg_dump misslyckades ({result.returncode}): {result.stderr.strip()}")
    return None


class Command(BaseCommand):
    help = (
        "Gör en säkerhetskopia av databasen medan webbplatsen körs: SQLite med backup-API:t, "
        "PostgreSQL med pg_dump (eget format). Skriver aldrig över en befintlig fil."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Filen som ska skapas, till exempel /var/backups/insyn-2026-11-24.sqlite3")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Databasalias (standard: default).")

    def handle(self, *args, path, database, **options):
        target = Path(path).expanduser().absolute()
        if target.exists():
            raise CommandError(f"Filen {target} finns redan. Välj ett nytt filnamn; en befintlig kopia skrivs aldrig över.")
        if not target.parent.is_dir():
            raise CommandError(f"Mappen {target.parent} finns inte.")
        connection = connections[database]
        vendor = connection.vendor
        if vendor not in ("sqlite", "postgresql"):
            raise CommandError(f"Databasen {vendor} stöds inte: backup_db kan kopiera SQLite och PostgreSQL.")

        handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        os.close(handle)
        os.unlink(partial)  # sqlite3 and pg_dump create the file themselves
        try:
            integrity = backup_sqlite(connection, partial) if vendor == "sqlite" else backup_postgresql(connection, partial)
            if integrity is not None and integrity != "ok":
                raise CommandError(f"Kopian klarade inte integritetskontrollen: {integrity}")
            try:
                # link() fails if the name was taken meanwhile: never overwrite.
                os.link(partial, target)
            except FileExistsError:
                raise CommandError(f"Filen {target} skapades av någon annan under kopieringen. Välj ett nytt filnamn.")
        finally:
            if os.path.exists(partial):
                os.unlink(partial)

        size = target.stat().st_size / 1_000_000
        kind = "SQLite, integritetskontroll: ok" if vendor == "sqlite" else "PostgreSQL, pg_dump eget format"
        self.stdout.write(f"Säkerhetskopian är skriven till {target} ({kind}, {size:.1f} MB).")
