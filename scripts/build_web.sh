#!/usr/bin/env bash
# Build clashmap's web assets: install the pinned npm packages (package-lock.json) and copy the
# files the pages load into src/clashmap/web/static/vendor. Both node_modules and vendor are
# git-ignored: third-party code comes from the npm registry at build time, never from the repo,
# and the running server never downloads anything (no CDN).
set -euo pipefail
cd "$(dirname "$0")/../src/clashmap/web"

command -v npm >/dev/null || { echo "build_web.sh: npm not found (install Node.js 18+)" >&2; exit 1; }

# npm ci installs exactly what the lock file says; fall back to install only when there is no lock.
# --ignore-scripts: these packages are plain files; no install script needs to run (and
# swagger-ui-dist's dependency @scarf/scarf would otherwise report the install over the network).
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
else
  npm install --no-audit --no-fund --ignore-scripts --loglevel=error
fi

vendor=static/vendor
rm -rf "$vendor"
mkdir -p "$vendor/leaflet" "$vendor/markercluster" "$vendor/swagger-ui"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$vendor/leaflet/"
# leaflet.css refers to images/ next to it (layer switcher, default marker icons).
cp -r node_modules/leaflet/dist/images "$vendor/leaflet/images"
cp node_modules/leaflet/LICENSE "$vendor/leaflet/LICENSE"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css "$vendor/markercluster/"
cp node_modules/leaflet.markercluster/MIT-LICENCE.txt "$vendor/markercluster/LICENSE"
# the API docs page (/docs) loads Swagger UI from here instead of FastAPI's default CDN
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
   node_modules/swagger-ui-dist/LICENSE "$vendor/swagger-ui/"
echo "web assets built in src/clashmap/web/$vendor"
