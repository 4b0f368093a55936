#!/usr/bin/env bash
# Throughput and latency of the client list (GET /clientes, page 1, default filters) and of a client record
# (GET /clientes/{id}) with the reference data size of platform.md §13 (600 clients with partners, contacts and
# department profiles). Release build, demo users, session cookie, loopback only. Issue 6 target: >= 1,000 req/s
# with p99 < 100 ms at 32 connections on the 2-core machine, SQLite and MariaDB.
#
# Usage: bench/clients.sh [duration, default 20s] [connections, default 32]
#   BENCH_MYSQL="Server=127.0.0.1;Port=3306;User ID=portal;Password=portal;Database=portal_bench"  run on MariaDB
#   PORTAL_DLL=/path/portal.dll   run an existing build
#   BENCH_USER=gestor@demo.portal.local   measure another demo user (default: a Colaborador, clients.view only)
#   BENCH_EXTRA="/inicio"   also measure other paths (baseline of the shell alone)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20s}
connections=${2:-32}
user=${BENCH_USER:-fiscal@demo.portal.local}
clients=${BENCH_CLIENTS:-600}

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

db_args=()
db_name=SQLite
if [ -n "${BENCH_MYSQL:-}" ]; then
  db_args=(--Database:Provider=MySql "--Database:ConnectionString=$BENCH_MYSQL")
  db_name=MariaDB
fi
# --demo seeds the demo users and, with Clients:DemoCount, the generated clients (ClientsDemoData.GenerateAsync).
dotnet "$dll" --demo --Portal:DataPath="$data" --Portal:PublicUrl="$base" --Urls="$base" \
  --Clients:DemoCount="$clients" --Tls:Mode=None "${db_args[@]}" >"$data/stdout.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  curl -s -o /dev/null "$base/health/live" && break
  sleep 0.1
done
password=$(sed -n 's/^Senha de todos os usuários: //p' "$data/demo-credentials.txt")

# Sign in like a browser: antiforgery cookie + token from the login page, then the session cookie. Plain HTTP on
# loopback (Tls:Mode=None): behind the proxy the cookies would be Secure, which curl only sends over HTTPS.
jar="$data/cookies.txt"
token=$(curl -s -c "$jar" "$base/login" | sed -n 's/.*name="csrf-token" content="\([^"]*\)".*/\1/p')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Email=$user" --data-urlencode "Password=$password" \
  --data-urlencode "__RequestVerificationToken=$token" "$base/login"
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }')
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/clientes")
[ "$status" = 200 ] || { echo "[bench] GET /clientes answered $status"; tail -20 "$data/stdout.log"; exit 1; }
# A matriz with partners, contacts and profiles: the first Simples Nacional client of the list.
id=$(curl -s -H "Cookie: $cookie" "$base/clientes?regime=SimplesNacional" | sed -n 's/.*data-client-id="\([0-9]*\)".*/\1/p' | head -1)

echo "[bench] $(nproc) cores, $(uname -m), .NET SDK $(dotnet --version), $dll, $db_name, $clients clients, as $user"
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
run() {
  local name=$1 url=$2
  local bytes
  bytes=$(curl -s -H "Cookie: $cookie" "$url" | wc -c)
  echo "[bench] === $name: $url ($bytes bytes) — load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  local before after out requests
  before=$(cpu)
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency -H "Cookie: $cookie" "$url")
  after=$(cpu)
  echo "$out"
  requests=$(echo "$out" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
  echo "[bench] $name server CPU per request: $(python3 -c "print(round(($after - $before) * 1e6 / $(getconf CLK_TCK) / max($requests, 1)))") µs"
}
# Warm-up of every measured page first: on a busy 2-core machine JIT tiering and dynamic PGO keep improving the
# process for half a minute or more, and a page measured right after its own short warm-up looks twice as slow.
for url in "$base/clientes" "$base/clientes/$id" ${BENCH_EXTRA:+$(for e in $BENCH_EXTRA; do printf '%s ' "$base$e"; done)}; do
  wrk -t2 -c"$connections" -d"${BENCH_WARMUP:-20s}" -H "Cookie: $cookie" "$url" >/dev/null
done
run "lista" "$base/clientes"
run "ficha" "$base/clientes/$id"
# BENCH_EXTRA="/inicio /admin/usuarios": other pages under the same conditions, for comparison.
for extra in ${BENCH_EXTRA:-}; do run "$extra" "$base$extra"; done
echo "[bench] load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
