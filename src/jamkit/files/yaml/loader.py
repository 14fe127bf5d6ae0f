"""Safe YAML that remembers where every key came from.

``parse`` is what the rest of jamkit calls: it reads one document into plain
values, every key path's line and column, and the duplicate keys, or raises
``YamlProblem`` with a line, a column and a fix. It runs the stages in turn:
the parser reads the text, ``compose`` builds the values within the budgets
that refuse hostile input, and ``explain`` turns any parser error into plain
words. Nothing here raises anything but ``YamlProblem``: alias bombs,
self-referring aliases, deep nesting, control characters and bad explicit tags
all become a problem with a line and column.

The plain scalars follow YAML 1.2 rather than 1.1, so that values mean what they
look like: only ``true``/``false`` are booleans (``country: NO`` stays Norway,
``on:`` stays a key), ``09:30`` is not the sexagesimal number 570, and
timestamps stay strings (the model parses dates itself, with messages of its
own). Keys are always the text written in the file.

The text is scanned and parsed by libyaml (PyYAML's C parser) when PyYAML was
built with it, about five times faster than the pure-Python parser; the nodes
are still composed in Python, so that the budgets and the recursion limit guard
them the same way on both paths. Without libyaml the pure parser reads the same
text into the same values and positions, and jamkit says so once.
"""

from __future__ import annotations

import yaml

from jamkit.files.yaml.compose import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_MERGES,
    MAX_NODES,
    MAX_STRING,
    Builder,
    Lines,
    Parsed,
    TooMany,
    YamlLoader,
    YamlProblem,
    libyaml,
    loader_kind,
    too_deep,
)
from jamkit.files.yaml.explain import control_character, explain

__all__ = [
    "MAX_ALIASES",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_MERGES",
    "MAX_NODES",
    "MAX_STRING",
    "Parsed",
    "YamlProblem",
    "libyaml",
    "parse",
]


def parse(text: str, line_offset: int = 0) -> Parsed:
    """Parse one YAML document; ``line_offset`` is the file line the text starts after."""
    lines = Lines(text, line_offset)
    kind = loader_kind()
    loader: YamlLoader | None = None
    try:
        loader = kind(text)
        node = loader.get_single_node()
    except TooMany as err:
        raise lines.problem(err.message, err.mark.index, err.fix) from None
    except yaml.reader.ReaderError as err:
        raise control_character(err, lines, kind) from None
    except yaml.MarkedYAMLError as err:
        raise explain(err, lines, kind) from None
    except RecursionError:
        raise too_deep(text, lines, kind) from None
    except yaml.YAMLError as err:
        raise YamlProblem(str(err).splitlines()[0] if str(err) else "not valid YAML", 1 + line_offset) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return Parsed(data=None)
    return Builder(loader, lines).document(node)
