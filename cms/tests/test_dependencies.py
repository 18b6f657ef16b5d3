"""The lock files: every package, direct or indirect, pinned with its hashes, in step with the
requirements files people edit, and what `make run`, `make test` and `make audit` use."""

import re
from importlib.metadata import PackageNotFoundError, requires, version
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCKS = {"requirements.txt": "requirements.lock", "requirements-dev.txt": "requirements-dev.lock"}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def locked(lock):
    """{name: [(version, marker, hashes)]}; a package may be pinned twice under exclusive markers."""
    pins, current = {}, None
    for line in (ROOT / lock).read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = [match["version"], match["marker"] and Marker(match["marker"]), []]
            pins.setdefault(canonicalize_name(match["name"]), []).append(current)
        elif line.strip().startswith("--hash=sha256:") and current:
            current[2].append(line.strip())
    return pins


def for_this_python(entries):
    return [entry for entry in entries if entry[1] is None or entry[1].evaluate()]


def requirements(path):
    """The requirement lines of a requirements file and of the files it includes with -r."""
    found = []
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            found += requirements(line[3:].strip())
        elif line:
            found.append(Requirement(line))
    return found


@pytest.mark.parametrize("source, lock", sorted(LOCKS.items()))
def test_every_package_of_the_lock_is_pinned_with_hashes(source, lock):
    pins = locked(lock)

    assert len(pins) > len(requirements(source)), "the lock has the indirect dependencies too"
    assert all(entry[2] for entries in pins.values() for entry in entries), "a pin without --hash"


@pytest.mark.parametrize("source, lock", sorted(LOCKS.items()))
def test_the_lock_satisfies_the_requirements_people_edit(source, lock):
    pins = locked(lock)
    stale = []
    for requirement in requirements(source):
        entries = for_this_python(pins.get(canonicalize_name(requirement.name), []))
        if not entries or not requirement.specifier.contains(entries[0][0], prereleases=True):
            stale.append(str(requirement))
        # psycopg[binary] needs psycopg-binary in the lock too.
        stale += [f"{requirement} ({dep.name})" for dep in extra_requirements(requirement)
                  if canonicalize_name(dep.name) not in pins]
    assert not stale, f"{lock} does not satisfy {source}: run `make lock`. {stale}"


def extra_requirements(requirement):
    for extra in requirement.extras:
        for text in requires(requirement.name) or []:
            dep = Requirement(text)
            if dep.marker and dep.marker.evaluate({"extra": extra}) and not dep.marker.evaluate({"extra": ""}):
                yield dep


def test_the_runtime_and_the_test_lock_pin_the_same_versions():
    runtime, dev = locked("requirements.lock"), locked("requirements-dev.lock")

    differing = {name: (runtime[name], dev.get(name)) for name in runtime
                 if [e[0] for e in runtime[name]] != [e[0] for e in dev.get(name, [])]}

    assert not differing


def test_the_running_environment_is_the_locked_one():
    wrong = []
    for name, entries in locked("requirements-dev.lock").items():
        for pinned, _marker, _hashes in for_this_python(entries):
            try:
                installed = version(name)
            except PackageNotFoundError:
                installed = None
            if installed != pinned:
                wrong.append(f"{name}: locked {pinned}, installed {installed}")
    assert not wrong


def test_make_installs_and_audits_the_lock_files():
    makefile = (ROOT / "Makefile").read_text()
    audit = (ROOT / "scripts" / "audit.sh").read_text()

    assert "pip install --quiet --require-hashes -r requirements.lock" in makefile
    assert "pip install --quiet --require-hashes -r requirements-dev.lock" in makefile
    assert not re.search(r"pip install[^\n]*-r requirements(-dev)?\.txt", makefile)
    assert "-r requirements.lock -r requirements-dev.lock" in audit
