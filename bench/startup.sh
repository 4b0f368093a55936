#!/usr/bin/env bash
# Measures how long `portal` takes from process start to serving /login (issue: "within 3 s of start"), on SQLite
# with no configuration: first start (empty data folder: migrations, key certificate) and a normal restart.
# Usage: bench/startup.sh [runs]   — Release build, prints one line per run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
dotnet build src/Portal -c Release -v q --nologo >/dev/null
dll=src/Portal/bin/Release/net10.0/portal.dll
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
measure() { # $1 = data folder
  local start pid
  start=$(date +%s%N)
  ASPNETCORE_ENVIRONMENT=Development dotnet "$dll" --Portal:DataPath="$1" --Urls="http://127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login" 2>/dev/null | grep -q 200; do sleep 0.02; done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  first=$(measure "$dir")
  restart=$(measure "$dir")
  echo "run $i: first start ${first} ms, restart ${restart} ms"
  rm -rf "$dir"
done
