"""A YAML parser error turned into plain words, at the place of the mistake rather than where the parser stopped.

The parser often stops well after the mistake (a quote left open runs on to
the next quote in the file, a key without a space after its colon is read as
text that runs into the next line) and words it in its own terms. Each
explanation is one small function that looks at the error, the text and the
tokens read before it, and either recognises one kind of mistake or says
``None``; ``EXPLANATIONS`` tries them in order and the first that recognises
the mistake wins, down to the parser's own words. A new explanation is one
function, one row in ``EXPLANATIONS`` and one test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from jamkit.core.wording import plural, shown
from jamkit.files.yaml.compose import PURE, Lines, TooMany, YamlLoader, YamlProblem

_FLOW_CONTEXTS = ("while parsing a flow sequence", "while parsing a flow mapping")
_CLOSERS = {"[": "]", "{": "}"}
_GLUED_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*):(?=[^\s:/])")  # (not ``https://``)
_SIMPLE_KEY = "while scanning a simple key"
_KEY_LINE = re.compile(r"^( *(?:- +)?)([A-Za-z_][A-Za-z0-9_-]*): +")  # a field's line: its indent, its name
_ALIAS_CONTEXTS = ("while scanning an alias", "while scanning an anchor")
_RESERVED_STARTS = ("@", "`", "*", "&")
_HANDLE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
_CURLY = {"\u201c": "\u201d", "\u2018": "\u2019", "\u201e": "\u201c", "\u00ab": "\u00bb"}


@dataclass(frozen=True)
class Mistake:
    """What every explanation gets: the parser's error, the text, and the tokens scanned before it stopped."""

    error: yaml.MarkedYAMLError
    lines: Lines  # the text, and how an index becomes a line and column of the file
    tokens: tuple[yaml.Token, ...]
    mark: yaml.Mark  # where the parser stopped
    kind: Callable[[str], YamlLoader]  # the loader that found it, to try a fix with

    @classmethod
    def of(cls, error: yaml.MarkedYAMLError, lines: Lines, kind: Callable[[str], YamlLoader]) -> Mistake | None:
        """The mistake, or None when the parser named no place at all."""
        mark = error.problem_mark or error.context_mark
        if mark is None:
            return None
        return cls(error, lines, tuple(_tokens_before(lines.text, kind, mark)), mark, kind)

    @property
    def text(self) -> str:
        return self.lines.text

    @property
    def line(self) -> str:
        """The line the parser stopped on."""
        return self.lines.line_text(self.mark.index)

    def problem(self, message: str, index: int, fix: str = "", replace: tuple[str, str] | None = None) -> YamlProblem:
        return self.lines.problem(message, index, fix, replace)

    def reading(self, text: str) -> Reading:
        """How ``text``, the front matter with a fix applied, reads: its meaning, or the line it fails on."""
        loader = self.kind(text)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            return Reading(None, mark.line if mark else 0)
        except (yaml.YAMLError, TooMany, RecursionError):
            return Reading(None, 0)
        finally:
            loader.dispose()
        return Reading(yaml.serialize(node) if node is not None else "", None)


@dataclass(frozen=True)
class Reading:
    """What a fixed text means (its nodes serialized, so two fixes can be compared), or where it still fails."""

    meaning: str | None
    fails_on: int | None  # 0-based line of the text

    def past(self, line: int) -> bool:
        """Whether the text reads at least beyond ``line``: it parses, or its next mistake is further down."""
        return self.meaning is not None or (self.fails_on is not None and self.fails_on > line)


Explanation = Callable[[Mistake], YamlProblem | None]


def quote_never_closed(mistake: Mistake) -> YamlProblem | None:
    """A quote that nothing closes: the parser notices only at the end, but the mistake is where it opened."""
    error, opened = mistake.error, mistake.error.context_mark
    unclosed = "end of stream" in (error.problem or "") or "document separator" in (error.problem or "")
    if error.context != "while scanning a quoted scalar" or opened is None or not unclosed:
        return None
    quote = mistake.lines.line_text(opened.index)[opened.column : opened.column + 1]
    return mistake.problem(
        f"the quote {quote} opened here is never closed",
        opened.index,
        f"add the closing {quote} at the end of the value on this line",
    )


