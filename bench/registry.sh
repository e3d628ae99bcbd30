#!/usr/bin/env bash
# Record registry budgets at 100,000 records of one type (products): list page
# with a filter and a sort, search, export to .xlsx (time and server memory),
# import of 100,000 rows. Needs a release build and wrk; loopback only,
# bounded in time. Prints Markdown for docs/performance.md.
# DB=postgres runs it on PostgreSQL (ACRE_BENCH_PG, default a fresh database
# acre_bench on the local server).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ACRE_BIN:-${CARGO_TARGET_DIR:-target}/release/acre}
N=${N:-100000}
PORT=${PORT:-18081}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
export ACRE_DATA_DIR="$WORK/data"
if [ "${DB:-sqlite}" = postgres ]; then
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS acre_bench" -c "CREATE DATABASE acre_bench" >/dev/null
  export ACRE_DATABASE_URL=${ACRE_BENCH_PG:-postgres://postgres@127.0.0.1:5432/acre_bench}
fi

echo "## Registry at $N products (${DB:-sqlite})"
echo
"$BIN" demo >/dev/null
"$BIN" gen --resource products --count "$N"
"$BIN" serve --bind "127.0.0.1:$PORT" --log warn >/dev/null 2>&1 &
for _ in $(seq 1 400); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
PID=$(pgrep -f "acre serve --bind 127.0.0.1:$PORT" | head -1)
curl -s -c "$WORK/cj" -H 'content-type: application/json' \
  -d '{"username":"assistant","password":"demo-pass-2026"}' "$BASE/api/v1/auth/login" >"$WORK/login.json"
SESSION=$(awk '$6=="acre_session"{print $7}' "$WORK/cj")
CSRF=$(python3 -c "import json,sys;print(json.load(open('$WORK/login.json'))['csrf_token'])")
H="Cookie: acre_session=$SESSION"

lat() { # name, path
  echo "### $1"
  echo '```'
  wrk -t1 -c1 -d8s --latency -H "$H" "$BASE$2" | grep -E 'Latency  |50%|90%|99%|Requests/sec'
  echo '```'
}
lat "List page (HTML), filter category=software, sort by name" "/r/products?f.category=software&sort=name"
lat "List API, filter category=hardware, sort by -updated_at" "/api/v1/products?f.category=hardware&sort=-updated_at"
lat "List API, page 100 of the default order" "/api/v1/products?page=100"
lat "Search q=智能 (Chinese substring, name and code)" "/api/v1/products?q=%E6%99%BA%E8%83%BD"
lat "Search q=MES 型 miss-heavy (rare term)" "/api/v1/products?q=%E5%9E%8B999"

echo "### Export of all $N to .xlsx"
START=$(date +%s%N)
curl -s -o "$WORK/all.xlsx" -H "$H" "$BASE/r/products/export.xlsx"
END=$(date +%s%N)
echo "time $(( (END-START)/1000000 )) ms, file $(( $(stat -c %s "$WORK/all.xlsx") / 1024 )) KiB, server peak RSS $(awk '/VmHWM/{print $2}' /proc/$PID/status) KiB"
echo
echo "### Import of the exported file into a fresh database (policy create, acre import = the page's service)"
kill $PID; wait $PID 2>/dev/null || true
export ACRE_DATA_DIR="$WORK/data2"
if [ "${DB:-sqlite}" = postgres ]; then
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS acre_bench" -c "CREATE DATABASE acre_bench" >/dev/null
fi
"$BIN" demo >/dev/null 2>&1
/usr/bin/time -f "peak RSS %M KiB" "$BIN" import --resource products --file "$WORK/all.xlsx" --policy create 2>&1 | grep -v '^ *row ' | tail -2
echo
echo "### Re-import of the same file with policy skip (creates nothing)"
"$BIN" import --resource products --file "$WORK/all.xlsx" --policy skip 2>&1 | head -1
