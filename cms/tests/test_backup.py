"""`manage.py backup_db`: an online backup that stays consistent while the site writes."""

import os
import sqlite3
import subprocess
import sys
import threading
import time
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def sqlite_with_rows(path, count):
    """A SQLite file in the site's own mode (WAL) with `count` committed rows of some weight."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    db.executemany("INSERT INTO item (body) VALUES (?)", [("x" * 400,)] * count)
    db.commit()
    db.close()


class Writer(threading.Thread):
    """Inserts one row per transaction until stopped; `committed` counts rows known to be stored."""

    def __init__(self, path, start_count):
        super().__init__(daemon=True)
        self.path, self.committed, self.stop = path, start_count, threading.Event()
        self.errors = []

    def run(self):
        db = sqlite3.connect(self.path, timeout=20, isolation_level=None)
        try:
            while not self.stop.is_set():
                db.execute("BEGIN IMMEDIATE")
                db.execute("INSERT INTO item (body) VALUES (?)", ("y" * 400,))
                db.execute("COMMIT")
                self.committed += 1
        except sqlite3.Error as error:  # reported by the test, never swallowed
            self.errors.append(error)
        finally:
            db.close()


def test_a_backup_taken_while_rows_are_written_is_intact_and_holds_every_row_committed_before_it(tmp_path):
    source, target = tmp_path / "site.sqlite3", tmp_path / "kopia.sqlite3"
    sqlite_with_rows(source, 20_000)
    writer = Writer(source, 20_000)
    writer.start()
    time.sleep(0.3)
    committed_before = writer.committed
    # The real command in its own process, as cron would run it, against the live file.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "DATABASE_URL": f"sqlite:///{source}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "backup_db", str(target)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    committed_after = writer.committed
    writer.stop.set()
    writer.join(timeout=30)

    assert result.returncode == 0, result.stderr
    assert f"Säkerhetskopian är skriven till {target}" in result.stdout
    assert writer.errors == []
    assert committed_after > committed_before  # the site really was writing during the copy
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows, highest = copy.execute("SELECT count(*), max(id) FROM item").fetchone()
    copy.close()
    # One snapshot: every row committed before the backup, no gaps, nothing that was never committed.
    assert committed_before <= rows <= writer.committed
    assert highest == rows


# Committed rows, as the site's would be (serialized_rollback restores Wagtail's tree after).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_db_copies_the_sites_own_database_in_a_form_that_can_be_restored(tmp_path):
    get_user_model().objects.create_user("sakerhetskopia", password="ett-langt-losenord")
    target = tmp_path / ("insyn.sqlite3" if connection.vendor == "sqlite" else "insyn.dump")
    out = StringIO()

    call_command("backup_db", str(target), stdout=out)

    assert f"Säkerhetskopian är skriven till {target}" in out.getvalue()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(target)
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = [row[0] for row in copy.execute("SELECT username FROM auth_user")]
        copy.close()
        assert "sakerhetskopia" in names
    else:
        assert connection.vendor == "postgresql"
        listing = subprocess.run(["pg_restore", "--list", str(target)], capture_output=True, text=True)
        assert listing.returncode == 0, listing.stderr
        assert "TABLE DATA public auth_user" in listing.stdout
        assert "TABLE DATA public cms_outboxmessage" in listing.stdout
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".partial")]


def test_backup_db_refuses_to_overwrite_an_existing_file(tmp_path):
    target = tmp_path / "insyn.sqlite3"
    target.write_text("gårdagens kopia")

    with pytest.raises(CommandError, match="finns redan"):
        call_command("backup_db", str(target))

    assert target.read_text() == "gårdagens kopia"


def test_backup_db_says_so_when_the_folder_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="Mappen .* finns inte"):
        call_command("backup_db", str(tmp_path / "saknas" / "insyn.sqlite3"))