def no_space_after_colon(mistake: Mistake) -> YamlProblem | None:
    """``team:Off Switch``: without the space, the colon is part of the text, which is not a key."""
    glued = _glued_key_at(mistake)
    if glued is None:
        return None
    line, key, colon = glued
    return mistake.problem(
        f"'{shown(line.strip(), 40)}' has no space after '{key}:', so YAML reads it as text, not a key",
        colon,
        f"write a space after the colon: '{key}: '",
    )


def not_a_key_value_line(mistake: Mistake) -> YamlProblem | None:
    """A line of words among the fields, with no colon at all."""
    error, opened = mistake.error, mistake.error.context_mark
    if error.context != _SIMPLE_KEY or opened is None or error.problem != "could not find expected ':'":
        return None
    line = mistake.lines.line_text(opened.index)
    if not line.strip():
        return None
    return mistake.problem(
        f"'{shown(line.strip(), 40)}' is not a 'key: value' line",
        opened.index,
        "write it as 'key: value', or indent it under the value it continues",
    )


def quote_left_open(mistake: Mistake) -> YamlProblem | None:
    """A quote left open runs on to the next quote in the file, and the parser stops just after it."""
    quoted = _quoted_before(mistake.tokens, mistake.mark)
    if quoted is None or quoted.start_mark.line >= quoted.end_mark.line:
        return None
    quote = quoted.style
    return mistake.problem(
        f"the quote {quote} opened here is not closed on its line: it runs on to the next {quote}, "
        f"on line {mistake.lines.at(quoted.end_mark.index).line}",
        quoted.start_mark.index,
        f"add the closing {quote} at the end of the value on this line",
    )


def quote_inside_quoted_value(mistake: Mistake) -> YamlProblem | None:
    """``title: 'It's ...'``: the quote inside the value ends it, and the parser stops at what follows."""
    quoted = _quoted_before(mistake.tokens, mistake.mark)
    if quoted is None or not mistake.text[quoted.end_mark.index : quoted.end_mark.index + 1].isalnum():
        return None
    quote = quoted.style
    inside, other = ("'' (two single quotes)", "double quotes") if quote == "'" else ('\\"', "single quotes")
    return mistake.problem(
        f"the quote {quote} here ends the value before its text does",
        quoted.end_mark.index - 1,
        f"write a {quote} inside the value as {inside}, or put the value in {other} instead",
    )


def text_indented_unevenly(mistake: Mistake) -> YamlProblem | None:
    """``abstract: >-`` whose first line is indented more than the rest: the text ends after that line."""
    cut = _block_cut_short(mistake.tokens, mistake.text, mistake.mark)
    if cut is None:
        return None
    first, deeper, rest = cut
    return mistake.problem(
        f"this line of the text is indented {plural(deeper, 'space')} and the next ones {rest}, "
        "so the text ends after it",
        first + deeper,
        f"indent every line of the text alike ({plural(rest, 'space')}, as the lines after this one)",
    )


def bracket_left_open(mistake: Mistake) -> YamlProblem | None:
    """``tags: [a, b`` with nothing after it on the line: the list runs on into the next lines."""
    error = mistake.error
    opened = error.context_mark if error.context in _FLOW_CONTEXTS else None
    if opened is None or "expected ','" not in (error.problem or "") or mistake.mark.line <= opened.line:
        return None
    bracket = mistake.text[opened.index : opened.index + 1]
    after = mistake.lines.line_text(opened.index)[opened.column :].split("#", 1)[0].rstrip()
    if bracket not in _CLOSERS or after.endswith((",", bracket)):
        return None  # a list that rightly runs over lines: the mistake is elsewhere
    return mistake.problem(
        f"the {bracket} opened here is not closed on its line",
        opened.index,
        f"add the closing {_CLOSERS[bracket]} at the end of the line, "
        f"or put the value in quotes if the {bracket} is part of its text",
    )


