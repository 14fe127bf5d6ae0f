"""`jam init` makes a programme that passes `jam check`, a strict build and the workflow linters as it is;
`jam upgrade` moves the files jamkit owns to a newer template, keeping the programme's edits and its content.

One `jam init --example` per module (``programme``); each upgrade test works on a committed copy of it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from jamkit import __version__
from jamkit.cli.commands import upgrade as upgrade_command
from jamkit.cli.main import main
from jamkit.files.layout import CONTENT_DIRS
from jamkit.upkeep.programme.answers import Answers
from jamkit.upkeep.programme.init import make_programme
from jamkit.upkeep.programme.source import TEMPLATE
from tests.helpers.git import git, git_as_tester
from tests.helpers.workflows import actionlint, zizmor

ROOT = Path(__file__).resolve().parents[2]
Jam = Callable[..., tuple[int, str, str]]
NAME, ORGANISATION, REPO = "Open Evals Sprints", "Evals Collective", "evals-collective/sprints"
# What this repository's own workflows say where a programme's differ: it installs the pinned jamkit, not a checkout.
PROGRAMME_INSTALLS = {
    "run: python -m pip install --disable-pip-version-check .": (
        "run: python -m pip install --disable-pip-version-check -r requirements.txt"
    ),
    "- name: Install jamkit (the pull request's version)": "- name: Install jamkit (the version the pull request pins)",
    "- name: Install jamkit from the default branch": "- name: Install jamkit (the version the default branch pins)",
    "run: scripts/build site": "run: mkdocs build --strict --site-dir site",
    "(.cache/jamkit, see docs/performance.md)": "(.cache/jamkit, see jamkit's performance notes)",
    "indexes the built pages inside scripts/build;": "indexes the built pages inside the build;",
}
WORKFLOWS = ("announce.yml", "check.yml", "publish.yml", "verify.yml")


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One programme made by the real `jam init --yes --example`, never changed by a test."""
    folder = tmp_path_factory.mktemp("made") / "evals-sprints"
    code = main(["init", str(folder), "--yes", "--example", "--name", NAME, "--organisation", ORGANISATION,
                 "--repo", REPO])  # fmt: skip
    assert code == 0
    return folder


@pytest.fixture
def committed(programme: Path, tmp_path: Path) -> Path:
    """A copy of the programme as its maintainers would have it: committed to git."""
    folder = tmp_path / "programme"
    shutil.copytree(programme, folder)
    git(folder, "add", "-A")
    git_as_tester(folder, "commit", "-qm", "Start the programme")
    return folder


def run_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *args], cwd=folder, capture_output=True, text=True, env=env, check=False)


