#!/usr/bin/env bash
# Sets up (first time only) and starts Audit Panel on its SQLite database in your data folder.
# Extra arguments go to the app, e.g. ./run-app.sh --database postgresql+psycopg://host/db
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
"$root/scripts/setup.sh" app
exec "$root/.venv/bin/audit-panel" "$@"
