#!/usr/bin/env bash
# Sets up (first time only) and runs the whole check: ruff, mypy and the test suite, against
# SQLite and against a local PostgreSQL server that this script starts.
# Extra arguments go to pytest, e.g. ./run-tests.sh -k archive
# The tests run in parallel, one worker per core (AUDIT_PANEL_TEST_WORKERS=0 runs them in one).
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
scripts/setup.sh test
if [ -z "${AUDIT_PANEL_TEST_PG_URL:-}" ]; then
  if url=$(scripts/start-postgres.sh); then
    export AUDIT_PANEL_TEST_PG_URL=$url
  else
    echo "run-tests: PostgreSQL could not be started; its tests will be skipped" >&2
  fi
fi
.venv/bin/ruff check .
.venv/bin/mypy
status=0
.venv/bin/python -m pytest -n "${AUDIT_PANEL_TEST_WORKERS:-auto}" "$@" || status=$?
if [ $status -eq 5 ]; then
  echo "run-tests: pytest collected no tests: that is a failure" >&2
fi
exit $status
