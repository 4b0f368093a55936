#!/usr/bin/env bash
# Tasks at scale (issue 4 item 8): seeds the reference data set (`portal seed-demo --scale large`: 60 users, 8 sectors,
# 200,000 tasks) into a fresh data folder, logs a demo user in through the real login form, and runs wrk against
#   board     GET /tarefas/setor/{Fiscal}   the sector with ~2,000 open tasks   target >= 800 req/s, p99 < 100 ms
#   overview  GET /tarefas/visao-geral                                           target >= 800 req/s, p99 < 100 ms
#   detail    GET /tarefas/{id}             an open Fiscal task with subtasks    target >= 1,500 req/s, p99 < 50 ms
#   api       GET /api/v1/tasks?page=1      bearer token                         target >= 1,500 req/s, p99 < 50 ms
# plus, to check the plumbing on builds without the task pages: home (GET /inicio) and me (GET /api/v1/me).
# Release build, wrk -t2 -c32, loopback; wrk and the server share the machine.
#
# Usage: bench/tasks.sh [duration, default 20s] [connections, default 32]
#   BENCH_DB=mariadb        a private MariaDB (own datadir, socket and port on 127.0.0.1; shut down at the end)
#                           instead of SQLite
#   BENCH_TARGETS="board overview detail api"   which targets, in order (default); add "home me" for plumbing
#   BENCH_USER=fiscal@demo.portal.local         who logs in (default: a Fiscal collaborator, no view_all)
#   BENCH_TASKS=N           seed N tasks instead of 200,000 (quick runs; the board then has N/100 open tasks)
#   BENCH_DATA=dir          reuse a data folder seeded by an earlier run with BENCH_KEEP=1 (skips seeding)
#   BENCH_KEEP=1            keep the data folder (and MariaDB datadir) and print its path
#   BENCH_SQL=1             no wrk: request each target once with EF command logging on and print the SQL it sent
#                           (statement count, repeated statements = possible N+1); see bench/README.md
#   BENCH_WARMUP=30s        warm-up per target before any measurement (all targets first, then each again for 10 s)
#   BENCH_TIMEOUT=10s       wrk's per-request timeout (its default of 2 s drops slow answers from the latencies)
#   PORTAL_DLL=path         run an existing build instead of building src/Portal
#
# Prints the seed time, then per target wrk's summary (req/s, p50/p90/p99, non-200 answers), the server's CPU time
# per request and the load average, and a final table against the targets. A target answering 404 (page not in this
# build) is reported and skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20s}
connections=${2:-32}
db=${BENCH_DB:-sqlite}
targets=${BENCH_TARGETS:-board overview detail api}
user=${BENCH_USER:-fiscal@demo.portal.local}
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log() { echo "[bench] $*"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

case "$db" in sqlite|mariadb) ;; *) echo "BENCH_DB must be sqlite or mariadb" >&2; exit 2 ;; esac
if [ -z "${BENCH_SQL:-}" ] && ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (apt)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

dll=${PORTAL_DLL:-}
if [ -z "$dll" ]; then
  dotnet build src/Portal -c Release -v q --nologo >/dev/null
  dll=src/Portal/bin/Release/net10.0/portal.dll
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

reuse=0
if [ -n "${BENCH_DATA:-}" ]; then data=$BENCH_DATA; reuse=1; else data=$(mktemp -d); fi
pid= dbpid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$dbpid" ]; then
    timeout 60 mariadb-admin --no-defaults --user=root --socket="$data/mysqld.sock" shutdown >/dev/null 2>&1 || kill "$dbpid" 2>/dev/null || true
    wait "$dbpid" 2>/dev/null || true
  fi
  if [ -n "${BENCH_KEEP:-}" ] || [ "$reuse" = 1 ]; then log "data kept in $data (BENCH_DATA=$data to reuse)"; else rm -rf "$data"; fi
}
trap cleanup EXIT