def test_the_programme_has_every_file_worded_for_it(programme: Path) -> None:
    files = {str(p.relative_to(programme)) for p in programme.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert {
        "mkdocs.yml", "README.md", "requirements.txt", ".copier-answers.yml", ".gitignore",
        ".github/CODEOWNERS", ".github/pull_request_template.md", ".github/ISSUE_TEMPLATE/config.yml",
        "docs/submit.md", "docs/judging.md", "docs/maintainers.md", "docs/policies.md",
        *(f".github/workflows/{name}" for name in WORKFLOWS),
    } <= files  # fmt: skip
    assert not any(f.startswith(("src/", "tests/", "scripts/")) for f in files)
    assert (programme / "requirements.txt").read_text().splitlines()[-1] == f"jamkit-sprints=={__version__}"
    assert "* " in (owners := (programme / ".github/CODEOWNERS").read_text()) and "@evals-collective" in owners
    assert (programme / ".git").is_dir()
    readme = (programme / "README.md").read_text()
    assert readme.startswith(f"# {NAME}\n") and "mkdocs serve" in readme and "jam check" in readme
    guides = " ".join((programme / "docs" / name).read_text() for name in ("submit.md", "judging.md", "maintainers.md"))
    assert NAME in guides and REPO in guides
    everything = " ".join((programme / f).read_text() for f in files if not f.startswith(("sprints/", "submissions/")))
    for foreign in ("AI Safety", "AI safety", "example-org", "jamkit/jamkit", "src/jamkit", "scripts/", "demo-sprint"):
        assert foreign not in everything, foreign


def test_mkdocs_yml_sets_the_plugin_and_the_programme_s_words(programme: Path) -> None:
    config = (programme / "mkdocs.yml").read_text()
    config = re.sub(r"!ENV \[\w+, (\"[^\"]*\")\]", r"\1", config)  # the tag needs MkDocs' loader; the default is enough
    data = yaml.safe_load(config)
    [jamkit] = [p["jamkit"] for p in data["plugins"] if isinstance(p, dict) and "jamkit" in p]
    assert jamkit["name"] == NAME and data["site_name"] == NAME
    assert jamkit["organisation"] == {"name": ORGANISATION, "url": "https://github.com/evals-collective"}
    assert {"tagline", "introduction", "contact", "code_of_conduct", "privacy", "content_licence"} <= set(jamkit)
    assert data["repo_url"] == f"https://github.com/{REPO}" and data["theme"]["language"] == "en"


def test_the_workflows_are_this_repository_s_installing_the_pinned_jamkit(programme: Path) -> None:
    """One set of workflows: the programme's are this repository's with the install step changed, nothing else."""
    for name in WORKFLOWS:
        ours = (ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8")
        for said, programme_says in PROGRAMME_INSTALLS.items():
            ours = ours.replace(said, programme_says)
        assert (programme / ".github" / "workflows" / name).read_text(encoding="utf-8") == ours, name


def test_jam_check_and_a_strict_build_pass_as_it_is(programme: Path, tmp_path: Path) -> None:
    checked = run_in(programme, "-m", "jamkit.cli.main", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run_in(programme, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert NAME in home
    assert "An Example Project" in (tmp_path / "site/projects/example-sprint/example-project/index.html").read_text()
    assert (tmp_path / "site" / "submit" / "index.html").is_file()


def test_zizmor_and_actionlint_find_nothing_in_its_workflows(programme: Path) -> None:
    workflows = programme / ".github" / "workflows"
    done = zizmor(workflows)
    assert done.returncode == 0 and "No findings" in done.stdout, done.stdout + done.stderr
    found = actionlint(*sorted(workflows.glob("*.yml")))
    assert len(found) == len(WORKFLOWS) and {path: errors for path, errors in found.items() if errors} == {}


def test_a_non_empty_folder_is_refused_and_left_alone(tmp_path: Path, run_jam: Jam) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    code, _, err = run_jam("init", str(tmp_path), "--yes", "--repo", "a/b")
    assert code == 2 and "Traceback" not in err
    assert f"jam init: {tmp_path} is not empty" in err and "new or empty folder" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_bad_flags_are_all_named_at_once(tmp_path: Path, run_jam: Jam) -> None:
    code, _, err = run_jam("init", str(tmp_path / "new"), "--yes", "--language", "english")
    assert code == 2
    assert "missing --repo OWNER/NAME" in err and "--language: 'english' is not a language code" in err
    assert not (tmp_path / "new").exists()


def test_a_language_the_theme_has_no_words_for_is_refused_before_it_breaks_every_build(
    tmp_path: Path, run_jam: Jam
) -> None:
    code, _, err = run_jam("init", str(tmp_path / "new"), "--yes", "--repo", "a/b", "--language", "pt-PT")
    assert code == 2 and "--language: the site has no words in 'pt-PT'; did you mean pt or pt-BR?" in err
    assert not (tmp_path / "new").exists()


def test_a_name_with_quotes_and_colons_stays_one_yaml_string(tmp_path: Path) -> None:
    name = 'Sprints: "quoted" & #1'
    assert main(["init", str(tmp_path / "q"), "--yes", "--repo", "a/b", "--name", name]) == 0
    config = re.sub(r"!ENV \[\w+, (\"[^\"]*\")\]", r"\1", (tmp_path / "q/mkdocs.yml").read_text(encoding="utf-8"))
    data = yaml.safe_load(config)
    assert data["site_name"] == name and data["plugins"][1]["jamkit"]["name"] == name


# -- jam upgrade ------------------------------------------------------------------------------------------------


def newer_template(tmp_path: Path, change: Callable[[str], str], name: str = "check.yml") -> dict[str, Path]:
    """The installed template as jamkit 0.1.0, and a jamkit 9.9.9 whose workflow ``name`` is changed."""
    newer = tmp_path / "template-9.9.9"
    shutil.copytree(TEMPLATE, newer)
    path = newer / ".github" / "workflows" / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return {__version__: TEMPLATE, "9.9.9": newer}


def longer_timeout(text: str) -> str:
    return text.replace("timeout-minutes: 15\n", "timeout-minutes: 20\n", 1)


def upgrade(
    folder: Path, capsys: pytest.CaptureFixture[str], *, check: bool, templates: dict[str, Path]
) -> tuple[int, str, str]:
    code = upgrade_command.run(str(folder), check=check, version="9.9.9", templates=templates)
    out, err = capsys.readouterr()
    return code, out, err


def test_check_says_up_to_date_and_notices_an_edited_workflow(committed: Path, run_jam: Jam) -> None:
    assert run_jam("--root", str(committed), "upgrade", "--check")[:2] == (
        0,
        f"Up to date with jamkit {__version__}.\n",
    )
    workflow = committed / ".github/workflows/verify.yml"
    workflow.write_text(workflow.read_text().replace("persist-credentials: false", "persist-credentials: true"))
    code, out, _ = run_jam("--root", str(committed), "upgrade", "--check")
    assert code == 1 and "Edited by hand" in out and ".github/workflows/verify.yml" in out


def test_upgrade_brings_the_new_workflow_and_pin_and_keeps_the_programme_s_edits(
    committed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = newer_template(tmp_path, longer_timeout)
    check = committed / ".github/workflows/check.yml"
    own = check.read_text().replace("retention-days: 7", "retention-days: 30")  # the programme's own edit
    check.write_text(own)
    (committed / "mkdocs.yml").write_text((committed / "mkdocs.yml").read_text() + "# ours\n")
    sprint = committed / "sprints/example-sprint.md"
    git_as_tester(committed, "commit", "-qam", "Our edits")
    before = sprint.read_bytes()

    code, out, _ = upgrade(committed, capsys, check=True, templates=templates)
    assert code == 1 and "-    timeout-minutes: 15\n+    timeout-minutes: 20" in out and "Out of date" in out
    assert check.read_text() == own  # --check writes nothing

    code, out, err = upgrade(committed, capsys, check=False, templates=templates)
    assert (code, err) == (0, "")
    assert "+jamkit-sprints==9.9.9" in out and "Upgraded from jamkit" in out
    text = check.read_text()
    assert "timeout-minutes: 20" in text and "retention-days: 30" in text  # jamkit's change and ours, both
    assert (committed / "requirements.txt").read_text().splitlines()[-1] == "jamkit-sprints==9.9.9"
    assert "_commit: v9.9.9" in (committed / ".copier-answers.yml").read_text()
    assert (committed / "mkdocs.yml").read_text().endswith("# ours\n") and sprint.read_bytes() == before
    changed = git(committed, "status", "--porcelain").split("\n")
    assert {line.split()[-1] for line in changed if line} == {
        ".copier-answers.yml", ".github/workflows/check.yml", "requirements.txt"
    }  # fmt: skip


def test_upgrade_refuses_an_edit_that_overlaps_jamkit_s_change_and_writes_nothing(
    committed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = newer_template(tmp_path, longer_timeout)
    check = committed / ".github/workflows/check.yml"
    check.write_text(check.read_text().replace("timeout-minutes: 15\n", "timeout-minutes: 25\n", 1))
    git_as_tester(committed, "commit", "-qam", "A longer timeout of our own")
    head = git(committed, "rev-parse", "HEAD")
    code, _, err = upgrade(committed, capsys, check=False, templates=templates)
    assert code == 2 and "Traceback" not in err
    assert "your edits to .github/workflows/check.yml overlap jamkit 9.9.9's changes" in err
    assert "nothing was written" in err and "jam upgrade --check shows where" in err
    assert git(committed, "status", "--porcelain") == "" and git(committed, "rev-parse", "HEAD") == head
    code, out, _ = upgrade(committed, capsys, check=True, templates=templates)
    assert code == 1 and "Overlapping: your edits to .github/workflows/check.yml" in out
    assert "+<<<<<<< " in out and "timeout-minutes: 25" in out and "timeout-minutes: 20" in out
    assert git(committed, "status", "--porcelain") == ""


def test_upgrade_refuses_uncommitted_changes_and_a_folder_not_made_by_jam_init(
    committed: Path, tmp_path: Path, demo_repo, run_jam: Jam, capsys: pytest.CaptureFixture[str]
) -> None:
    (committed / "requirements.txt").write_text("jamkit-sprints==0.0.1\n")
    code, _, err = upgrade(committed, capsys, check=False, templates=newer_template(tmp_path, longer_timeout))
    assert code == 2 and "uncommitted changes to requirements.txt" in err and "git stash" in err
    assert (committed / "requirements.txt").read_text() == "jamkit-sprints==0.0.1\n"
    code, _, err = run_jam("--root", str(demo_repo.root), "upgrade", "--check")
    assert code == 2 and "has no .copier-answers.yml: it was not made by jam init" in err


def test_a_template_that_fails_half_way_leaves_no_half_programme(tmp_path: Path) -> None:
    broken = tmp_path / "template"
    shutil.copytree(TEMPLATE, broken)
    (broken / "docs" / "zz-broken.md.jinja").write_text("{{ name | no_such_filter }}\n")
    folder = tmp_path / "half"
    with pytest.raises(Exception, match="no_such_filter"):
        make_programme(folder, Answers("Half", "Org", "org/half"), template=broken)
    assert not folder.exists()


def test_the_template_excludes_every_content_folder() -> None:
    """What an upgrade may never touch is the content, wherever jamkit's layout puts it."""
    settings = yaml.safe_load((TEMPLATE / "copier.yml").read_text(encoding="utf-8"))
    assert set(CONTENT_DIRS) <= {pattern.rstrip("/") for pattern in settings["_exclude"]}
    assert not any((TEMPLATE / folder).exists() for folder in CONTENT_DIRS)
