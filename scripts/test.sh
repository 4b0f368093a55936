#!/usr/bin/env bash
# The one test command: scripts/test.sh [extra dotnet test args, e.g. --filter Category=Unit]
#
# - installs what the tests need from Debian (mariadb-server, chromium, fonts, pebble, certbot) when missing
# - starts a private, throw-away MariaDB on a free loopback port (never touches the system one)
# - starts a private, throw-away Redis the same way (two-instance real-time tests)
# - runs `dotnet test Portal.slnx -c Release` with a trx logger into TestResults/
# - prints "N passed, N failed[, N skipped]" as its last line; exits non-zero on any failure
#
# Environment handed to the tests:
#   PORTAL_TEST_MYSQL     Server=127.0.0.1;Port=...;User ID=portal;Password=portal;   (no Database=)
#   PORTAL_TEST_REDIS     127.0.0.1:<port>  (a private redis-server, nothing persisted)
#   PORTAL_TEST_CHROMIUM  /usr/bin/chromium
#   PORTAL_TEST_RESULTS   absolute path of TestResults/ (trx files; put screenshots here too)
set -euo pipefail

cd "$(dirname "$0")/.."
REPO_ROOT="$(pwd)"
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NUGET_XMLDOC_MODE=skip
# No msbuild / compiler server may outlive this script (they would keep CI's output pipe open).
export DOTNET_CLI_USE_MSBUILD_SERVER=0
export MSBUILDDISABLENODEREUSE=1
export UseSharedCompilation=false

log() { echo "[test.sh] $*"; }

# ---------------------------------------------------------------------------
# 1. System packages (apt, only when missing)
# ---------------------------------------------------------------------------
CHROMIUM_BIN=/usr/bin/chromium
need_pkgs=()
if ! command -v mariadbd >/dev/null 2>&1 || ! command -v mariadb-install-db >/dev/null 2>&1 \
   || ! command -v mariadb-admin >/dev/null 2>&1 || ! command -v mariadb >/dev/null 2>&1; then
  need_pkgs+=(mariadb-server mariadb-client)
fi
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  need_pkgs+=(redis-server)
fi
# Certificate renewal tests: a private pebble (ACME test server + its DNS) and certbot, both on loopback.
if ! command -v pebble >/dev/null 2>&1 || ! command -v pebble-challtestsrv >/dev/null 2>&1; then
  need_pkgs+=(pebble)
fi
if ! command -v certbot >/dev/null 2>&1; then
  need_pkgs+=(certbot)
fi
if [ ! -x "$CHROMIUM_BIN" ]; then
  need_pkgs+=(chromium)
fi
# The sample proxy configurations in deploy/ are validated by the real tools (tests/Portal.Tests/Deploy).
if ! command -v nginx >/dev/null 2>&1; then need_pkgs+=(nginx-light); fi
if ! command -v apache2 >/dev/null 2>&1; then need_pkgs+=(apache2); fi
if ! command -v caddy >/dev/null 2>&1; then need_pkgs+=(caddy); fi
if ! dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q 'install ok installed'; then
  need_pkgs+=(fonts-dejavu-core)
fi

POLICY_RC=/usr/sbin/policy-rc.d
created_policy_rc=0
remove_policy_rc() {
  if [ "$created_policy_rc" = 1 ]; then
    rm -f "$POLICY_RC"
    created_policy_rc=0
  fi
}

