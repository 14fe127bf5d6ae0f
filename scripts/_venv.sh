# Sourced by the other scripts: make sure .venv exists and matches pyproject.toml.
# Needs only Python 3.11+ and git; pip reaches PyPI for the pinned packages.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"
STAMP="$VENV/.jamkit-stamp"
# JAMKIT_EXTRAS: the optional dependencies to install too; scripts/test sets "test", the others
# install none. A .venv made with the test extras also serves the others (it holds more).
EXTRAS="${JAMKIT_EXTRAS:-}"
digest="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
want="$digest-$EXTRAS"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [ ! -x "$VENV/bin/python" ] || { [ "$have" != "$want" ] && { [ -n "$EXTRAS" ] || [ "$have" != "$digest-test" ]; }; }; then
  echo "jamkit: preparing .venv (pyproject.toml changed or no .venv yet)..." >&2
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || { echo "jamkit needs Python 3.11 or newer (found $("$PYTHON" --version))" >&2; exit 2; }
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  # The distribution was called `jamkit` before it became `jamkit-sprints`: an old .venv's install goes first,
  # or two distributions would claim the package and the `jam` command.
  "$VENV/bin/python" -m pip uninstall --quiet --disable-pip-version-check -y jamkit 2>/dev/null || true
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".${EXTRAS:+[$EXTRAS]}"
  echo "$want" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
export NO_MKDOCS_2_WARNING=1
