#!/usr/bin/env bash
# Browser test of `newssearch serve`'s page in headless Chromium (Selenium in a venv).
# Installs chromium and chromium-driver with apt if missing; exits 0 with a printed reason
# only when they cannot be installed; any real failure exits non-zero.
# Screenshots go to Tests/browser/artefacts/ (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
artefacts="$here/artefacts"
export PATH="/opt/swift/usr/bin:$PATH"

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "browser test: installing chromium and chromium-driver"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } >/dev/null 2>&1 \
     || ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "skipping browser test: chromium and chromium-driver cannot be installed here (apt-get install failed)"
    exit 0
  fi
fi

venv="$here/.venv"
if ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$here/requirements.txt"
fi

cd "$root"
swift build --product newssearch >/dev/null
bin="$(swift build --show-bin-path)/newssearch"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" index seeds "$here/fixtures" --index "$work/index.db" --quiet
"$bin" serve --index "$work/index.db" --port 0 >"$work/serve.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://[^ ]*' "$work/serve.log" | head -1 || true)"
  [ -n "$url" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/serve.log"; echo "browser test FAILED: the server did not start"; exit 1; fi
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/serve.log"; echo "browser test FAILED: the server printed no URL"; exit 1; }

rm -rf "$artefacts"
"$venv/bin/python" "$here/drive.py" "$url" "$artefacts"