def tab_in_indentation(mistake: Mistake) -> YamlProblem | None:
    """A tab in a line's indentation: YAML indents with spaces only; the tabs become spaces if one width reads right."""
    if "\t" not in _indent_of(mistake.line, " \t"):
        return None
    rows = mistake.text.split("\n")
    tabbed = [row for row, text in enumerate(rows) if "\t" in _indent_of(text, " \t")]
    first, last = tabbed[0], tabbed[-1]
    meanings: dict[str, tuple[int, list[str]]] = {}
    for width in (2, 4, 8):  # the widths editors use; when they mean the same, the smallest is written
        fixed = [_spaced(text, width) if first <= row <= last else text for row, text in enumerate(rows)]
        meaning = mistake.reading("\n".join(fixed)).meaning
        if meaning is not None:
            meanings.setdefault(meaning, (width, fixed))
    start = mistake.lines.starts[first]
    message = f"line {mistake.lines.at(start).line} is indented with a tab, and YAML indents with spaces only"
    if len(meanings) != 1:  # no width reads, or two read differently: which one was meant is the writer's call
        return mistake.problem(message, start, "indent the line with spaces, in line with the field it belongs to")
    _width, fixed = next(iter(meanings.values()))
    spaces = len(_indent_of(fixed[mistake.mark.line], " "))
    return mistake.problem(
        message,
        start,
        f"indent with spaces instead of tabs: {plural(spaces, 'space')} on line "
        f"{mistake.lines.at(mistake.lines.starts[mistake.mark.line]).line}"
        + (", and the other tabbed lines alike" if first != last else ""),
        ("\n".join(rows[first : last + 1]), "\n".join(fixed[first : last + 1])),
    )


def key_out_of_line(mistake: Mistake) -> YamlProblem | None:
    """A field indented a space or two too many or too few, so it lines up with no field above it."""
    line, row = mistake.line, mistake.mark.line
    field = _KEY_LINE.match(line)
    if field is None or ((mistake.error.problem or "").startswith("mapping values") and not _colon_is_first(mistake)):
        return None
    indent, rows = len(field.group(1)), mistake.text.split("\n")
    columns = _key_columns(rows[:row])
    moved = {column: " " * column + line.lstrip(" ") for column in columns if column != indent}
    fits = sorted(
        (abs(column - indent), column)
        for column, text in moved.items()
        if mistake.reading("\n".join([*rows[:row], text, *rows[row + 1 :]])).past(row)
    )
    if not fits or (len(fits) > 1 and fits[0][0] == fits[1][0]):
        return None  # nowhere, or two places as near: which field it belongs to is the writer's call
    column = fits[0][1]
    name, above = columns[column]
    return mistake.problem(
        f"'{field.group(2)}' is indented {plural(indent, 'space')}, so it lines up with no field above it",
        mistake.lines.starts[row],
        f"indent it {plural(column, 'space')}, in line with '{name}' on line "
        f"{mistake.lines.at(mistake.lines.starts[above]).line}",
        (line, moved[column]),
    )


def value_starts_with_at(mistake: Mistake) -> YamlProblem | None:
    """``github: @bob``, ``title: *bold*``: a plain value may not start with ``@``, a backtick, ``*`` or ``&``."""
    error, line = mistake.error, mistake.line
    start = mistake.mark.column
    if error.context in _ALIAS_CONTEXTS and error.context_mark is not None:
        start = error.context_mark.column  # ``*bold*``: the alias starts at the value's first character
    elif "cannot start any token" not in (error.problem or ""):
        return None
    if line[start : start + 1] not in _RESERVED_STARTS:
        return None
    field = _KEY_LINE.match(line)
    if field is None or line[:start].rstrip() != line[: field.end()].rstrip():
        return None  # not the value's first character
    value = line[start:]
    char = value[0]
    at = mistake.lines.starts[mistake.mark.line] + start
    message = f"a YAML value cannot start with {char}"
    if field.group(2) == "github" and char == "@" and _HANDLE.match(value[1:]):
        return mistake.problem(
            message, at, f"write the handle without the @: 'github: {value[1:]}'", (value, value[1:])
        )
    if " #" in value:
        return mistake.problem(message, at, "put the whole value in quotes")
    return mistake.problem(message, at, f"put the whole value in quotes: {quoted(value)}", (value, quoted(value)))


