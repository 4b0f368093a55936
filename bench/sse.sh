#!/usr/bin/env bash
# SSE load (issue 5, NTF-06): a Release portal on loopback (SQLite, --demo, throw-away data folder), N concurrent
# /api/v1/events/stream streams held by bench users, 100 events to all and to random users; prints delivery p50/p95
# and the server's RSS. (The board page's p95 under the same load — issue 5 — is measured separately with
# bench/tasks.sh while this runs; not automated here.)
#
# Usage: bench/sse.sh [streams, default 2000] [events, default 100]
#   BENCH_HOLD=300      seconds to keep the streams open after the last event (issue: 5 minutes; default 10)
#   BENCH_INTERVAL=200  ms between events
#   PORTAL_DLL=…        an existing build instead of building src/Portal
# Only loopback; the portal and the load tool share the machine (note it with the results in bench/results.md).
set -euo pipefail
cd "$(dirname "$0")/.."
streams=${1:-2000}
events=${2:-100}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dll=${PORTAL_DLL:-}
if [ -z "$dll" ]; then
  dotnet build src/Portal -c Release -v q --nologo >/dev/null
  dll=src/Portal/bin/Release/net10.0/portal.dll
fi
dotnet build bench/SseLoad -c Release -v q --nologo >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
data=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

# Many streams = many sockets: the tool and the server both need file descriptors (2 per stream on loopback).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
dotnet "$dll" --demo --Portal:DataPath="$data" --Portal:PublicUrl="$base" --Urls="$base" \
  --Api:PerUserPerMinute=100000000 >"$data/stdout.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  curl -s -o /dev/null "$base/health/live" && break
  kill -0 "$pid" 2>/dev/null || { echo "[bench] the portal exited:"; tail -20 "$data/stdout.log"; exit 1; }
  sleep 0.1
done
password=$(sed -n 's/^Senha de todos os usuários: //p' "$data/demo-credentials.txt")
echo "[bench] $(nproc) cores, $(uname -m), .NET SDK $(dotnet --version), $dll, SQLite, load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet bench/SseLoad/bin/Release/net10.0/SseLoad.dll --url "$base" --admin admin@demo.portal.local --password "$password" \
  --streams "$streams" --events "$events" --interval-ms "${BENCH_INTERVAL:-200}" --hold "${BENCH_HOLD:-10}" --pid "$pid"
echo "[bench] load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