if [ "${#need_pkgs[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "[test.sh] missing packages (${need_pkgs[*]}) and not root: install them first" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  log "installing: ${need_pkgs[*]}"
  t0=$SECONDS
  # Keep Debian's own mariadb, redis and proxy services from being started by the package scripts.
  if [ ! -e "$POLICY_RC" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$POLICY_RC"
    chmod 755 "$POLICY_RC"
    created_policy_rc=1
    trap remove_policy_rc EXIT
  fi
  apt_opts=(-o Acquire::Retries=3 -o DPkg::Lock::Timeout=600)
  export DEBIAN_FRONTEND=noninteractive
  apt-get "${apt_opts[@]}" update -qq
  apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
  remove_policy_rc
  trap - EXIT
  log "installed in $((SECONDS - t0))s"
fi

# ---------------------------------------------------------------------------
# 2. Private MariaDB
# ---------------------------------------------------------------------------
TMP_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/portal-test.XXXXXX")"
DB_DIR="$TMP_ROOT/db"
DB_SOCK="$TMP_ROOT/mysqld.sock"
DB_PID_FILE="$TMP_ROOT/mysqld.pid"
DB_LOG="$TMP_ROOT/mysqld.err"
DB_PID=""
REDIS_PID=""

cleanup() {
  local rc=$?
  if [ -n "$REDIS_PID" ]; then
    kill "$REDIS_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$REDIS_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
    REDIS_PID=""
  fi
  if [ -n "$DB_PID" ]; then
    if kill -0 "$DB_PID" 2>/dev/null; then
      timeout 30 mariadb-admin --no-defaults --user=root --socket="$DB_SOCK" shutdown >/dev/null 2>&1 || true
      for _ in $(seq 1 300); do
        kill -0 "$DB_PID" 2>/dev/null || break
        sleep 0.1
      done
      if kill -0 "$DB_PID" 2>/dev/null; then
        kill "$DB_PID" 2>/dev/null || true
        sleep 2
        kill -9 "$DB_PID" 2>/dev/null || true
      fi
    fi
    wait "$DB_PID" 2>/dev/null || true
    DB_PID=""
  fi
  if [ -n "${TMP_ROOT:-}" ] && [ -d "$TMP_ROOT" ]; then
    rm -rf "$TMP_ROOT"
  fi
  return $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' && return 0
  fi
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

t0=$SECONDS
mkdir -p "$DB_DIR"
if ! mariadb-install-db --no-defaults --datadir="$DB_DIR" --user=root \
      --auth-root-authentication-method=normal --skip-test-db >"$TMP_ROOT/install-db.log" 2>&1; then
  cat "$TMP_ROOT/install-db.log" >&2
  echo "[test.sh] mariadb-install-db failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

DB_PORT=""
for attempt in 1 2 3; do
  port="$(free_port)"
  mariadbd --no-defaults --user=root \
    --datadir="$DB_DIR" --socket="$DB_SOCK" --pid-file="$DB_PID_FILE" --log-error="$DB_LOG" \
    --tmpdir="$TMP_ROOT" --port="$port" --bind-address=127.0.0.1 \
    --skip-name-resolve --skip-log-bin --skip-performance-schema \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=256M --innodb-log-file-size=64M \
    --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --sync-binlog=0 \
    --max-connections=1000 --max-allowed-packet=64M \
    </dev/null >>"$DB_LOG" 2>&1 &
  DB_PID=$!
  for _ in $(seq 1 600); do
    if ! kill -0 "$DB_PID" 2>/dev/null; then break; fi
    if mariadb-admin --no-defaults --user=root --socket="$DB_SOCK" --connect-timeout=2 ping >/dev/null 2>&1; then
      DB_PORT="$port"
      break
    fi
    sleep 0.1
  done
  [ -n "$DB_PORT" ] && break
  if kill -0 "$DB_PID" 2>/dev/null; then
    break # running but not answering within 60 s: give up below
  fi
  wait "$DB_PID" 2>/dev/null || true
  DB_PID=""
  log "mariadbd exited during start (attempt $attempt), retrying on another port"
done
if [ -z "$DB_PORT" ]; then
  tail -n 50 "$DB_LOG" >&2 || true
  echo "[test.sh] MariaDB did not start" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

mariadb --no-defaults --user=root --socket="$DB_SOCK" <<'SQL'
CREATE USER 'portal'@'127.0.0.1' IDENTIFIED BY 'portal';
CREATE USER 'portal'@'localhost' IDENTIFIED BY 'portal';
CREATE USER 'portal'@'%' IDENTIFIED BY 'portal';
GRANT ALL PRIVILEGES ON *.* TO 'portal'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'portal'@'localhost' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'portal'@'%' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
log "MariaDB $(mariadbd --version | awk '{print $3}') up on 127.0.0.1:$DB_PORT (pid $DB_PID) in $((SECONDS - t0))s"

export PORTAL_TEST_MYSQL="Server=127.0.0.1;Port=$DB_PORT;User ID=portal;Password=portal;"

# ---------------------------------------------------------------------------
# 2b. Private Redis (never the system one): loopback only, nothing saved, gone at exit
# ---------------------------------------------------------------------------
REDIS_PORT=""
for attempt in 1 2 3; do
  port="$(free_port)"
  redis-server --port "$port" --bind 127.0.0.1 --protected-mode yes --save "" --appendonly no \
    --dir "$TMP_ROOT" --logfile "$TMP_ROOT/redis.log" --daemonize no </dev/null >/dev/null 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 100); do
    if ! kill -0 "$REDIS_PID" 2>/dev/null; then break; fi
    if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ]; then
      REDIS_PORT="$port"
      break
    fi
    sleep 0.1
  done
  [ -n "$REDIS_PORT" ] && break
  kill "$REDIS_PID" 2>/dev/null || true
  wait "$REDIS_PID" 2>/dev/null || true
  REDIS_PID=""
  log "redis-server did not start (attempt $attempt), retrying on another port"
done
if [ -z "$REDIS_PORT" ]; then
  tail -n 20 "$TMP_ROOT/redis.log" >&2 || true
  echo "[test.sh] Redis did not start" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
log "Redis $(redis-server --version | awk '{print $3}' | sed 's/v=//') up on 127.0.0.1:$REDIS_PORT (pid $REDIS_PID)"
export PORTAL_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export PORTAL_TEST_CHROMIUM="$CHROMIUM_BIN"

# ---------------------------------------------------------------------------
# 3. dotnet test
# ---------------------------------------------------------------------------
RESULTS_DIR="$REPO_ROOT/TestResults"
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
export PORTAL_TEST_RESULTS="$RESULTS_DIR"

log "dotnet test Portal.slnx -c Release $*"
t0=$SECONDS
test_rc=0
dotnet test Portal.slnx -c Release --disable-build-servers \
  --logger "trx;LogFilePrefix=results" --results-directory "$RESULTS_DIR" "$@" </dev/null || test_rc=$?
log "dotnet test exited $test_rc after $((SECONDS - t0))s"

cleanup || true
trap - EXIT

# ---------------------------------------------------------------------------
# 4. Summary
# ---------------------------------------------------------------------------
# Prints "passed failed skipped trx_count" summed over every .trx under $1.
count_trx_awk() { # fallback when python3 is missing
  find "$1" -name '*.trx' -print0 | xargs -0 -r awk '
    FNR == 1 { n++ }
    /<Counters / {
      delete a
      line = $0
      while (match(line, /[A-Za-z]+="[0-9]+"/)) {
        kv = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
        split(kv, parts, "="); gsub(/"/, "", parts[2]); a[parts[1]] = parts[2] + 0
      }
      p += a["passed"]; f += a["failed"] + a["error"] + a["timeout"] + a["aborted"]
      sk = a["total"] - a["executed"]; if (a["notExecuted"] > sk) sk = a["notExecuted"]; s += sk
    }
    END { print p + 0, f + 0, s + 0, n + 0 }'
  if [ -z "$(find "$1" -name '*.trx' -print -quit)" ]; then echo "0 0 0 0"; fi # xargs -r ran nothing
}
count_trx() {
  if ! command -v python3 >/dev/null 2>&1; then count_trx_awk "$1"; return; fi
  python3 - "$1" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET
p = f = s = n = 0
for path in glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        f += 1
        continue
    n += 1
    for c in root.iter():
        if c.tag.rsplit("}", 1)[-1] != "Counters":
            continue
        g = lambda k: int(c.get(k, "0") or 0)
        p += g("passed")
        f += g("failed") + g("error") + g("timeout") + g("aborted")
        s += max(g("total") - g("executed"), g("notExecuted"))
print(p, f, s, n)
PY
}
passed=0 failed=0 skipped=0 ntrx=0
read -r passed failed skipped ntrx < <(count_trx "$RESULTS_DIR") || true
for v in "$passed" "$failed" "$skipped" "$ntrx"; do
  case "$v" in ''|*[!0-9]*) passed=0 failed=0 skipped=0 ntrx=0; log "could not read the trx files"; break ;; esac
done

if [ "$ntrx" -eq 0 ]; then
  passed=0
  failed=1
  skipped=0
  log "no trx produced (build failure?)"
elif [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # dotnet test failed without a failing test in the trx (build error in one project, crashed test host, ...)
  log "dotnet test failed although no test failed in the trx: counting it as 1 failure"
fi

log "test results (trx, screenshots): $RESULTS_DIR"
summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then summary="$summary, $skipped skipped"; fi
echo "$summary"

if [ "$test_rc" -ne 0 ] || [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
exit 0