def colon_in_value(mistake: Mistake) -> YamlProblem | None:
    """``title: Probing: a study``: a second ``: `` on the line reads as a field inside the value."""
    if not (mistake.error.problem or "").startswith("mapping values are not allowed"):
        return None
    line = mistake.line
    field = _KEY_LINE.match(line)
    if field is None or _colon_is_first(mistake):
        return None
    start = field.end()
    value = line[start:].rstrip()
    if not value or value[0] in "'\"[{|>&*!" or " #" in value:
        return None
    at = mistake.lines.starts[mistake.mark.line] + start
    name = field.group(2)
    curly = _CURLY.get(value[0])
    if curly and value.endswith(curly) and len(value) > 1:
        inner = value[1:-1]
        return mistake.problem(
            f"the value of '{name}' holds ': ', and {value[0]}{curly} are typographic quotes, which YAML reads as text",
            at,
            f"use straight quotes: {quoted(inner)}",
            (value, quoted(inner)),
        )
    return mistake.problem(
        f"the value of '{name}' holds ': ', which YAML reads as the start of another field",
        at,
        f"put the whole value in quotes: {quoted(value)}",
        (value, quoted(value)),
    )


def parser_message(mistake: Mistake) -> YamlProblem:
    """The parser's own words where it stopped, and a word about tabs on a line that has one: always applies."""
    message = mistake.error.problem or mistake.error.context or "not valid YAML"
    tabbed = "\t" in mistake.lines.line_text(mistake.mark.index)
    hint = " (tabs cannot indent YAML: use spaces)" if tabbed else ""
    return mistake.problem(f"{message}{hint}", mistake.mark.index)


EXPLANATIONS: tuple[Explanation, ...] = (
    quote_never_closed,
    no_space_after_colon,
    not_a_key_value_line,
    quote_left_open,
    quote_inside_quoted_value,
    text_indented_unevenly,
    bracket_left_open,
    tab_in_indentation,
    key_out_of_line,
    value_starts_with_at,
    colon_in_value,
    parser_message,
)


def explain(error: yaml.MarkedYAMLError, lines: Lines, kind: Callable[[str], YamlLoader]) -> YamlProblem:
    """The first explanation in ``EXPLANATIONS`` that recognises the mistake (``parser_message`` always does)."""
    mistake = Mistake.of(error, lines, kind)
    if mistake is None:
        return YamlProblem(error.problem or error.context or "not valid YAML", 1 + lines.offset)
    return next(found for explanation in EXPLANATIONS if (found := explanation(mistake)) is not None)


def control_character(error: yaml.reader.ReaderError, lines: Lines, kind: Callable[[str], YamlLoader]) -> YamlProblem:
    """A character YAML refuses (a NUL, an escape), named at its place in the file."""
    index = error.position
    if kind is not PURE:  # libyaml counts bytes of UTF-8, not characters
        index = len(lines.text.encode("utf-8")[: error.position].decode("utf-8", "ignore"))
    char = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "?")
    return lines.problem(
        f"the control character U+{char:04X} is not allowed in YAML",
        index,
        "delete the invisible character (retype the line if your editor does not show it)",
    )


def _tokens_before(text: str, kind: Callable[[str], YamlLoader], error: yaml.Mark) -> list[yaml.Token]:
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


def _last_scalar(tokens: tuple[yaml.Token, ...]) -> tuple[int, yaml.ScalarToken] | None:
    """The last value scanned, and its place among the tokens."""
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if isinstance(token, yaml.ScalarToken):
            return index, token
    return None


