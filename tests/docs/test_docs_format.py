"""``docs/format.md`` documents every file kind and field, with meanings written on the model itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from jamkit.checks import check
from jamkit.core import model
from jamkit.docs import format as file_format
from jamkit.docs.example import example_of, write_examples
from jamkit.docs.fields import human_name, nested_models
from jamkit.files.layout import KINDS
from jamkit.files.load import load_catalog

ROOT = Path(__file__).resolve().parents[2]

# Every pydantic model of jamkit.core.model but the shared base: the models the files are made of.
MODELS = [
    cls
    for cls in vars(model).values()
    if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__.startswith(f"{model.__name__}.")
    if cls is not model.Fields
]


def sections(markdown: str) -> dict[str, str]:
    """Heading text -> the text up to the next heading."""
    parts = re.split(r"^#{2,3} (.+)$", markdown, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_model_of_every_kind_is_a_model_of_jamkit_model() -> None:
    used = {inner for kind in KINDS for inner in [kind.fields, *nested_models(kind.fields)]}
    assert used == set(MODELS), "a model no file uses, or a file kind with a model defined elsewhere"


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
def test_every_field_has_a_meaning_written_as_a_sentence(cls: type[BaseModel]) -> None:
    for name, info in cls.model_fields.items():
        meaning = info.description
        assert meaning, f"give {cls.__name__}.{name} a Field(description=...) in src/jamkit/core/model/fields.py"
        assert meaning[0].isupper() or meaning[0] == "`", f"{cls.__name__}.{name}: start with a capital"
        assert meaning.endswith("."), f"{cls.__name__}.{name}: end with a full stop"
    assert cls.__doc__, f"give {cls.__name__} a docstring: format.md and the JSON Schema show it"
    assert "``" not in cls.__doc__, f"{cls.__name__}'s docstring is shown as Markdown: use single backticks"


def test_every_model_field_is_documented_in_its_section() -> None:
    found = sections((ROOT / file_format.PATH).read_text(encoding="utf-8"))
    for kind in KINDS:
        title = f"{file_format.SECTIONS[kind.name][0]}: `{kind.pattern}`"
        for cls in [kind.fields, *nested_models(kind.fields)]:
            heading = title if cls is kind.fields else human_name(cls)
            assert heading in found, f"format.md has no section for {cls.__name__}"
            for name, info in cls.model_fields.items():
                assert f"| `{name}` |" in found[heading], f"{cls.__name__}.{name} is not in format.md"
                assert f" | {info.description} |" in found[heading].replace("\\|", "|")


def test_a_nested_object_is_introduced_by_its_docstring() -> None:
    text = file_format.page()
    assert "### Judge\n\nSomeone who reviews projects. Reviews name a judge by `id`.\n" in text
    assert "### Schedule item\n\nA talk, session or deadline during the sprint;" in text


def test_every_nested_object_of_the_contract_is_documented() -> None:
    text = (ROOT / file_format.PATH).read_text(encoding="utf-8")
    for title in [
        "Member",
        "Judge",
        "Site",
        "Criterion",
        "Prize",
        "Schedule item",
        "Resource",
        "Partner",
        "Team size",
        "Scale",
        "Award",
        "Retraction",
        "Lab",
        "Link",
        "Author",
    ]:
        assert f"\n### {title}\n" in text


def test_every_kind_has_a_section_and_an_example() -> None:
    text = file_format.page()
    for kind in KINDS:
        assert f"### Example: `{example_of(kind)}`" in text


def test_examples_in_format_md_pass_jam_check(tmp_path: Path) -> None:
    write_examples(tmp_path)
    catalog, found = load_catalog(tmp_path)
    found += check(catalog)
    assert found == []
    assert set(catalog.submissions) == {"interp-2026/probing-deception"}
    assert len(catalog.reviews["interp-2026"]) == 1


def test_type_names_are_readable() -> None:
    text = file_format.page()
    assert "| `members` | yes | list of [member](#member) (at least 1) |" in text
    assert "| `registration` |  | https URL |" in text
    assert "| `team_size` |  | [team size](#team-size) | `{min: 1, max: 5}` |" in text
    assert "| `country` |  | country code (ISO 3166-1 alpha-2) |" in text
    assert "| `abstract` | yes | text |  | Plain text, at most 300 words. |" in text
