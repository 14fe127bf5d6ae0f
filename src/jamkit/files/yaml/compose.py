"""The YAML node tree built into values that keep their places, within budgets that make hostile files cheap to refuse.

PyYAML's ``SafeLoader`` builds plain values; this walks its node tree instead so
that each key path (``("members", 0, "github")``) keeps its line and column, and
so that duplicate keys are reported rather than silently collapsed. Plain
scalars follow YAML 1.2: only ``true``/``false`` are booleans, ``09:30`` is
text, timestamps stay strings.

Hostile input is bounded before it can cost time or memory: every value a
mapping receives through ``<<`` counts against the same budget as the values
written out (a merge-key bomb repeats a large mapping through nested merges),
and aliases, merge keys, nesting, string lengths and the digits of a number
have hard limits of their own. The composer runs in Python on both parsers
(libyaml's events or the pure-Python ones), so the budgets guard both alike.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.resolver import Resolver

from jamkit.core.diagnostics import Replacement
from jamkit.core.model import Loc, Position

MAX_NODES = 50_000
MAX_DEPTH = 64
MAX_ALIASES = 1_000  # uses of ``*name``
MAX_MERGES = 100  # ``<<`` keys
MAX_STRING = 100_000  # characters in one value
MAX_DIGITS = 40  # a whole number longer than this is not a count, a year or a score
FLATTEN = "flatten the structure: front matter needs only a few levels"
TAG = "tag:yaml.org,2002:"
_MERGE = TAG + "merge"
_STR = TAG + "str"
_DROPPED = {TAG + "timestamp", TAG + "value", TAG + "yaml"}
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_REPLACED = {TAG + "bool": _BOOL, TAG + "int": _INT, TAG + "float": _FLOAT}

Pairs = dict[str, tuple[yaml.Node, yaml.Node]]


class YamlProblem(Exception):
    """A YAML document that cannot be read; ``line`` and ``col`` are 1-based in the file.

    ``replacement`` is the fix as data when it has one meaning (leading tabs,
    a line out of line with its neighbours, a value to quote): ``jam check --fix`` applies it.
    """

    def __init__(
        self, message: str, line: int, col: int = 1, fix: str = "", replacement: Replacement | None = None
    ) -> None:
        super().__init__(message)
        self.message, self.line, self.col, self.fix = message, line, col, fix
        self.replacement = replacement


@dataclass
class Parsed:
    data: Any
    locations: dict[Loc, Position] = field(default_factory=dict)
    duplicates: list[tuple[Loc, Position]] = field(default_factory=list)


class Lines:
    """Turns a character index into a file position, counting only ``\\n`` as a line break.

    PyYAML also breaks lines at U+0085, U+2028 and U+2029; its own line numbers
    would then disagree with every editor, so positions come from the index.
    """

    def __init__(self, text: str, line_offset: int) -> None:
        self.text, self.offset = text, line_offset
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def at(self, index: int) -> Position:
        row = bisect.bisect_right(self.starts, index) - 1
        return Position(row + 1 + self.offset, index - self.starts[row] + 1)

    def line_text(self, index: int) -> str:
        row = bisect.bisect_right(self.starts, index) - 1
        return self.text[self.starts[row] :].split("\n", 1)[0]

    def problem(self, message: str, index: int, fix: str = "", replace: tuple[str, str] | None = None) -> YamlProblem:
        """A problem at the character ``index`` of the text; ``replace`` (old, new) starts there too."""
        pos = self.at(index)
        change = Replacement(pos.line, pos.col, *replace) if replace else None
        return YamlProblem(message, pos.line, pos.col, fix, change)


class YamlLoader(Protocol):
    """What jamkit asks of a loader, on libyaml or on the pure-Python parser."""

    def get_single_node(self) -> yaml.Node | None: ...
    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any: ...
    def check_token(self, *choices: Any) -> bool: ...
    def get_token(self) -> Any: ...
    def check_event(self, *choices: Any) -> bool: ...
    def get_event(self) -> Any: ...
    def dispose(self) -> None: ...


class TooMany(Exception):
    """Raised by the composer when a document uses too many aliases or merge keys."""

    def __init__(self, message: str, fix: str, mark: yaml.Mark) -> None:
        super().__init__(message)
        self.message, self.fix, self.mark = message, fix, mark


class _Budget(Composer):
    """The composer, counting aliases and merge keys as it goes."""

    aliases = 0
    merges = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        events = cast(Parser, self)  # the parser (libyaml's or Python's) is the other base of every loader
        if events.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise TooMany(
                    f"the YAML uses more than {MAX_ALIASES} aliases ('*name')",
                    "write the values out instead of repeating aliases",
                    events.peek_event().start_mark,
                )
        node = super().compose_node(parent, index)
        if isinstance(node, yaml.ScalarNode) and node.tag == _MERGE:
            self.merges += 1
            if self.merges > MAX_MERGES:
                raise TooMany(
                    f"the YAML uses more than {MAX_MERGES} merge keys ('<<')",
                    "write the fields out instead of merging them",
                    node.start_mark,
                )
        return node


class _Loader(_Budget, yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and numbers, no implicit timestamps, and few aliases and merges."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, _REPLACED.get(tag, regexp)) for tag, regexp in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# ``on``, ``yes``, ``no`` and ``off`` are no longer booleans: drop the resolvers that only served them.
for _first in "yYnNoO":
    _Loader.yaml_implicit_resolvers[_first] = [
        (tag, regexp) for tag, regexp in _Loader.yaml_implicit_resolvers[_first] if tag != TAG + "bool"
    ]

PURE: Callable[[str], YamlLoader] = _Loader
_CLoader: Callable[[str], YamlLoader] | None = None
try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    pass
else:

    class _CParsed(_Budget, CParser, SafeConstructor, Resolver):
        """The same loader on libyaml's scanner and parser: C events, composed by ``_Budget`` in Python."""

        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    _CLoader = _CParsed

