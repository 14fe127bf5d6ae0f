"""Safe YAML that remembers where every key came from.

PyYAML's ``SafeLoader`` builds plain values; this walks its node tree instead so
that each key path (``("members", 0, "github")``) keeps its line and column, and
so that duplicate keys are reported rather than silently collapsed.

The plain scalars follow YAML 1.2 rather than 1.1, so that values mean what they
look like: only ``true``/``false`` are booleans (``country: NO`` stays Norway,
``on:`` stays a key), ``09:30`` is not the sexagesimal number 570, and
timestamps stay strings (the model parses dates itself, with messages of its
own). Keys are always the text written in the file.

Nothing here raises anything but ``YamlProblem``: alias bombs, self-referring
aliases, deep nesting, control characters and bad explicit tags all become a
problem with a line and column. Hostile input is bounded before it can cost
time or memory: every value a mapping receives through ``<<`` counts against
the same budget as the values written out (a merge-key bomb repeats a large
mapping through nested merges), and aliases, merge keys, string lengths and
the digits of a number have hard limits of their own.

The text is scanned and parsed by libyaml (PyYAML's C parser) when PyYAML was
built with it, about five times faster than the pure-Python parser; the nodes
are still composed here, in Python, so that the budgets above and the recursion
limit guard them the same way on both paths. Without libyaml the pure parser
reads the same text into the same values and positions, and jamkit says so once.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

from jamkit.core.model import Loc, Position
from jamkit.core.wording import plural, shown

MAX_NODES = 50_000
MAX_DEPTH = 64
MAX_ALIASES = 1_000  # uses of ``*name``
MAX_MERGES = 100  # ``<<`` keys
MAX_STRING = 100_000  # characters in one value
MAX_DIGITS = 40  # a whole number longer than this is not a count, a year or a score
_FLATTEN = "flatten the structure: front matter needs only a few levels"
_FLOW_CONTEXTS = ("while parsing a flow sequence", "while parsing a flow mapping")
_CLOSERS = {"[": "]", "{": "}"}
_GLUED_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*):(?=[^\s:/])")  # (not ``https://``)
_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_STR = _TAG + "str"
_DROPPED = {_TAG + "timestamp", _TAG + "value", _TAG + "yaml"}
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_REPLACED = {_TAG + "bool": _BOOL, _TAG + "int": _INT, _TAG + "float": _FLOAT}


class _TooMany(Exception):
    """Raised by the composer when a document uses too many aliases or merge keys."""

    def __init__(self, message: str, fix: str, mark: yaml.Mark) -> None:
        super().__init__(message)
        self.message, self.fix, self.mark = message, fix, mark


class _Budget(Composer):
    """The composer, counting aliases and merge keys as it goes."""

    aliases = 0
    merges = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _TooMany(
                    f"the YAML uses more than {MAX_ALIASES} aliases ('*name')",
                    "write the values out instead of repeating aliases",
                    self.peek_event().start_mark,
                )
        node = super().compose_node(parent, index)
        if isinstance(node, yaml.ScalarNode) and node.tag == _MERGE:
            self.merges += 1
            if self.merges > MAX_MERGES:
                raise _TooMany(
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
        (tag, regexp) for tag, regexp in _Loader.yaml_implicit_resolvers[_first] if tag != _TAG + "bool"
    ]

_CLoader: type | None = None
if CParser is not None:

    class _CLoader(_Budget, CParser, SafeConstructor, Resolver):  # type: ignore[no-redef]
        """The same loader on libyaml's scanner and parser: C events, composed by ``_Budget`` in Python."""

        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


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


class YamlProblem(Exception):
    """A YAML document that cannot be read; ``line`` and ``col`` are 1-based in the file."""

    def __init__(self, message: str, line: int, col: int = 1, fix: str = "") -> None:
        super().__init__(message)
        self.message, self.line, self.col, self.fix = message, line, col, fix


@dataclass
class Parsed:
    data: Any
    locations: dict[Loc, Position] = field(default_factory=dict)
    duplicates: list[tuple[Loc, Position]] = field(default_factory=list)


class _Lines:
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