def _quoted_before(tokens: tuple[yaml.Token, ...], error: yaml.Mark) -> yaml.ScalarToken | None:
    """The quoted value that ends on the line where the parser stopped, if it is the last value before it.

    YAML lets a quoted value run over several lines, so a quote left open is
    closed by whatever quote comes next, often lines later inside other text;
    and a quote inside a quoted value ends it early. Either way the parser stops
    just after the closing quote, away from the mistake.
    """
    last = _last_scalar(tokens)
    found = last[1] if last is not None and last[1].style in ('"', "'") else None
    return found if found is not None and found.end_mark.line == error.line else None


def _glued_key_at(mistake: Mistake) -> tuple[str, str, int] | None:
    """The line that starts ``key:text``, the key, and where its colon is: from the tokens, or the line itself."""
    found = _glued_key(mistake.tokens, mistake.mark)
    if found is not None:
        token, key = found
        return mistake.lines.line_text(token.start_mark.index), key, token.start_mark.index + len(key)
    opened = mistake.error.context_mark
    if mistake.error.context != _SIMPLE_KEY or opened is None:
        return None
    line = mistake.lines.line_text(opened.index)
    glued = _GLUED_KEY.match(line)
    if glued is None:
        return None
    return line, glued.group(2), opened.index - opened.column + glued.end(2)


def _glued_key(tokens: tuple[yaml.Token, ...], error: yaml.Mark) -> tuple[yaml.ScalarToken, str] | None:
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


def _block_cut_short(tokens: tuple[yaml.Token, ...], text: str, error: yaml.Mark) -> tuple[int, int, int] | None:
    """Where a ``|`` or ``>`` text's first line starts, its indent, and the less indented line the parser stopped at.

    The first line sets the indent of the whole text: a first line indented
    more than the next ones ends the text after itself, and the next line, no
    longer part of it, is where the parser stops.
    """
    last = _last_scalar(tokens)
    if last is None or last[1].style not in ("|", ">") or last[1].end_mark.line != error.line:
        return None
    place, block = last
    # The key or ``-`` that holds the text: a line indented no deeper than it is the next field, not more text.
    owner = next((t for t in reversed(tokens[:place]) if isinstance(t, yaml.KeyToken | yaml.BlockEntryToken)), None)
    after = text.find("\n", block.start_mark.index)  # the line after the ``>-`` indicator
    while after != -1 and after + 1 < error.index and not text[after + 1 : text.find("\n", after + 1)].strip():
        after = text.find("\n", after + 1)  # (blank lines do not count)
    if after == -1 or after + 1 >= error.index:
        return None
    first = after + 1
    line = text[first : text.find("\n", first)]
    deeper, rest = len(line) - len(line.lstrip(" ")), error.column
    return (first, deeper, rest) if (owner.start_mark.column if owner else 0) < rest < deeper else None


def quoted(text: str) -> str:
    """``text`` as a quoted YAML value that reads back as exactly ``text``: double quotes, or single ones."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def _indent_of(line: str, blanks: str) -> str:
    return line[: len(line) - len(line.lstrip(blanks))]


def _spaced(line: str, width: int) -> str:
    """``line`` with the tabs of its indentation turned into spaces, to the next multiple of ``width``."""
    indent = _indent_of(line, " \t")
    return indent.expandtabs(width) + line[len(indent) :]


def _key_columns(rows: list[str]) -> dict[int, tuple[str, int]]:
    """Each column where a field starts in ``rows``, with the nearest such field above: where a line may line up."""
    columns: dict[int, tuple[str, int]] = {}
    for row, line in enumerate(rows):
        field = _KEY_LINE.match(line)
        if field is not None:
            columns[len(field.group(1))] = (field.group(2), row)
            dash = line.lstrip(" ")
            if dash.startswith("-"):
                columns[len(line) - len(dash)] = ("-", row)
    return columns


def _colon_is_first(mistake: Mistake) -> bool:
    """Whether the parser stopped at the first ``: `` of its line: the line's own key, not a colon in its value."""
    field = _KEY_LINE.match(mistake.line)
    return field is not None and mistake.mark.column == field.end(2)
