#!/usr/bin/env bash
# Import benchmark on both providers: generates a source of N tasks (default 20,000), then times a real
# `portal import-legacy` SQLite→SQLite and MariaDB→MariaDB (a private MariaDB is started and stopped here).
# Usage: bench/legacy-import/bench.sh [tasks]
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
tasks=${1:-20000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d /tmp/legacy-bench.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    mariadb-admin --no-defaults --user=root --socket="$tmp/db.sock" shutdown >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

[ -f "$root/src/Portal/bin/Release/net10.0/portal.dll" ] || dotnet build "$root/src/Portal" -c Release -v q --nologo

python3 "$here/generate.py" --sqlite "$tmp/source.db" --tasks "$tasks"
bash "$here/run.sh" sqlite "$tmp/source.db"

mariadb-install-db --no-defaults --datadir="$tmp/db" --user=root --auth-root-authentication-method=normal --skip-test-db >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mariadbd --no-defaults --user=root --datadir="$tmp/db" --socket="$tmp/db.sock" --port="$port" --bind-address=127.0.0.1 \
  --skip-name-resolve --skip-log-bin --skip-performance-schema --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
  --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=0 --max-allowed-packet=64M --tmpdir="$tmp" >"$tmp/db.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do mariadb-admin --no-defaults --user=root --socket="$tmp/db.sock" ping >/dev/null 2>&1 && break; sleep 0.3; done
mariadb --no-defaults --user=root --socket="$tmp/db.sock" -e "CREATE USER 'portal'@'127.0.0.1' IDENTIFIED BY 'portal'; GRANT ALL ON *.* TO 'portal'@'127.0.0.1'; CREATE DATABASE legacy_bench CHARACTER SET utf8mb4;"
python3 "$here/generate.py" --mysql --tasks "$tasks" | mariadb --no-defaults --user=root --socket="$tmp/db.sock" legacy_bench
export PORTAL_TEST_MYSQL="Server=127.0.0.1;Port=$port;User ID=portal;Password=portal;"
bash "$here/run.sh" mysql "Server=127.0.0.1;Port=$port;Database=legacy_bench;User ID=portal;Password=portal;"