# ---- database --------------------------------------------------------------------------------------------------
dbargs=()
sql() { # one value from the portal database
  if [ "$db" = sqlite ]; then
    python3 -c 'import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone(); print(r[0] if r else "")' "$data/portal.db" "$1"
  else
    mariadb --no-defaults --user=root --socket="$data/mysqld.sock" -N -B portal -e "$1"
  fi
}
if [ "$db" = mariadb ]; then
  # Like scripts/test.sh: a throw-away server of our own, never the system one. Production-like durability.
  dbport=$(free_port)
  if [ ! -d "$data/mariadb" ]; then
    mkdir -p "$data/mariadb"
    mariadb-install-db --no-defaults --datadir="$data/mariadb" --user=root --auth-root-authentication-method=normal \
      --skip-test-db >"$data/install-db.log" 2>&1 || { cat "$data/install-db.log" >&2; exit 1; }
  fi
  mariadbd --no-defaults --user=root --datadir="$data/mariadb" --socket="$data/mysqld.sock" --pid-file="$data/mysqld.pid" \
    --log-error="$data/mysqld.err" --tmpdir="$data" --port="$dbport" --bind-address=127.0.0.1 --skip-name-resolve \
    --skip-log-bin --skip-performance-schema --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size="${BENCH_MARIADB_POOL:-512M}" --max-connections=500 --max-allowed-packet=64M \
    </dev/null >>"$data/mysqld.err" 2>&1 &
  dbpid=$!
  for _ in $(seq 1 600); do
    mariadb-admin --no-defaults --user=root --socket="$data/mysqld.sock" --connect-timeout=2 ping >/dev/null 2>&1 && break
    kill -0 "$dbpid" 2>/dev/null || { tail -20 "$data/mysqld.err" >&2; exit 1; }
    sleep 0.1
  done
  mariadb --no-defaults --user=root --socket="$data/mysqld.sock" \
    -e "CREATE USER IF NOT EXISTS 'portal'@'127.0.0.1' IDENTIFIED BY 'portal'; GRANT ALL PRIVILEGES ON *.* TO 'portal'@'127.0.0.1';"
  dbargs=(--Database:Provider=MySql "--Database:ConnectionString=Server=127.0.0.1;Port=$dbport;User ID=portal;Password=portal;Database=portal;")
  log "MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$dbport, buffer pool ${BENCH_MARIADB_POOL:-512M}"
fi

