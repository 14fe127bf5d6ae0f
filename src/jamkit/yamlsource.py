"""Safe YAML that remembers where every key came from.

PyYAML's ``SafeLoader`` builds plain values; this walks its node tree instead so
that each key path (``("members", 0, "github")``) keeps its line and column, and
so that duplicate keys are reported rather than silently collapsed. Timestamps
stay strings: the model parses dates itself, with messages of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from jamkit.model import Loc, Position

MAX_NODES = 50_000
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlProblem(Exception):
    """A YAML document that cannot be read; ``line`` is 1-based in the file."""

    def __init__(self, message: str, line: int, col: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


@dataclass
class Parsed:
    data: Any
    locations: dict[Loc, Position] = field(default_factory=dict)
    duplicates: list[tuple[Loc, Position]] = field(default_factory=list)


def parse(text: str, line_offset: int = 0) -> Parsed:
    """Parse one YAML document; ``line_offset`` is the file line the text starts after."""

    def where(mark: yaml.Mark) -> Position:
        return Position(mark.line + 1 + line_offset, mark.column + 1)

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or "not valid YAML"
        lines = text.splitlines()
        tabbed = mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]
        hint = " (tabs cannot indent YAML: use spaces)" if tabbed else ""
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1 + line_offset, 1)
        raise YamlProblem(f"{problem}{hint}", line, col) from None
    except yaml.YAMLError as err:
        raise YamlProblem(str(err), 1 + line_offset) from None
    finally:
        loader.dispose()

    result = Parsed(data=None)
    if node is None:
        return result
    result.locations[()] = where(node.start_mark)
    budget = [MAX_NODES]
    active: set[int] = set()

    def build(node: yaml.Node, loc: Loc) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise YamlProblem("the YAML is too large or nests aliases too deeply", where(node.start_mark).line)
        if id(node) in active:
            raise YamlProblem("an alias refers to itself", where(node.start_mark).line)
        if isinstance(node, yaml.ScalarNode):
            try:
                return loader.construct_object(node, deep=True)
            except yaml.constructor.ConstructorError as err:
                raise YamlProblem(err.problem or "value cannot be read", where(node.start_mark).line) from None
        active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                items = []
                for index, child in enumerate(node.value):
                    result.locations.setdefault((*loc, index), where(child.start_mark))
                    items.append(build(child, (*loc, index)))
                return items
            if isinstance(node, yaml.MappingNode):
                try:
                    loader.flatten_mapping(node)
                except yaml.constructor.ConstructorError as err:
                    raise YamlProblem(err.problem or "bad merge key", where(node.start_mark).line) from None
                mapping: dict[str, Any] = {}
                for key_node, value_node in node.value:
                    if not isinstance(key_node, yaml.ScalarNode):
                        raise YamlProblem(
                            "a key must be plain text, not a list or mapping",
                            where(key_node.start_mark).line,
                            where(key_node.start_mark).col,
                        )
                    key = str(build(key_node, loc))
                    key_loc = (*loc, key)
                    if key in mapping:
                        result.duplicates.append((key_loc, where(key_node.start_mark)))
                    else:
                        result.locations[key_loc] = where(key_node.start_mark)
                    mapping[key] = build(value_node, key_loc)
                return mapping
            raise YamlProblem("unsupported YAML node", where(node.start_mark).line)
        finally:
            active.discard(id(node))

    result.data = build(node, ())
    return result