def parse(text: str, line_offset: int = 0) -> Parsed:
    """Parse one YAML document; ``line_offset`` is the file line the text starts after."""
    lines = _Lines(text, line_offset)

    def where(node_or_mark: yaml.Node | yaml.Mark) -> Position:
        mark = node_or_mark.start_mark if isinstance(node_or_mark, yaml.Node) else node_or_mark
        return lines.at(mark.index)

    def problem(message: str, at: yaml.Node | yaml.Mark, fix: str = "") -> YamlProblem:
        pos = where(at)
        return YamlProblem(message, pos.line, pos.col, fix)

    loader = None
    kind = _CLoader if libyaml() else _Loader
    try:
        loader = kind(text)
        node = loader.get_single_node()
    except _TooMany as err:
        raise problem(err.message, err.mark, err.fix) from None
    except yaml.reader.ReaderError as err:
        index = err.position
        if kind is not _Loader:  # libyaml counts bytes of UTF-8, not characters
            index = len(text.encode("utf-8")[: err.position].decode("utf-8", "ignore"))
        pos = lines.at(index)
        char = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "?")
        raise YamlProblem(
            f"the control character U+{char:04X} is not allowed in YAML",
            pos.line,
            pos.col,
            "delete the invisible character (retype the line if your editor does not show it)",
        ) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        message = err.problem or err.context or "not valid YAML"
        unclosed = "end of stream" in (err.problem or "") or "document separator" in (err.problem or "")
        if err.context == "while scanning a quoted scalar" and err.context_mark is not None and unclosed:
            # The quote was never closed: the parser notices only at the end, but the mistake is where it opened.
            quote = lines.line_text(err.context_mark.index)[err.context_mark.column : err.context_mark.column + 1]
            raise problem(
                f"the quote {quote} opened here is never closed",
                err.context_mark,
                f"add the closing {quote} at the end of the value on this line",
            ) from None
        if mark is None:
            raise YamlProblem(message, 1 + line_offset) from None
        tokens = _tokens_before(text, kind, mark)
        if (glued_key := _glued_key(tokens, mark)) is not None:
            token, key = glued_key
            raise problem(
                f"'{shown(lines.line_text(token.start_mark.index).strip(), 40)}' has no space after '{key}:', "
                "so YAML reads it as text, not a key",
                _mark(token.start_mark.index + len(key)),
                f"write a space after the colon: '{key}: '",
            ) from None
        if err.context == "while scanning a simple key" and err.context_mark is not None:
            line = lines.line_text(err.context_mark.index)
            glued = _GLUED_KEY.match(line)
            if glued is not None:  # ``team:Off Switch``: without the space, the colon is part of the text
                key = glued.group(2)
                raise problem(
                    f"'{shown(line.strip(), 40)}' has no space after '{key}:', so YAML reads it as text, not a key",
                    _mark(err.context_mark.index - err.context_mark.column + glued.end(2)),
                    f"write a space after the colon: '{key}: '",
                ) from None
            if line.strip() and err.problem == "could not find expected ':'":
                raise problem(
                    f"'{shown(line.strip(), 40)}' is not a 'key: value' line",
                    err.context_mark,
                    "write it as 'key: value', or indent it under the value it continues",
                ) from None
        quoted = _quoted_before(tokens, mark)
        if quoted is not None and quoted.start_mark.line < quoted.end_mark.line:
            # A quote left open runs on to the next quote in the file, and the parser stops just after it.
            quote = quoted.style
            raise problem(
                f"the quote {quote} opened here is not closed on its line: it runs on to the next {quote}, "
                f"on line {lines.at(quoted.end_mark.index).line}",
                quoted.start_mark,
                f"add the closing {quote} at the end of the value on this line",
            ) from None
        if quoted is not None and text[quoted.end_mark.index : quoted.end_mark.index + 1].isalnum():
            # ``title: 'It's ...'``: the quote inside the value ends it, and the parser stops at what follows.
            quote = quoted.style
            inside, other = ("'' (two single quotes)", "double quotes") if quote == "'" else ('\\"', "single quotes")
            raise problem(
                f"the quote {quote} here ends the value before its text does",
                _mark(quoted.end_mark.index - 1),
                f"write a {quote} inside the value as {inside}, or put the value in {other} instead",
            ) from None
        cut = _block_cut_short(tokens, text, mark)
        if cut is not None:
            # ``abstract: >-`` whose first line is indented more than the rest: the text ends after that line.
            first, deeper, rest = cut
            raise problem(
                f"this line of the text is indented {plural(deeper, 'space')} and the next ones {rest}, "
                "so the text ends after it",
                _mark(first + deeper),
                f"indent every line of the text alike ({plural(rest, 'space')}, as the lines after this one)",
            ) from None
        opened = err.context_mark if err.context in _FLOW_CONTEXTS else None
        if opened is not None and "expected ','" in (err.problem or "") and mark.line > opened.line:
            # ``tags: [a, b`` with nothing after it on the line: the list runs on into the next lines.
            bracket = text[opened.index : opened.index + 1]
            rest = lines.line_text(opened.index)[opened.column :].split("#", 1)[0].rstrip()
            if bracket in _CLOSERS and not rest.endswith((",", bracket)):
                raise problem(
                    f"the {bracket} opened here is not closed on its line",
                    opened,
                    f"add the closing {_CLOSERS[bracket]} at the end of the line, "
                    f"or put the value in quotes if the {bracket} is part of its text",
                ) from None
        tabbed = "\t" in lines.line_text(mark.index)
        hint = " (tabs cannot indent YAML: use spaces)" if tabbed else ""
        raise problem(f"{message}{hint}", mark) from None
    except RecursionError:
        raise _too_deep(text, lines) from None
    except yaml.YAMLError as err:
        raise YamlProblem(str(err).splitlines()[0] if str(err) else "not valid YAML", 1 + line_offset) from None
    finally:
        if loader is not None:
            loader.dispose()

    result = Parsed(data=None)
    if node is None:
        return result
    result.locations[()] = where(node)
    budget = [MAX_NODES]
    active: set[int] = set()

    def scalar(node: yaml.ScalarNode) -> Any:
        if len(node.value) > MAX_STRING:
            raise problem(
                f"a value is {len(node.value):,} characters long; at most {MAX_STRING:,} are allowed",
                node,
                "shorten it; long text belongs in the Markdown body",
            )
        if node.tag == _TAG + "int" and len(node.value) > MAX_DIGITS:
            raise problem(
                f"'{node.value[:20]}…' is a number of {len(node.value):,} characters; at most {MAX_DIGITS} are allowed",
                node,
                "put the value in quotes if it is text",
            )
        if node.tag == _STR:
            return node.value  # what the constructor would return, without its machinery
        try:
            return loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            tag = node.tag.removeprefix(_TAG)
            raise problem(f"the tag '!{tag}' is not allowed here", node, f"remove '!{tag}'") from None
        except Exception:  # a bad explicit tag such as `!!int abc`: PyYAML raises whatever int() raised
            tag = node.tag.removeprefix(_TAG)
            raise problem(f"'{node.value[:40]}' is not a valid !{tag}", node, f"remove '!{tag}'") from None

    def enter(node: yaml.Node, depth: int) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise problem(
                f"the YAML expands to more than {MAX_NODES} values",
                node,
                "write the values out instead of repeating aliases ('*name')",
            )
        if depth > MAX_DEPTH:
            raise problem(f"the YAML nests more than {MAX_DEPTH} levels deep", node, _FLATTEN)
        if id(node) in active:
            raise problem("an alias refers to the mapping or list that contains it", node, "remove the alias ('*name')")

    def merged_pairs(node: yaml.MappingNode, depth: int) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The key/value nodes that ``<<`` brings into ``node``, one per key, the winning one.

        Every key a merged mapping holds counts against the budget each time the
        mapping is merged: a large mapping merged again and again through nested
        merges costs what writing it out would.
        """
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE:
                continue
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:  # earlier sources win
                if not isinstance(source, yaml.MappingNode):
                    raise problem(
                        "'<<' merges a mapping or a list of mappings, nothing else",
                        source,
                        "write the fields out instead of merging",
                    )
                enter(source, depth + 1)
                active.add(id(source))
                try:
                    for key, pair in resolved(source, depth + 1).items():
                        found.setdefault(key, pair)
                finally:
                    active.discard(id(source))
        return found

    def resolved(node: yaml.MappingNode, depth: int) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """A merged mapping's pairs, one per key: its own first-written keys win over merged ones."""
        pairs = [(k, v) for k, v in node.value if k.tag != _MERGE]
        # Each key is charged each time the mapping is merged somewhere: all at once, unless one of them
        # would go over a limit, which ``enter`` then reports at that very key.
        if depth + 1 > MAX_DEPTH or len(pairs) > budget[0]:
            for key_node, _ in pairs:
                enter(key_node, depth + 1)
        budget[0] -= len(pairs)
        own: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in pairs:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else key_text(key_node)
            own.setdefault(key, (key_node, value_node))
        return {**{k: p for k, p in merged_pairs(node, depth).items() if k not in own}, **own}

    def key_text(key_node: yaml.Node) -> str:
        if not isinstance(key_node, yaml.ScalarNode):
            raise problem(
                "a key must be plain text, not a list or mapping",
                key_node,
                "write the key as plain text, e.g. 'title:'",
            )
        return str(key_node.value)

    def build(node: yaml.Node, loc: Loc, depth: int) -> Any:
        enter(node, depth)
        if isinstance(node, yaml.ScalarNode):
            return scalar(node)
        active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                items = []
                for index, child in enumerate(node.value):
                    result.locations[(*loc, index)] = where(child)
                    items.append(build(child, (*loc, index), depth + 1))
                return items
            if isinstance(node, yaml.MappingNode):
                mapping: dict[str, Any] = {}
                seen: set[str] = set()
                own_keys = {key_text(k) for k, _ in node.value if k.tag != _MERGE}
                for key, (key_node, value_node) in merged_pairs(node, depth).items():
                    if key in own_keys:
                        continue  # a merged key that the mapping overrides
                    key_loc = (*loc, key)
                    result.locations[key_loc] = where(key_node)
                    mapping[key] = build(value_node, key_loc, depth + 1)
                for key_node, value_node in node.value:
                    if key_node.tag == _MERGE:
                        continue
                    key = key_text(key_node)
                    key_loc = (*loc, key)
                    if key in seen:
                        result.duplicates.append((key_loc, where(key_node)))
                        continue
                    seen.add(key)
                    result.locations[key_loc] = where(key_node)
                    mapping[key] = build(value_node, key_loc, depth + 1)
                return mapping
            raise problem("unsupported YAML node", node)
        finally:
            active.discard(id(node))

    result.data = build(node, (), 0)
    return result


