"""The programme template as copier reads it: a git repository with one tagged commit per jamkit version.

Copier's three-way update renders the template at the version a programme was
made with and at the new one, so it needs both as git tags. The installed
jamkit carries only its own template (``TEMPLATE``); an older release's comes
from that release's wheel, fetched with pip (``released_template``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from packaging.version import InvalidVersion, Version

from jamkit.files.git.change import GitError, git
from jamkit.upkeep.programme.answers import SOURCE, ProgrammeError

TEMPLATE = Path(str(resources.files("jamkit.upkeep.programme") / "template"))
IDENTITY = ("-c", "user.name=jamkit", "-c", "user.email=jamkit@localhost", "-c", "commit.gpgsign=false")
WHEEL_TEMPLATE = "jamkit/upkeep/programme/template/"


def tag(version: str) -> str:
    return f"v{version}"


def _order(version: str) -> Version:
    try:
        return Version(version)
    except InvalidVersion:
        raise ProgrammeError(f"{version!r} is not a jamkit version (e.g. 0.1.0)") from None


def template_repository(versions: Mapping[str, Path], into: Path) -> Path:
    """A git repository at ``into`` holding each version's template as a commit tagged ``v<version>``, oldest first."""
    into.mkdir(parents=True, exist_ok=True)
    try:
        git(into, "init", "-q", "-b", "main")
    except GitError as err:
        raise ProgrammeError(f"jamkit renders its template with git, which failed ({err}); install git") from None
    for version in sorted(versions, key=_order):
        for old in into.iterdir():
            if old.name != ".git":
                shutil.rmtree(old) if old.is_dir() else old.unlink()
        shutil.copytree(versions[version], into, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        git(into, "add", "-A")
        git(into, *IDENTITY, "commit", "-q", "--allow-empty", "-m", f"jamkit {version}")
        git(into, "tag", tag(version))
    return into


def released_template(version: str, into: Path) -> Path:
    """An older release's template, from its wheel (``pip download``); a refusal saying how to proceed if offline."""
    wheels = into / "wheel"
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:"]
    done = subprocess.run(
        [*command, "--dest", str(wheels), f"{SOURCE}=={version}"], capture_output=True, text=True, check=False
    )
    found = sorted(wheels.glob("*.whl")) if wheels.is_dir() else []
    if done.returncode != 0 or not found:
        reason = (done.stderr.strip().splitlines() or ["no wheel"])[-1]
        raise ProgrammeError(
            f"cannot fetch {SOURCE}=={version}, the jamkit this programme was made with, to merge your edits "
            f"against ({reason}); connect to PyPI and run jam upgrade again"
        )
    template = into / "template"
    with zipfile.ZipFile(found[0]) as wheel:
        for member in wheel.namelist():
            inside = member.removeprefix(WHEEL_TEMPLATE)
            if member.startswith(WHEEL_TEMPLATE) and not member.endswith("/") and ".." not in Path(inside).parts:
                target = template / inside
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(wheel.read(member))
    return template
