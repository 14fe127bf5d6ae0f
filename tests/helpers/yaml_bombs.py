"""YAML made to be expensive: the files that the composer's budgets must refuse cheaply."""

from __future__ import annotations


def merge_key_bomb(keys: int = 1000, levels: int = 5, copies: int = 8) -> str:
    """Each level merges the one below several times and overrides every merged key, so building it is cheap
    while expanding its merges is not: 54 KB that took 41 s and 2.9 GB before merged keys were counted."""
    own = ", ".join(f"k{i}: 0" for i in range(keys))
    lines = [f"x0: &a0 {{{own}}}"]
    for n in range(1, levels + 1):
        lines.append(f"x{n}: &a{n} {{<<: [{', '.join([f'*a{n - 1}'] * copies)}], {own}}}")
    return "\n".join(lines) + "\n"