# ---- seed ------------------------------------------------------------------------------------------------------
if [ "$reuse" = 0 ]; then
  seedargs=(seed-demo --scale large)
  [ -n "${BENCH_TASKS:-}" ] && seedargs+=(--tasks "$BENCH_TASKS")
  log "seeding ($db): ${seedargs[*]} — load average before: $(loadavg)"
  dbcpu() { if [ -n "$dbpid" ]; then awk -v t="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / t}' "/proc/$dbpid/stat"; fi; }
  db_before=$(dbcpu)
  start=$(date +%s%N)
  ASPNETCORE_ENVIRONMENT=Development /usr/bin/time -f "%U %S %M" -o "$data/seed.time" \
    dotnet "$dll" "${seedargs[@]}" --Portal:DataPath="$data" "${dbargs[@]}" >"$data/seed.log" 2>&1 \
    || { tail -30 "$data/seed.log" >&2; exit 1; }
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  read -r cpu_user cpu_sys max_kb <"$data/seed.time"
  log "$(grep -o 'Dados de demonstração (escala grande) criados.*' "$data/seed.log")"
  log "seed command: ${elapsed} ms wall (process start, migrations, users, tasks), CPU ${cpu_user}s user + ${cpu_sys}s sys, max RSS $((max_kb / 1024)) MB; load average after: $(loadavg)"
  if [ -n "$dbpid" ]; then log "mariadbd CPU during the seed: $(python3 -c "print(round($(dbcpu) - $db_before, 1))") s"; fi
fi

# ---- server ----------------------------------------------------------------------------------------------------
port=$(free_port)
base="http://127.0.0.1:$port"
serverargs=(--Portal:DataPath="$data" --Portal:PublicUrl="$base" --Urls="$base" --Tls:Mode=None --Api:PerUserPerMinute=100000000)
if [ -n "${BENCH_SQL:-}" ]; then
  serverargs+=(--Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command=Information)
fi
dotnet "$dll" "${serverargs[@]}" "${dbargs[@]}" >"$data/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  curl -s -o /dev/null "$base/health/live" && break
  kill -0 "$pid" 2>/dev/null || { tail -30 "$data/server.log" >&2; exit 1; }
  sleep 0.1
done

# ---- log in: the real form (antiforgery token + cookie), then a bearer token for the API --------------------
password=$(sed -n 's/^Senha de todos os usuários: //p' "$data/demo-credentials.txt")
jar="$data/cookies.txt"
rm -f "$jar"
form=$(curl -s -c "$jar" -b "$jar" "$base/login")
csrf=$(printf '%s' "$form" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$csrf" ] || { log "no antiforgery token on /login"; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "Email=$user" \
  --data-urlencode "Password=$password" --data-urlencode "__RequestVerificationToken=$csrf" "$base/login")
[ "$status" = 302 ] || { log "login as $user answered $status (expected 302)"; exit 1; }
# wrk sends a fixed Cookie header: every cookie of the jar (HttpOnly ones are prefixed "#HttpOnly_" there).
COOKIE=$(awk -F'\t' '/^#HttpOnly_/ { sub(/^#HttpOnly_/, "") } /^#/ || NF < 7 { next } { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
login=$(curl -s -H 'Content-Type: application/json' -d "{\"email\":\"$user\",\"password\":\"$password\"}" "$base/api/v1/auth/login")
TOKEN=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["token"])' "$login")

fiscal=$(sql "SELECT Id FROM Sectors WHERE NameNormalized = 'FISCAL'")
# The detail target: an open Fiscal task with subtasks and the longest conversation (the heaviest ordinary detail).
detail=$(sql "SELECT t.Id FROM Tasks t WHERE t.SectorId = $fiscal AND t.ParentId IS NULL AND t.Status <> 2
  AND EXISTS (SELECT 1 FROM Tasks c WHERE c.ParentId = t.Id)
  ORDER BY (SELECT COUNT(*) FROM TaskComments m WHERE m.TaskId = t.Id) DESC, t.Id LIMIT 1")
open_fiscal=$(sql "SELECT COUNT(*) FROM Tasks WHERE SectorId = $fiscal AND ParentId IS NULL AND Status <> 2")
tasks=$(sql "SELECT COUNT(*) FROM Tasks")
log "$(nproc) cores, $(uname -m), .NET $(dotnet --version), $dll, $db, $tasks tasks, Fiscal (#$fiscal) $open_fiscal open root tasks, detail task #$detail, as $user"

url_of() {
  case "$1" in
    board) echo "/tarefas/setor/$fiscal" ;;
    overview) echo "/tarefas/visao-geral" ;;
    detail) echo "/tarefas/$detail" ;;
    api) echo "/api/v1/tasks?page=1" ;;
    home) echo "/inicio" ;;
    me) echo "/api/v1/me" ;;
    *) echo "unknown target $1" >&2; exit 2 ;;
  esac
}
auth_of() { case "$1" in api|me) echo TOKEN ;; *) echo COOKIE ;; esac; }
target_of() { case "$1" in board|overview) echo "800 100" ;; detail|api) echo "1500 50" ;; *) echo "- -" ;; esac; }
get() { # $1 target, extra curl args after
  local t=$1; shift
  if [ "$(auth_of "$t")" = TOKEN ]; then curl -s -H "Authorization: Bearer $TOKEN" "$@" "$base$(url_of "$t")"
  else curl -s -H "Cookie: $COOKIE" -H 'Accept-Encoding: br, gzip' "$@" "$base$(url_of "$t")"; fi
}

# ---- SQL per request (BENCH_SQL=1) ---------------------------------------------------------------------------
if [ -n "${BENCH_SQL:-}" ]; then
  for t in $targets; do
    get "$t" -o /dev/null # first request: EF query compilation, caches
    id=$(get "$t" -o /dev/null -D - | sed -n 's/^[Xx]-[Rr]equest-[Ii][Dd]: *//p' | tr -d '\r')
    status=$(get "$t" -o /dev/null -w '%{http_code}')
    sleep 1 # the file sink writes asynchronously
    echo "==== $t $(url_of "$t") → $status (request $id)"
    python3 bench/sql-per-request.py "$data/logs" "$id" ${BENCH_SQL_BRIEF:+--brief} || true
  done
  exit 0
