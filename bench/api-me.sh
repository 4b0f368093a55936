#!/usr/bin/env bash
# Throughput and latency of GET /api/v1/me (token validation, user + deny-list query, "me" with permissions) on a
# Release build, SQLite, demo data, loopback only. Target: >= 5,000 req/s with p99 < 20 ms on the 2-core machine.
# Usage: bench/api-me.sh [duration, default 20s] [connections, default 32]
# Prints wrk's report and the script's summary (req/s, p50/p90/p99), plus the load average before and after.
# The per-user limit of 300 requests/min (api.md §2) is lifted for this process only (Api:PerUserPerMinute);
# otherwise wrk would measure 429 answers after the first 300 requests.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20s}
connections=${2:-32}

if ! command -v wrk >/dev/null 2>&1; then
  echo "[bench] installing wrk (apt)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Portal -c Release -v q --nologo >/dev/null
dll=src/Portal/bin/Release/net10.0/portal.dll
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
login=$(curl -s -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@demo.portal.local\",\"password\":\"$password\"}" "$base/api/v1/auth/login")
TOKEN=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["token"])' "$login")
export TOKEN
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$base/api/v1/me")
[ "$status" = 200 ] || { echo "[bench] GET /api/v1/me answered $status"; exit 1; }

users=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from Users").fetchone()[0])' "$data/portal.db" 2>/dev/null || echo "?")
echo "[bench] $(nproc) cores, $(uname -m), $(dotnet --version), Release, SQLite, $users users (demo data)"
# Warm-up: JIT, EF query compilation, connection pool.
wrk -t2 -c"$connections" -d3s -s bench/api-me.lua "$base/api/v1/me" >/dev/null
echo "[bench] load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c"$connections" -d"$duration" --latency -s bench/api-me.lua "$base/api/v1/me"
echo "[bench] load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