def _tokens_before(text: str, kind: type, error: yaml.Mark) -> list[yaml.Token]:
    """The tokens the scanner reads before the place where the parser stopped (at most the front matter's)."""
    tokens: list[yaml.Token] = []
    scanner = kind(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if token.start_mark.index >= error.index:
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass  # the scanner stops at the same mistake, or sooner; what it read so far is what counts
    finally:
        scanner.dispose()
    return tokens


def _quoted_before(tokens: list[yaml.Token], error: yaml.Mark) -> yaml.ScalarToken | None:
    """The quoted value that ends on the line where the parser stopped, if it is the last value before it.

    YAML lets a quoted value run over several lines, so a quote left open is
    closed by whatever quote comes next, often lines later inside other text;
    and a quote inside a quoted value ends it early. Either way the parser stops
    just after the closing quote, away from the mistake.
    """
    scalars = [token for token in tokens if isinstance(token, yaml.ScalarToken)]
    found = scalars[-1] if scalars and scalars[-1].style in ('"', "'") else None
    return found if found is not None and found.end_mark.line == error.line else None


def _glued_key(tokens: list[yaml.Token], error: yaml.Mark) -> tuple[yaml.ScalarToken, str] | None:
    """The last plain key, or plain text running over lines, that starts ``key:text``: a key missing its space.

    Without the space YAML reads ``title:Probing`` as text, which then runs on
    into the next line, and the parser stops there: only text that ends on the
    line before the parser stopped, or on that line, is blamed.
    """
    found = None
    for before, token in zip([None, *tokens], tokens, strict=False):
        if not isinstance(token, yaml.ScalarToken) or token.style:  # plain: None (pure), "" (libyaml)
            continue
        glued = _GLUED_KEY.match(token.value)
        if glued and (isinstance(before, yaml.KeyToken) or token.start_mark.line < token.end_mark.line):
            found = (token, glued.group(2))
    return found if found is not None and found[0].end_mark.line >= error.line - 1 else None


def _block_cut_short(tokens: list[yaml.Token], text: str, error: yaml.Mark) -> tuple[int, int, int] | None:
    """Where a ``|`` or ``>`` text's first line starts, its indent, and the less indented line the parser stopped at.

    The first line sets the indent of the whole text: a first line indented
    more than the next ones ends the text after itself, and the next line, no
    longer part of it, is where the parser stops.
    """
    scalars = [i for i, token in enumerate(tokens) if isinstance(token, yaml.ScalarToken)]
    block = tokens[scalars[-1]] if scalars else None
    if block is None or block.style not in ("|", ">") or block.end_mark.line != error.line:
        return None
    # The key or ``-`` that holds the text: a line indented no deeper than it is the next field, not more text.
    owner = next(
        (t for t in reversed(tokens[: scalars[-1]]) if isinstance(t, yaml.KeyToken | yaml.BlockEntryToken)), None
    )
    after = text.find("\n", block.start_mark.index)  # the line after the ``>-`` indicator
    while after != -1 and after + 1 < error.index and not text[after + 1 : text.find("\n", after + 1)].strip():
        after = text.find("\n", after + 1)  # (blank lines do not count)
    if after == -1 or after + 1 >= error.index:
        return None
    first = after + 1
    line = text[first : text.find("\n", first)]
    deeper, rest = len(line) - len(line.lstrip(" ")), error.column
    return (first, deeper, rest) if (owner.start_mark.column if owner else 0) < rest < deeper else None


def _mark(index: int) -> yaml.Mark:
    """A position for ``problem``, which reads only the index (lines and columns come from ``_Lines``)."""
    return yaml.Mark("", index, 0, 0, None, None)


def _too_deep(text: str, lines: _Lines) -> YamlProblem:
    """Where the nesting first goes deeper than ``MAX_DEPTH``, found from the event stream."""
    depth = 0
    for event in yaml.parse(text, Loader=_CLoader if libyaml() else _Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                pos = lines.at(event.start_mark.index)
                return YamlProblem(f"the YAML nests more than {MAX_DEPTH} levels deep", pos.line, pos.col, _FLATTEN)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return YamlProblem(f"the YAML nests more than {MAX_DEPTH} levels deep", lines.at(0).line, 1, _FLATTEN)