fi

# ---- wrk -----------------------------------------------------------------------------------------------------
export COOKIE TOKEN
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
ticks=$(getconf CLK_TCK)
summary=()
# Warm-up of every target first (${BENCH_WARMUP:-30s} each): JIT tiering and dynamic PGO keep improving the process for
# a minute or more on 2 busy cores, and the pages share most of their code; a target measured right after a short
# warm-up of its own looks up to twice as slow as the same page on a server that has been running for a while.
for t in $targets; do
  [ "$(get "$t" -o /dev/null -w '%{http_code}')" = 200 ] || continue
  envvar=$(auth_of "$t")
  env -u COOKIE -u TOKEN "$envvar=${!envvar}" wrk -t2 -c"$connections" -d"${BENCH_WARMUP:-30s}" --timeout "${BENCH_TIMEOUT:-10s}" \
    -s bench/tasks.lua "$base$(url_of "$t")" >/dev/null
done
for t in $targets; do
  url=$(url_of "$t")
  status=$(get "$t" -o /dev/null -w '%{http_code}')
  if [ "$status" != 200 ]; then
    log "$t: GET $url answered $status — skipped (page not in this build, or not allowed for $user)"
    summary+=("$t|$url|$status|-|-|-|-|skipped")
    continue
  fi
  bytes=$(get "$t" | wc -c)
  envvar=$(auth_of "$t")
  # Then a short one of its own: EF query compilation, connection pool, SQLite/InnoDB page cache.
  env -u COOKIE -u TOKEN "$envvar=${!envvar}" wrk -t2 -c"$connections" -d10s --timeout "${BENCH_TIMEOUT:-10s}" \
    -s bench/tasks.lua "$base$url" >/dev/null
  log "$t: GET $url ($bytes bytes compressed) — load average before: $(loadavg)"
  before=$(cpu)
  out=$(env -u COOKIE -u TOKEN "$envvar=${!envvar}" wrk -t2 -c"$connections" -d"$duration" --timeout "${BENCH_TIMEOUT:-10s}" \
    --latency -s bench/tasks.lua "$base$url")
  after=$(cpu)
  echo "$out" | sed -n '/^requests:/,$p'
  requests=$(echo "$out" | sed -n 's/^requests: \([0-9]*\) .*/\1/p')
  rps=$(echo "$out" | sed -n 's/^req\/s: \([0-9]*\)/\1/p')
  p99=$(echo "$out" | sed -n 's/.*p99: \([0-9.]*\) ms.*/\1/p')
  bad=$(echo "$out" | sed -n 's/.*non-200 \([0-9]*\).*/\1/p')
  timeouts=$(echo "$out" | sed -n 's/.*timeout \([0-9]*\),.*/\1/p')
  bad=$((bad + timeouts)) # a timed-out request has no latency: count it as failed, never as fast
  per=$(python3 -c "print(round(($after - $before) * 1e6 / $ticks / max($requests, 1)))")
  log "$t: server CPU per request ${per} µs; load average after: $(loadavg)"
  read -r min_rps max_p99 <<<"$(target_of "$t")"
  verdict="-"
  if [ "$min_rps" != "-" ]; then
    verdict=$(python3 -c "print('met' if $rps >= $min_rps and $p99 < $max_p99 and $bad == 0 else 'NOT met')")
    verdict="$verdict (≥ $min_rps req/s, p99 < $max_p99 ms)"
  fi
  summary+=("$t|$url|$status|$rps|$p99|$per|$bad|$verdict")
done

echo
echo "| target | url | status | req/s | p99 ms | server CPU/req µs | non-200 or timed out | target |"
echo "|---|---|---|---|---|---|---|---|"
for row in "${summary[@]}"; do echo "| ${row//|/ | } |"; done
