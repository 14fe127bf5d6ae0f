"""jamkit apart from this repository: its wheel, installed with no checkout around it, starts and builds a programme.

One wheel per session, built offline (``--no-deps --no-build-isolation`` with the
setuptools of the test extra) from a copy of the sources, installed into a fresh
virtual environment that borrows the dependencies of the one running the tests
through a ``.pth`` line (which does not bring this checkout's editable install).
"""

from __future__ import annotations

import os
import re
import shutil
import site
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from jamkit import __version__
from jamkit.upkeep.programme.answers import ProgrammeError
from jamkit.upkeep.programme.source import TEMPLATE, released_template
from tests.helpers.language import english_left
from tests.site.sitekit import Site

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DATA = (
    "jamkit/site/theme/main.html",
    "jamkit/site/theme/partials/header.html",
    "jamkit/site/templates/project.html",
    "jamkit/site/assets/jamkit.css",
    "jamkit/upkeep/programme/template/copier.yml",
    "jamkit/upkeep/programme/template/mkdocs.yml.jinja",
    "jamkit/upkeep/programme/template/requirements.txt.jinja",
    "jamkit/upkeep/programme/template/.gitignore",
    "jamkit/upkeep/programme/template/.github/workflows/verify.yml",
    "jamkit/upkeep/programme/template/.github/ISSUE_TEMPLATE/config.yml.jinja",
    "jamkit/upkeep/programme/template/{{ _copier_conf.answers_file }}.jinja",
    "jamkit/upkeep/programme/template/docs/submit.md.jinja",
    "jamkit/upkeep/programme/example/sprints/example-sprint.md",
)


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command as a user runs it: no PYTHONPATH pointing into this checkout."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built once as the release builds it: from the sdist of a copy of the sources (so both hold the
    package data), writing nothing into this checkout."""
    sources = tmp_path_factory.mktemp("sources")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, sources / name)
    shutil.copytree(ROOT / "src", sources / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-c", f"from setuptools import build_meta; build_meta.build_sdist({str(dist)!r})", cwd=sources)
    [sdist] = dist.glob("*.tar.gz")
    unpacked = tmp_path_factory.mktemp("sdist")
    with tarfile.open(sdist) as archive:
        archive.extractall(unpacked, filter="data")
    [tree] = unpacked.iterdir()
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", dist, tree,
        cwd=tree)  # fmt: skip
    [built] = dist.glob("*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; its dependencies come from the test environment."""
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv)
    [packages] = venv.glob("lib/python*/site-packages")
    (packages / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet", "--no-deps",
        "--no-index", wheel, cwd=venv)  # fmt: skip
    return venv


def test_the_wheel_is_jamkit_sprints_with_its_package_data(wheel: Path) -> None:
    assert wheel.name == f"jamkit_sprints-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"jamkit_sprints-{__version__}.dist-info/METADATA").decode()
        entry_points = archive.read(f"jamkit_sprints-{__version__}.dist-info/entry_points.txt").decode()
    assert set(PACKAGE_DATA) <= names, set(PACKAGE_DATA) - names
    assert "Name: jamkit-sprints" in metadata and "Requires-Dist: copier==" in metadata
    assert (
        "jam = jamkit.cli.main:main" in entry_points
        and "jamkit = jamkit.site.build.plugin:JamkitPlugin" in entry_points
    )
    assert not any(name.startswith(("tests/", "sprints/", "submissions/", "docs/")) for name in names)


def test_the_installed_wheel_starts_a_programme_that_checks_and_builds(installed: Path, tmp_path: Path) -> None:
    python, jam = installed / "bin" / "python", installed / "bin" / "jam"
    where = run(python, "-c", "import jamkit; print(jamkit.__file__)", cwd=tmp_path).stdout.strip()
    assert where.startswith(str(installed)), where  # the wheel's jamkit, not this checkout's
    # A programme in Brazilian Portuguese (issue 24): its pages carry its name and no English word of jamkit's.
    run(jam, "init", "sprints", "--yes", "--name", "Wheel Sprints", "--repo", "wheel-org/sprints",
        "--language", "pt-BR", cwd=tmp_path)  # fmt: skip
    programme = tmp_path / "sprints"
    run(jam, "new", "sprint", "first-sprint", "--title", "First Sprint", "--starts", "2026-03-13T17:00:00+00:00",
        "--ends", "2026-03-15", cwd=programme)  # fmt: skip
    sprint = programme / "sprints/first-sprint.md"
    front, _ = sprint.read_text(encoding="utf-8").rsplit("---\n", 1)
    sprint.write_text(front + "---\nFirst body.\n", encoding="utf-8")
    run(jam, "new", "submission", "first-sprint", "first-project", "--title", "A First Project",
        "--member", "Ada Lovelace:ada", "--abstract", "We asked a question and answered it.",
        "--report-url", "https://example.org/report.pdf", cwd=programme)  # fmt: skip
    project = programme / "submissions/first-sprint/first-project.md"
    front, _ = project.read_text(encoding="utf-8").rsplit("---\n", 1)
    project.write_text(front + "---\n## Summary\n\nWhat we did and found.\n", encoding="utf-8")
    assert "all good" in run(jam, "check", cwd=programme).stdout
    run(python, "-m", "mkdocs", "build", "--strict", "--site-dir", tmp_path / "site", cwd=programme)
    page = (tmp_path / "site/projects/first-sprint/first-project/index.html").read_text(encoding="utf-8")
    assert "A First Project" in page and "Wheel Sprints" in page
    assert (tmp_path / "site/pagefind/pagefind.js").is_file()
    built = Site(tmp_path / "site")
    home = built.content("").text
    assert "Sprints de pesquisa organizados por wheel-org" in home and "Research sprints run by" not in home
    content = ("First Sprint", "First body.", "A First Project", "Ada Lovelace", "We asked a question and answered it.",
               "What we did and found.", "Wheel Sprints", "wheel-org", "CC-BY-4.0", "@misc")  # fmt: skip
    for url in ("sprints/first-sprint/", "projects/first-sprint/first-project/"):
        text = re.sub(r"https?://\S+", " ", built.content(url).text)  # (addresses are not words)
        for words in content:
            text = text.replace(words, " ")
        assert english_left(text) == {}, url


def test_an_older_release_s_template_comes_from_its_wheel(
    wheel: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`jam upgrade` merges against the template of the release a programme was made with, fetched by pip."""
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(wheel.parent))  # the index, for this test: the wheel built above
    fetched = released_template(__version__, tmp_path / "fetched")
    ours = {str(p.relative_to(TEMPLATE)): p.read_bytes() for p in TEMPLATE.rglob("*") if p.is_file()}
    assert {str(p.relative_to(fetched)): p.read_bytes() for p in fetched.rglob("*") if p.is_file()} == ours


def test_without_the_older_release_the_upgrade_says_why_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    with pytest.raises(ProgrammeError, match=r"cannot fetch jamkit-sprints==0\.0\.1, .*connect to PyPI"):
        released_template("0.0.1", tmp_path)
