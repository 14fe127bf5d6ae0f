"""jamkit reaches MkDocs as a plugin (``plugins: [jamkit]``), through MkDocs' public events only."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

from mkdocs.config import load_config

from jamkit.site.build import material
from jamkit.site.build.plugin import JamkitPlugin
from tests.site.sitekit import ROOT

SITE = ROOT / "src/jamkit/site"
# MkDocs' private build loop and page internals: jamkit must not copy, set or patch them.
PRIVATE = ("_build_page", "_current_page", "_title_from_render", "MethodType")


def test_mkdocs_finds_the_plugin_by_name_after_materials_tags_with_its_environment_last() -> None:
    (found,) = [ep for ep in entry_points(group="mkdocs.plugins") if ep.name == "jamkit"]
    assert found.load() is JamkitPlugin
    config = load_config(str(ROOT / "mkdocs.yml"))
    names = list(config.plugins)
    assert names.index("material/tags") < names.index("jamkit")
    assert "hooks" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0].split("plugins:")[1]
    assert not config.hooks and not (ROOT / "hooks").exists()
    plugin = config.plugins["jamkit"]
    assert isinstance(plugin, JamkitPlugin)
    assert getattr(plugin.on_env, "mkdocs_priority", None) == -100  # after every other plugin's on_env


def test_what_a_build_knows_lives_on_the_plugin_object() -> None:
    first, second = JamkitPlugin(), JamkitPlugin()
    first.on_startup(command="serve", dirty=True)
    assert first.command.dirty and not first.command.prunes
    assert not second.command.dirty and second.command.prunes  # a build unless told otherwise
    module = sys.modules[JamkitPlugin.__module__]
    assert not [
        name
        for name, value in vars(module).items()
        if name.startswith("_") and not callable(value) and not name.startswith("__")
    ]


def test_the_site_package_names_no_private_part_of_mkdocs() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {name}"
        for path in sorted(SITE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for name in PRIVATE
        if name in line
    ]
    assert not found, found


def test_no_page_method_is_replaced() -> None:
    pattern = re.compile(r"\bpage\.\w+\s*=\s*(MethodType|lambda|partial)")
    assert not [p for p in SITE.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]


def test_the_pinned_material_still_writes_the_markup_jamkit_makes_valid(tmp_path: Path) -> None:
    """Material alone (no jamkit), with the site's theme settings: each substitution still has work to do.

    When this fails, Material fixed its markup: delete the substitution it names from ``site.build.material``.
    """
    (tmp_path / "docs/section").mkdir(parents=True)
    (tmp_path / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs/section/page.md").write_text("# Page\n", encoding="utf-8")
    theme = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:\n")[1].split("\n\n")[0]
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Material alone\ntheme:\n" + theme + "\nplugins: []\n"
        "nav:\n  - Home: index.md\n  - Section:\n      - Page: section/page.md\n",
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(tmp_path / "mkdocs.yml")],
        check=True,
        cwd=tmp_path,
    )
    drawn = (tmp_path / "site/section/page/index.html").read_text(encoding="utf-8")
    for pattern, _ in material.INVALID:
        assert pattern.search(drawn), f"Material no longer writes what {pattern.pattern!r} fixes"
    fixed = material.made_valid(drawn)
    assert not any(pattern.search(fixed) for pattern, _ in material.INVALID)
    assert 'tabindex=""' not in fixed and len(fixed) < len(drawn)
