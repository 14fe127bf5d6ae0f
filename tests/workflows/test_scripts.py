"""The repository's scripts: only `scripts/test` installs the test tools; the others get what `jam` needs."""

from __future__ import annotations

import os
import subprocess

from tests.helpers import ROOT
from tests.helpers.example import FOLDERS

SCRIPTS = ROOT / "scripts"


def test_only_the_test_script_asks_for_the_test_extras() -> None:
    assert "JAMKIT_EXTRAS=test source" in (SCRIPTS / "test").read_text(encoding="utf-8")
    for name in ("serve", "build", "bootstrap"):
        text = (SCRIPTS / name).read_text(encoding="utf-8")
        assert "_venv.sh" in text and "JAMKIT_EXTRAS" not in text, name


def test_the_venv_script_installs_no_extras_unless_asked_and_reuses_a_test_venv(tmp_path) -> None:
    """Run _venv.sh's decision with a stand-in python, without touching PyPI: what would it install?"""
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    (root / "scripts/_venv.sh").write_text((SCRIPTS / "_venv.sh").read_text(encoding="utf-8"))
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    log = tmp_path / "pip.log"
    fake = tmp_path / "bin" / "python3"
    fake.parent.mkdir()
    # A stand-in for python: `-m venv DIR` makes DIR/bin/python (itself); `-m pip install ...` is logged.
    fake.write_text(
        "#!/bin/sh\n"
        'if [ "$2" = venv ]; then mkdir -p "$3/bin"; cp "$0" "$3/bin/python"; exit 0; fi\n'
        f'if [ "$2" = pip ]; then echo "$@" >> {log}; fi\n'
        "exit 0\n"
    )
    fake.chmod(0o755)

    def run(extras: str | None) -> str:
        env = {**os.environ, "PYTHON": str(fake)}
        env.pop("JAMKIT_EXTRAS", None)
        if extras is not None:
            env["JAMKIT_EXTRAS"] = extras
        log.write_text("")
        subprocess.run(["bash", "-c", "source scripts/_venv.sh"], cwd=root, env=env, check=True, capture_output=True)
        return log.read_text()

    assert run(None).splitlines()[-1].endswith("install --quiet --disable-pip-version-check -e .")
    assert run("test").splitlines()[-1].endswith("-e .[test]")
    assert run(None) == ""  # a .venv with the test extras also serves `jam` and the site: nothing to install


def test_the_repository_tracks_no_symbolic_link() -> None:
    """A link committed by mistake (a local node_modules shortcut) replaces the real folder on every clone."""
    listed = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert [line.split("\t", 1)[1] for line in listed.splitlines() if line.startswith("120000 ")] == []


def test_refresh_corpus_copies_the_example_folders_and_keeps_the_corpus_when_one_is_gone(tmp_path) -> None:
    """A programme that deleted its examples must not wipe the corpus its tests read by refreshing it."""
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    (root / "scripts/refresh-corpus").write_text((SCRIPTS / "refresh-corpus").read_text(encoding="utf-8"))
    for folder in FOLDERS:
        (root / folder).mkdir()
        (root / folder / "new.md").write_text(folder)
    (root / "tests/data/example/sprints").mkdir(parents=True)
    (root / "tests/data/example/sprints/gone.md").write_text("stale")
    done = subprocess.run(["bash", "scripts/refresh-corpus"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    copied = sorted(p.relative_to(root / "tests/data/example").as_posix() for p in root.rglob("tests/data/**/*.md"))
    assert copied == sorted(f"{folder}/new.md" for folder in FOLDERS)

    (root / "lab/new.md").unlink()
    (root / "lab").rmdir()
    done = subprocess.run(["bash", "scripts/refresh-corpus"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 2
    assert "there is no lab/ at the repository's root, so the corpus stays as it is" in done.stderr
    assert (root / "tests/data/example/lab/new.md").read_text() == "lab"


def test_refresh_corpus_copies_the_folders_the_tests_read_as_example_content() -> None:
    line = next(x for x in (SCRIPTS / "refresh-corpus").read_text().splitlines() if x.startswith("FOLDERS=("))
    assert tuple(line.split("(", 1)[1].split(")", 1)[0].split()) == FOLDERS
