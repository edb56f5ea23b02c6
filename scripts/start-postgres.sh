#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster if it is not running, makes a test role and database,
# and prints the SQLAlchemy URL for them. Needs root or sudo.
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo -n"
command -v pg_lsclusters >/dev/null || { echo "start-postgres: PostgreSQL is not installed" >&2; exit 1; }
read -r version cluster port status _ < <(pg_lsclusters -h | head -1)
if [ "$status" != online ]; then
  $sudo pg_ctlcluster "$version" "$cluster" start >&2
fi
as_pg() { $sudo su postgres -c "$1" >/dev/null; }
as_pg "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='audit_panel'\" | grep -q 1 || psql -p $port -c \"CREATE ROLE audit_panel LOGIN PASSWORD 'audit_panel' CREATEDB\""
as_pg "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname='audit_panel_test'\" | grep -q 1 || createdb -p $port -O audit_panel audit_panel_test"
echo "postgresql+psycopg://audit_panel:audit_panel@127.0.0.1:$port/audit_panel_test"
