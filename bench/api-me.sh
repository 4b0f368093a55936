#!/usr/bin/env bash
# Throughput and latency of GET /api/v1/me (token validation, user + deny-list query, "me" with permissions) on a
# Release build, SQLite, demo data, loopback only. Target: >= 5,000 req/s with p99 < 20 ms on the 2-core machine.
#
# Usage: bench/api-me.sh [duration, default 20s] [connections, default 32]
#   PORTAL_DLL=/path/portal.dll  run an existing build instead of building src/Portal (before/after comparisons)
#   BENCH_USER=gestor@demo.portal.local  measure a non-administrator (permissions come from grants)
#
# Prints wrk's report and a summary: req/s, p50/p90/p99, the server's CPU time per request (user+system, from
# /proc — the figure that stays comparable when other processes share the CPU) and the load average before/after.
# The per-user limit of 300 requests/min (api.md §2) is lifted for this process only (Api:PerUserPerMinute);
# otherwise wrk would measure 429 answers after the first 300 requests. wrk and the server share the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20s}
connections=${2:-32}
user=${BENCH_USER:-admin@demo.portal.local}

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
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

dotnet "$dll" --demo --Portal:DataPath="$data" --Portal:PublicUrl="$base" --Urls="$base" \
  --Api:PerUserPerMinute=100000000 >"$data/stdout.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  curl -s -o /dev/null "$base/health/live" && break
  sleep 0.1
done
password=$(sed -n 's/^Senha de todos os usuários: //p' "$data/demo-credentials.txt")
login=$(curl -s -H 'Content-Type: application/json' -d "{\"email\":\"$user\",\"password\":\"$password\"}" "$base/api/v1/auth/login")
TOKEN=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["token"])' "$login")
export TOKEN
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$base/api/v1/me")
[ "$status" = 200 ] || { echo "[bench] GET /api/v1/me answered $status"; exit 1; }

users=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from Users").fetchone()[0])' "$data/portal.db" 2>/dev/null || echo "?")
bytes=$(curl -s -H "Authorization: Bearer $TOKEN" "$base/api/v1/me" | wc -c)
echo "[bench] $(nproc) cores, $(uname -m), .NET SDK $(dotnet --version), $dll, SQLite, $users users (demo), as $user, body $bytes bytes"
# Warm-up: JIT tiering and dynamic PGO take a while on a busy 2-core machine; EF query compilation; connection pool.
wrk -t2 -c"$connections" -d15s -s bench/api-me.lua "$base/api/v1/me" >/dev/null
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
echo "[bench] load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
before=$(cpu)
out=$(wrk -t2 -c"$connections" -d"$duration" --latency -s bench/api-me.lua "$base/api/v1/me")
after=$(cpu)
echo "$out"
requests=$(echo "$out" | sed -n 's/^requests: \([0-9]*\) .*/\1/p')
ticks=$(getconf CLK_TCK)
echo "[bench] server CPU per request: $(python3 -c "print(round(($after - $before) * 1e6 / $ticks / $requests))") µs"
echo "[bench] load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
