#!/usr/bin/env bash
# Times a real `portal import-legacy` of a generated source into a fresh portal.
# Usage: run.sh sqlite <source.db>  |  run.sh mysql "<source connection>"  (target MariaDB from PORTAL_TEST_MYSQL)
set -euo pipefail
kind=${1:?sqlite|mysql}; source=${2:?source}
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$(mktemp -d /tmp/portal-bench-import-XXXX)
dll="$root/src/Portal/bin/Release/net10.0/portal.dll"
[ -f "$dll" ] || dotnet build "$root/src/Portal" -c Release -v q --nologo
args=(--Portal:DataPath="$data" --Tls:Mode=None --Jobs:Enabled=false)
if [ "$kind" = mysql ]; then
  db="portal_bench_$$"
  args+=(--Database:Provider=MySql "--Database:ConnectionString=${PORTAL_TEST_MYSQL%;};Database=$db")
fi
export DOTNET_ENVIRONMENT=Development
dotnet "$dll" create-admin --email admin@bench.local --name "Admin Bench" --password "uma senha longa de bench 42" "${args[@]}" >/dev/null
start=$(date +%s.%N)
dotnet "$dll" import-legacy --source "$source" "${args[@]}" 2>/dev/null | sed -n '1,20p'
end=$(date +%s.%N)
echo "import-legacy ($kind): $(echo "$end - $start" | bc) s"
rm -rf "$data"
