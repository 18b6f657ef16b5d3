"""What every benchmark writes beside its numbers: the machine, the date and the versions,
and where the table is saved (bench/results/<name>-<date>.txt)."""

import os
import platform
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def header(title):
    return [
        f"# {title} — {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"# {platform.node()} {platform.machine()}, {os.cpu_count()} kärnor, Python {platform.python_version()}, "
        f"Django {version('django')}, Wagtail {version('wagtail')}, wagtail-modeladmin {version('wagtail-modeladmin')}",
    ]


def save(name, lines):
    text = "\n".join(lines)
    print(text)
    out = ROOT / "bench" / "results" / f"{name}-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}.txt"
    out.write_text(text + "\n", encoding="utf-8")
    print(f"\nSparat i {out.relative_to(ROOT)}")