log = logging.getLogger("jamkit")
_said = False


def libyaml() -> bool:
    """Whether parsing runs on libyaml; the first time it does not, say so (once per process)."""
    global _said
    if _CLoader is not None:
        return True
    if not _said:
        _said = True
        log.warning(
            "jamkit: PyYAML has no libyaml here, so YAML is read by the slower pure-Python parser "
            "(same results); install PyYAML from a wheel, or libyaml-dev before building it, for speed"
        )
    return False


def loader_kind() -> Callable[[str], YamlLoader]:
    """The loader to parse with: libyaml's when PyYAML has it, else the pure-Python one."""
    fast = libyaml()  # (says so the first time it is False)
    return _CLoader if fast and _CLoader is not None else PURE


def too_deep(text: str, lines: Lines, kind: Callable[[str], YamlLoader]) -> YamlProblem:
    """Where the nesting first goes deeper than ``MAX_DEPTH``, found from the event stream."""
    depth, deepest = 0, 0  # (the start of the text, should no collection go too deep)
    events = kind(text)
    try:
        while events.check_event():
            event = events.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH and event.start_mark is not None:
                    deepest = event.start_mark.index
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        events.dispose()
    return lines.problem(f"the YAML nests more than {MAX_DEPTH} levels deep", deepest, FLATTEN)


