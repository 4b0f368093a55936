#!/usr/bin/env bash
# SSE load (issue 5, NTF-06): a Release portal on loopback (SQLite, --demo, throw-away data folder), N concurrent
# /api/v1/events/stream streams held by bench users, 100 events to all and to random users; prints delivery p50/p95
# and the server's RSS; once the streams are open, wrk measures the Fiscal board page (signed in through the real login
# form) at the same time, with its p95 (issue 5: < 250 ms).
#
# Usage: bench/sse.sh [streams, default 2000] [events, default 100]
#   BENCH_HOLD=300      seconds to keep the streams open after the last event (issue: 5 minutes; default 10)
#   BENCH_INTERVAL=200  ms between events
#   PORTAL_DLL=…        an existing build instead of building src/Portal
#   BENCH_BOARD_SECONDS=60  wrk duration on the board page, started when the streams are open (0: no board measure)
#   BENCH_BOARD_CONNECTIONS=8
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
dotnet "$dll" --demo --Portal:DataPath="$data" --Portal:PublicUrl="$base" --Urls="$base" --Tls:Mode=None \
  --Api:PerUserPerMinute=100000000 >"$data/stdout.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  curl -s -o /dev/null "$base/health/live" && break
  kill -0 "$pid" 2>/dev/null || { echo "[bench] the portal exited:"; tail -20 "$data/stdout.log"; exit 1; }
  sleep 0.1
done
password=$(sed -n 's/^Senha de todos os usuários: //p' "$data/demo-credentials.txt")
echo "[bench] $(nproc) cores, $(uname -m), .NET SDK $(dotnet --version), $dll, SQLite, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The board page as a signed-in admin (the real form: antiforgery token + cookie), for wrk's fixed Cookie header.
board_seconds=${BENCH_BOARD_SECONDS:-60}
if [ "$board_seconds" -gt 0 ]; then
  command -v wrk >/dev/null || { echo "[bench] wrk is missing (apt-get install -y wrk)"; exit 1; }
  jar="$data/cookies.txt"
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "Email=admin@demo.portal.local" \
    --data-urlencode "Password=$password" --data-urlencode "__RequestVerificationToken=$csrf" "$base/login")
  [ "$status" = 302 ] || { echo "[bench] login answered $status (expected 302)"; tail -30 "$data/stdout.log"; exit 1; }
  COOKIE=$(awk -F'\t' '/^#HttpOnly_/ { sub(/^#HttpOnly_/, "") } /^#/ || NF < 7 { next } { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
  export COOKIE
  fiscal=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT Id FROM Sectors WHERE NameNormalized = ?", ("FISCAL",)).fetchone()[0])' "$data/portal.db")
  board="$base/tarefas/setor/$fiscal"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$board")" = 200 ] || { echo "[bench] $board is not 200"; exit 1; }
fi

# The load tool's output is watched: when it reports the streams open, wrk starts on the board for board_seconds.
out="$data/sse.txt"
: >"$out"
watcher=
if [ "$board_seconds" -gt 0 ]; then
  (
    until grep -q 'streams open' "$out"; do sleep 0.5; done
    wrk -t1 -c"${BENCH_BOARD_CONNECTIONS:-8}" -d"${board_seconds}s" -s bench/tasks.lua "$board" >"$data/board.txt" 2>&1
  ) &
  watcher=$!
fi
dotnet bench/SseLoad/bin/Release/net10.0/SseLoad.dll --url "$base" --admin admin@demo.portal.local --password "$password" \
  --streams "$streams" --events "$events" --interval-ms "${BENCH_INTERVAL:-200}" --hold "${BENCH_HOLD:-10}" --pid "$pid" | tee "$out"
if [ -n "$watcher" ]; then
  wait "$watcher" || true
  echo "[bench] board page $board with ${BENCH_BOARD_CONNECTIONS:-8} connections for ${board_seconds} s while the streams were open:"
  sed 's/^/[board] /' "$data/board.txt"
fi
echo "[bench] load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
