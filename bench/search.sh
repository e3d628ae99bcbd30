#!/usr/bin/env bash
# Customer search budgets (design.md §7): a Chinese two-character substring,
# pinyin initials, full pinyin and a phone number over N customers (and N
# contacts), through the global search API (customers and contacts, counts
# and first rows) as the general manager (sees all) and as a rep (visibility
# predicate in the SQL). Needs a release build and wrk; loopback only.
# DB=postgres runs it on PostgreSQL (ACRE_BENCH_PG, default a fresh database
# acre_bench on the local server). Prints Markdown for docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ACRE_BIN:-${CARGO_TARGET_DIR:-target}/release/acre}
N=${N:-100000}
PORT=${PORT:-18082}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
export ACRE_DATA_DIR="$WORK/data"
if [ "${DB:-sqlite}" = postgres ]; then
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS acre_bench" -c "CREATE DATABASE acre_bench" >/dev/null
  export ACRE_DATABASE_URL=${ACRE_BENCH_PG:-postgres://postgres@127.0.0.1:5432/acre_bench}
fi

echo "## Search at $N customers and $N contacts (${DB:-sqlite})"
echo
"$BIN" demo >/dev/null 2>&1
START=$(date +%s)
"$BIN" gen --resource customers --count "$N" 2>/dev/null
"$BIN" gen --resource contacts --count "$N" 2>/dev/null
echo "generated in $(( $(date +%s) - START )) s"
if [ "${DB:-sqlite}" = postgres ]; then
  ROWS=$(psql -tA -h 127.0.0.1 -U postgres acre_bench -c "SELECT COUNT(*) FROM search_grams")
  PHONE=$(psql -tA -h 127.0.0.1 -U postgres acre_bench -c "SELECT phone FROM customers WHERE phone LIKE '1%' ORDER BY id LIMIT 1 OFFSET 777")
else
  ROWS=$(sqlite3 "$ACRE_DATA_DIR/acre.db" "SELECT COUNT(*) FROM search_grams")
  PHONE=$(sqlite3 "$ACRE_DATA_DIR/acre.db" "SELECT phone FROM customers WHERE phone LIKE '1%' ORDER BY id LIMIT 1 OFFSET 777")
fi
echo "search_grams rows: $ROWS; phone searched: $PHONE"
echo
"$BIN" serve --bind "127.0.0.1:$PORT" --log warn >/dev/null 2>&1 &
for _ in $(seq 1 400); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.05; done

login() { # username → cookie header
  curl -s -c "$WORK/cj-$1" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo-pass-2026\"}" "$BASE/api/v1/auth/login" >/dev/null
  echo "Cookie: acre_session=$(awk '$6=="acre_session"{print $7}' "$WORK/cj-$1")"
}
cat >"$WORK/p.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d requests\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.requests))
end
LUA
enc() { python3 -c "import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))" "$1"; }
lat() { # user header, name, query
  local q; q=$(enc "$3")
  local hits; hits=$(curl -s -H "$1" "$BASE/api/v1/search?q=$q&limit=8" | python3 -c "import json,sys;d=json.load(sys.stdin);print(d['customers_total'],'customers,',d['contacts_total'],'contacts')")
  echo "- $2 \`$3\` ($hits): $(wrk -t1 -c1 -d5s -s "$WORK/p.lua" -H "$1" "$BASE/api/v1/search?q=$q&limit=8" | tail -1)"
}
GM=$(login gm)
REP=$(login rep1)
DIGITS=$(echo "$PHONE" | tr -cd 0-9)
for who in GM REP; do
  H=${!who}
  lat "$H" "$who, Chinese substring" "华信"
  lat "$H" "$who, pinyin initials" "hxdz"
  lat "$H" "$who, full pinyin" "huaxin"
  lat "$H" "$who, phone as typed" "${PHONE//-/ }"
  lat "$H" "$who, phone digits" "+86 $DIGITS"
  lat "$H" "$who, Traditional" "華信電子"
done