class Builder:
    """Builds one document's values from its nodes, noting every key's place, within the node and depth budgets."""

    def __init__(self, loader: YamlLoader, lines: Lines) -> None:
        self.loader, self.lines = loader, lines
        self.result = Parsed(data=None)
        self.budget = MAX_NODES
        self.active: set[int] = set()  # the mappings and lists being built: an alias to one of them loops

    def document(self, node: yaml.Node) -> Parsed:
        self.result.locations[()] = self.where(node)
        self.result.data = self.build(node, (), 0)
        return self.result

    def where(self, node: yaml.Node) -> Position:
        return self.lines.at(node.start_mark.index)

    def problem(self, message: str, node: yaml.Node, fix: str = "") -> YamlProblem:
        return self.lines.problem(message, node.start_mark.index, fix)

    def enter(self, node: yaml.Node, depth: int) -> None:
        """Charge one value to the budget, refusing it past the size or depth limit or inside itself."""
        self.budget -= 1
        if self.budget < 0:
            raise self.problem(
                f"the YAML expands to more than {MAX_NODES} values",
                node,
                "write the values out instead of repeating aliases ('*name')",
            )
        if depth > MAX_DEPTH:
            raise self.problem(f"the YAML nests more than {MAX_DEPTH} levels deep", node, FLATTEN)
        if id(node) in self.active:
            raise self.problem(
                "an alias refers to the mapping or list that contains it", node, "remove the alias ('*name')"
            )

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.enter(node, depth)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return self.sequence(node, loc, depth)
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, loc, depth)
            raise self.problem("unsupported YAML node", node)
        finally:
            self.active.discard(id(node))

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if len(node.value) > MAX_STRING:
            raise self.problem(
                f"a value is {len(node.value):,} characters long; at most {MAX_STRING:,} are allowed",
                node,
                "shorten it; long text belongs in the Markdown body",
            )
        if node.tag == TAG + "int" and len(node.value) > MAX_DIGITS:
            raise self.problem(
                f"'{node.value[:20]}…' is a number of {len(node.value):,} characters; at most {MAX_DIGITS} are allowed",
                node,
                "put the value in quotes if it is text",
            )
        if node.tag == _STR:
            return node.value  # what the constructor would return, without its machinery
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            tag = node.tag.removeprefix(TAG)
            raise self.problem(f"the tag '!{tag}' is not allowed here", node, f"remove '!{tag}'") from None
        except Exception:  # a bad explicit tag such as `!!int abc`: PyYAML raises whatever int() raised
            tag = node.tag.removeprefix(TAG)
            raise self.problem(f"'{node.value[:40]}' is not a valid !{tag}", node, f"remove '!{tag}'") from None

    def sequence(self, node: yaml.SequenceNode, loc: Loc, depth: int) -> list[Any]:
        items = []
        for index, child in enumerate(node.value):
            self.result.locations[(*loc, index)] = self.where(child)
            items.append(self.build(child, (*loc, index), depth + 1))
        return items

    def mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        """The mapping's values: merged keys first (unless it writes them itself), then its own, first one winning."""
        mapping: dict[str, Any] = {}
        seen: set[str] = set()
        own_keys = {self.key_text(k) for k, _ in node.value if k.tag != _MERGE}
        for key, (key_node, value_node) in self.merged_pairs(node, depth).items():
            if key in own_keys:
                continue  # a merged key that the mapping overrides
            self.result.locations[(*loc, key)] = self.where(key_node)
            mapping[key] = self.build(value_node, (*loc, key), depth + 1)
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                continue
            key = self.key_text(key_node)
            if key in seen:
                self.result.duplicates.append(((*loc, key), self.where(key_node)))
                continue
            seen.add(key)
            self.result.locations[(*loc, key)] = self.where(key_node)
            mapping[key] = self.build(value_node, (*loc, key), depth + 1)
        return mapping

    def merged_pairs(self, node: yaml.MappingNode, depth: int) -> Pairs:
        """The key/value nodes that ``<<`` brings into ``node``, one per key, the winning one.

        Every key a merged mapping holds counts against the budget each time the
        mapping is merged: a large mapping merged again and again through nested
        merges costs what writing it out would.
        """
        found: Pairs = {}
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE:
                continue
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:  # earlier sources win
                if not isinstance(source, yaml.MappingNode):
                    raise self.problem(
                        "'<<' merges a mapping or a list of mappings, nothing else",
                        source,
                        "write the fields out instead of merging",
                    )
                self.enter(source, depth + 1)
                self.active.add(id(source))
                try:
                    for key, pair in self.resolved(source, depth + 1).items():
                        found.setdefault(key, pair)
                finally:
                    self.active.discard(id(source))
        return found

    def resolved(self, node: yaml.MappingNode, depth: int) -> Pairs:
        """A merged mapping's pairs, one per key: its own first-written keys win over merged ones."""
        pairs = [(k, v) for k, v in node.value if k.tag != _MERGE]
        # Each key is charged each time the mapping is merged somewhere: all at once, unless one of them
        # would go over a limit, which ``enter`` then reports at that very key.
        if depth + 1 > MAX_DEPTH or len(pairs) > self.budget:
            for key_node, _ in pairs:
                self.enter(key_node, depth + 1)
        self.budget -= len(pairs)
        own: Pairs = {}
        for key_node, value_node in pairs:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else self.key_text(key_node)
            own.setdefault(key, (key_node, value_node))
        return {**{k: p for k, p in self.merged_pairs(node, depth).items() if k not in own}, **own}

    def key_text(self, key_node: yaml.Node) -> str:
        if not isinstance(key_node, yaml.ScalarNode):
            raise self.problem(
                "a key must be plain text, not a list or mapping",
                key_node,
                "write the key as plain text, e.g. 'title:'",
            )
        return str(key_node.value)
