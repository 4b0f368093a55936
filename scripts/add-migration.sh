#!/usr/bin/env bash
# Adds a migration with the same name to BOTH providers (every schema change needs both; a test checks it).
# Usage: scripts/add-migration.sh AddSomething
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/../src/Portal"
dotnet tool restore >/dev/null
for provider in Sqlite MySql; do
  dotnet tool run dotnet-ef migrations add "$name" --context "${provider}PortalDb" \
    --output-dir "../Portal.Migrations.$provider" --namespace "Portal.Migrations.$provider"
  # EF writes a new snapshot under a namespace-shaped folder when it cannot map the linked file; keep it beside the migrations.
  if [ -d "Portal/Migrations/$provider" ]; then
    mv "Portal/Migrations/$provider/"*.cs "../Portal.Migrations.$provider/"
    rm -rf Portal
  fi
done
