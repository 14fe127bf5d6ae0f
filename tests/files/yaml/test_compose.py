"""Building values from the node tree: mappings, merges and tags, and the budgets that refuse hostile input fast."""

from __future__ import annotations

import pytest

from jamkit.core.model import Position
from jamkit.files.yaml.loader import MAX_DEPTH, YamlProblem, parse
from tests.helpers.yaml_bombs import merge_key_bomb

pytestmark = pytest.mark.usefixtures("backend")


def test_a_mapping_as_key_is_a_problem_at_the_key() -> None:
    with pytest.raises(YamlProblem) as err:
        parse("title: T\n? [a, b]\n: 1\n")
    assert (err.value.line, err.value.col) == (2, 3)
    assert "a key must be plain text" in err.value.message


def test_merge_keys_merge_and_overrides_are_not_duplicates() -> None:
    parsed = parse("base: &b {name: A, github: bea}\nmember:\n  <<: *b\n  name: B\n")
    assert parsed.duplicates == []
    assert parsed.data["member"] == {"name": "B", "github": "bea"}
    assert parsed.locations[("member", "name")] == Position(4, 3)


def test_merging_a_scalar_is_a_problem() -> None:
    with pytest.raises(YamlProblem) as err:
        parse("a:\n  <<: 5\n")
    assert err.value.line == 2
    assert "merges a mapping" in err.value.message


@pytest.mark.parametrize("tagged", ["!!int abc", "!!float abc", "!!bool maybe", "!!timestamp soon", "!!binary a"])
def test_explicit_tags_that_do_not_fit_their_value_are_problems(tagged: str) -> None:
    with pytest.raises(YamlProblem) as err:
        parse(f"title: T\nk: {tagged}\n")
    assert (err.value.line, err.value.col) == (2, 4)
    assert err.value.fix.startswith("remove '!")


def test_python_tags_are_refused_not_executed() -> None:
    with pytest.raises(YamlProblem) as err:
        parse("k: !!python/object/apply:os.system ['echo hi']\nj: !!python/name:os.system x\n")
    assert err.value.line == 2
    assert "not allowed" in err.value.message


BILLION_LAUGHS = "".join(
    f"{name}: &{name} [{', '.join(['*' + prev] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi", strict=True)
)


def test_billion_laughs_stops_with_a_problem_at_the_budget() -> None:
    """The alias budget, not a clock, is what stops it: the problem names the budget it ran into."""
    with pytest.raises(YamlProblem) as err:
        parse(BILLION_LAUGHS)
    assert "expands to more than" in err.value.message


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {self: *a}\n", "a: &a {<<: *a}\n"])
def test_an_alias_inside_itself_is_a_problem(text: str) -> None:
    with pytest.raises(YamlProblem) as err:
        parse(text)
    assert err.value.line == 1
    assert "alias" in err.value.message


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5000])
def test_deep_nesting_is_a_problem_at_the_level_too_deep(depth: int) -> None:
    with pytest.raises(YamlProblem) as err:
        parse("title: T\nk: " + "[" * depth + "]" * depth + "\n")
    assert err.value.line == 2
    assert "nests more than" in err.value.message


def test_a_merge_key_bomb_counts_its_merged_keys_and_stops_at_the_budget() -> None:
    """Merged keys count against the same budget as aliases: the bomb is refused by that count, not by a clock."""
    with pytest.raises(YamlProblem, match="expands to more than"):
        parse(merge_key_bomb())


def test_merges_still_resolve_earlier_sources_first_and_own_keys_last() -> None:
    text = "a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\nc:\n  <<: [*a, *b]\n  y: 3\n"
    assert parse(text).data["c"] == {"x": 1, "y": 3, "z": 2}


def test_too_many_aliases_or_merge_keys_are_problems() -> None:
    aliases = "a: &a 1\nb: [" + ", ".join(["*a"] * 1001) + "]\n"
    with pytest.raises(YamlProblem, match="more than 1000 aliases"):
        parse(aliases)
    merges = "a: &a {x: 1}\n" + "".join(f"b{i}: {{<<: *a}}\n" for i in range(101))
    with pytest.raises(YamlProblem, match="more than 100 merge keys") as caught:
        parse(merges)
    assert caught.value.line == 102


def test_a_huge_number_is_a_problem_not_a_crash() -> None:
    with pytest.raises(YamlProblem, match="a number of 4,002 characters") as caught:
        parse("title: t\nteam: 0x" + "f" * 4000 + "\n")
    assert (caught.value.line, "quotes" in caught.value.fix) == (2, True)
    assert parse("team: '0x" + "f" * 4000 + "'\n").data["team"].startswith("0xfff")


def test_a_huge_string_is_a_problem() -> None:
    with pytest.raises(YamlProblem, match="characters long"):
        parse("title: " + "a" * 100_001 + "\n")
