"""Which judges can be compared: the judge–project graph and its connected groups.

Leniency can only be estimated between judges linked through projects they
both read (directly or through other judges), so assignment aims for one group
and ranking falls back to raw means within each group when there are several.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

Node = tuple[str, str]  # ("judge", id) or ("project", slug)


def judge_groups(pairs: Iterable[tuple[str, str]]) -> list[frozenset[str]]:
    """Judges grouped by connection through shared projects, largest group first.

    ``pairs`` are (judge, project); two judges are linked when a chain of
    shared projects joins them.
    """
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for judge, project in pairs:
        parent[find(("judge", judge))] = find(("project", project))
    groups: dict[Node, set[str]] = defaultdict(set)
    for kind, name in list(parent):
        if kind == "judge":
            groups[find((kind, name))].add(name)
    return sorted((frozenset(g) for g in groups.values()), key=lambda g: (-len(g), sorted(g)))
