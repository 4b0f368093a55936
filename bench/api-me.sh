#!/usr/bin/env bash
# Throughput and latency of GET /api/v1/me (token validation, user + deny-list query, "me" with permissions) on a
# Release build, demo data, loopback only. Target: >= 5,000 req/s with p99 < 20 ms on the 2-core machine.
#
# Usage: bench/api-me.sh [duration, default 20s] [connections, default 32]
#   PORTAL_DLL=/path/portal.dll  run an existing build instead of building src/Portal (before/after comparisons)
#   BENCH_USER=gestor@demo.portal.local  measure a non-administrator (permissions come from grants)
#   BENCH_WARMUP=30s  warm-up before measuring (JIT tiering is still visible after 15-20 s on a busy machine)
#   BENCH_MYSQL="Server=127.0.0.1;Port=…;User ID=…;Password=…;"  MariaDB/MySQL instead of SQLite: a fresh database
#     portal_bench_<random> is created by the portal's migrations and dropped at the end (needs the `mariadb` client)
#   BENCH_DB_PID=<pid of mariadbd>  also report the database server's CPU time per request
#
# Prints wrk's report and a summary: req/s, p50/p90/p99, the server's CPU time per request (user+system, from
# /proc — the figure that stays comparable when other processes share the CPU), wrk's own CPU per request (it shares
# the cores) and the load average before/after.
# The per-user limit of 300 requests/min (api.md §2) is lifted for this process only (Api:PerUserPerMinute);
# otherwise wrk would measure 429 answers after the first 300 requests. wrk and the server share the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20s}
connections=${2:-32}
user=${BENCH_USER:-admin@demo.portal.local}
warmup=${BENCH_WARMUP:-30s}

if ! command -v wrk >/dev/null 2>&1; then
  echo "[bench] installing wrk (apt)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dll=${PORTAL_DLL:-}
if [ -z "$dll" ]; then
  dotnet build src/Portal -c Release -v q --nologo >/dev/null
  dll=src/Portal/bin/Release/net10.0/portal.dll
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
data=$(mktemp -d)
pid=
provider=SQLite
db_args=()
mysql_db=
if [ -n "${BENCH_MYSQL:-}" ]; then
  provider=MariaDB
  mysql_db="portal_bench_$(python3 -c 'import secrets; print(secrets.token_hex(6))')"
  db_args=(--Database:Provider=MySql "--Database:ConnectionString=${BENCH_MYSQL%;};Database=$mysql_db;")
fi
mysql_cli() {
  python3 - "$BENCH_MYSQL" "$@" <<'PY'
import subprocess, sys
kv = dict(p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p)
k = {a.lower().replace(" ", ""): b for a, b in kv.items()}
subprocess.run(["mariadb", "--no-defaults", "-h", k.get("server", "127.0.0.1"), "-P", k.get("port", "3306"),
                "-u", k.get("userid", k.get("user", "root")), "-p" + k.get("password", ""), *sys.argv[2:]], check=True)
PY
}
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$mysql_db" ]; then mysql_cli -e "DROP DATABASE IF EXISTS $mysql_db" || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

dotnet "$dll" --demo --Portal:DataPath="$data" --Portal:PublicUrl="$base" --Urls="$base" \
  --Api:PerUserPerMinute=100000000 "${db_args[@]}" >"$data/stdout.log" 2>&1 &
pid=$!
# Up to 2 minutes: migrations and demo data on MariaDB take a while on a busy machine.
for _ in $(seq 1 1200); do
  curl -s -o /dev/null "$base/health/live" && break
  kill -0 "$pid" 2>/dev/null || { echo "[bench] the portal exited:"; tail -20 "$data/stdout.log"; exit 1; }
  sleep 0.1
done
password=$(sed -n 's/^Senha de todos os usuários: //p' "$data/demo-credentials.txt")
login=$(curl -s -H 'Content-Type: application/json' -d "{\"email\":\"$user\",\"password\":\"$password\"}" "$base/api/v1/auth/login")
TOKEN=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["token"])' "$login")
export TOKEN
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$base/api/v1/me")
[ "$status" = 200 ] || { echo "[bench] GET /api/v1/me answered $status"; exit 1; }

if [ -n "$mysql_db" ]; then
  users=$(mysql_cli -N -e "select count(*) from $mysql_db.Users" 2>/dev/null || echo "?")
else
  users=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from Users").fetchone()[0])' "$data/portal.db" 2>/dev/null || echo "?")
fi
bytes=$(curl -s -H "Authorization: Bearer $TOKEN" "$base/api/v1/me" | wc -c)
echo "[bench] $(nproc) cores, $(uname -m), .NET SDK $(dotnet --version), $dll, $provider, $users users (demo), as $user, body $bytes bytes"
# Warm-up: JIT tiering and dynamic PGO take a while on a busy 2-core machine; EF query compilation; connection pool.
wrk -t2 -c"$connections" -d"$warmup" -s bench/api-me.lua "$base/api/v1/me" >/dev/null
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
echo "[bench] load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
before=$(cpu "$pid")
db_before=$([ -n "${BENCH_DB_PID:-}" ] && cpu "$BENCH_DB_PID" || echo 0)
TIMEFORMAT='%U %S'
wrk_cpu=$( { time wrk -t2 -c"$connections" -d"$duration" --latency -s bench/api-me.lua "$base/api/v1/me" >"$data/wrk.out"; } 2>&1 )
out=$(cat "$data/wrk.out")
after=$(cpu "$pid")
db_after=$([ -n "${BENCH_DB_PID:-}" ] && cpu "$BENCH_DB_PID" || echo 0)
echo "$out"
requests=$(echo "$out" | sed -n 's/^requests: \([0-9]*\) .*/\1/p')
ticks=$(getconf CLK_TCK)
echo "[bench] server CPU per request: $(python3 -c "print(round(($after - $before) * 1e6 / $ticks / $requests))") µs"
echo "[bench] wrk CPU per request: $(python3 -c "u, s = map(float, '$wrk_cpu'.split()); print(round((u + s) * 1e6 / $requests))") µs"
if [ -n "${BENCH_DB_PID:-}" ]; then
  echo "[bench] database server CPU per request: $(python3 -c "print(round(($db_after - $db_before) * 1e6 / $ticks / $requests))") µs"
fi
echo "[bench] load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
