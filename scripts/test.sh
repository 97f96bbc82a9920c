#!/usr/bin/env bash
# Install clashmap with its test extras, start the real services the tests use
# (PostgreSQL from Debian, headless Chromium from Debian), then run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  need=""
  command -v pg_ctlcluster >/dev/null || need="$need postgresql"
  command -v chromium >/dev/null || need="$need chromium"
  # npm (Debian's pulls in nodejs) for scripts/build_web.sh, which fetches the web assets
  if [ -f src/clashmap/web/package.json ] && ! command -v npm >/dev/null; then need="$need npm"; fi
  if [ -n "$need" ]; then
    echo "== installing Debian packages:$need"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  fi
fi

echo "== python environment"
[ -d .venv ] || python3 -m venv .venv
. .venv/bin/activate
pip install -q --upgrade pip >/dev/null 2>&1 || true
pip install -q -e ".[test]" 2>&1 | grep -v -i "warning: location" || true
python -c "import clashmap" # fail fast if the install did not work
python -c "from clashmap.extract import compiled; s = compiled.status(); print('== extraction stages:', s['mode'], '-', s['reason'])"
# with a C compiler the install compiles the stages (setup.py); a test checks that it did
if command -v cc >/dev/null && [ "${CLASHMAP_COMPILE:-1}" != 0 ]; then export CLASHMAP_EXPECT_COMPILED=1; fi

# web assets (Leaflet etc.) from the npm registry, when the web app declares them
if [ -f src/clashmap/web/package.json ]; then
  echo "== web assets"
  bash scripts/build_web.sh
fi

# PostgreSQL: a throw-away cluster owned by this run, on a private port and socket dir.
if command -v pg_ctlcluster >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== postgresql"
  eval "$(bash scripts/pg_start.sh)"
  trap 'bash scripts/pg_stop.sh' EXIT
fi

echo "== tests"
set +e
python -m pytest -q -p no:cacheprovider "$@"
rc=$?
set -e
[ $rc = 5 ] && { echo "no tests collected"; exit 1; }
exit $rc
