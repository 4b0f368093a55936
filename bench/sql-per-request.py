#!/usr/bin/env python3
"""Prints the SQL statements EF Core sent for one request, from the portal's JSON log (<DataPath>/logs/app-*.jsonl).

The portal must run with EF command logging on (off by default):
    --Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command=Information
Every log line of a request carries its RequestId, which the response echoes as X-Request-ID:
    id=$(curl -s -o /dev/null -D - -H "Cookie: $COOKIE" "$base/tarefas/visao-geral" | sed -n 's/^X-Request-ID: //Ip' | tr -d '\\r')
    bench/sql-per-request.py "$data/logs" "$id"

Usage: sql-per-request.py LOGS_DIR REQUEST_ID [--brief]
Prints each statement (elapsed ms, SQL), then "N statements, X ms in the database". The same SQL text run more than
twice in one request is flagged as a possible N+1 (a query inside a loop). --brief prints only the summary lines.
"""
import glob
import json
import os
import sys
from collections import Counter


def statements(logs_dir, request_id):
    found = []
    for path in sorted(glob.glob(os.path.join(logs_dir, "app-*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if request_id not in line or "commandText" not in line:
                    continue
                try:
                    e = json.loads(line)
                except ValueError:
                    continue
                if e.get("RequestId") == request_id and "commandText" in e:
                    found.append((e.get("elapsed", "?"), e["commandText"].strip()))
    return found


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__)
        return 2
    brief = "--brief" in sys.argv
    found = statements(args[0], args[1])
    if not found:
        print(f"no SQL logged for request {args[1]} (is EF command logging on? see --help)")
        return 1
    total = 0.0
    for i, (elapsed, sql) in enumerate(found, 1):
        try:
            total += float(elapsed)
        except ValueError:
            pass
        if not brief:
            print(f"-- #{i} ({elapsed} ms)\n{sql}\n")
    print(f"{len(found)} statements, {total:.0f} ms in the database")
    for sql, n in Counter(sql for _, sql in found).items():
        if n > 2:
            print(f"possible N+1: {n}x {' '.join(sql.split())[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
