#!/usr/bin/env bash
# Pipeline budgets of issue 5 at N customers (default 1,000,000) and M
# opportunities (default 300,000): the kanban's first screen, a stage change
# with its rule check, the forecast list and the approval inbox, as a rep,
# a manager and the general manager. Every latency is measured twice with
# one client (the better run first); loopback only. Prints Markdown.
#
# DB=postgres runs it on PostgreSQL (database acre_bench_pipeline on the
# local server). REUSE=1 keeps a database generated before (SQLite: KEEP=dir).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ACRE_BIN:-${CARGO_TARGET_DIR:-target}/release/acre}
N=${N:-1000000}
M=${M:-300000}
PORT=${PORT:-18083}
BASE="http://127.0.0.1:$PORT"
PG=${ACRE_BENCH_PG_SERVER:-postgres://postgres@127.0.0.1:5432}
command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
DATA=${KEEP:-$WORK/data}
export ACRE_DATA_DIR="$DATA"
if [ "${DB:-sqlite}" = postgres ]; then
  [ -n "${REUSE:-}" ] || psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS acre_bench_pipeline" -c "CREATE DATABASE acre_bench_pipeline" >/dev/null
  export ACRE_DATABASE_URL="$PG/acre_bench_pipeline"
  sql() { psql -q "$ACRE_DATABASE_URL" -c "$1" >/dev/null; }
else
  sql() { sqlite3 "$DATA"/acre.db "$1"; }
fi

echo "## Pipeline at $N customers, $M opportunities (${DB:-sqlite})"
echo
if [ -z "${REUSE:-}" ]; then
  "$BIN" --log error demo >/dev/null
  START=$(date +%s)
  "$BIN" --log error gen --customers "$N" >/dev/null 2>&1
  "$BIN" --log error gen --resource opportunities --count "$M" >/dev/null 2>&1
  # An opportunity is worked by its customer's owner (the generator picks
  # owners at random; the copy of the customer's owner it sets itself).
  sql "UPDATE opportunities SET owner_id = (SELECT c.owner_id FROM customers c WHERE c.id = opportunities.customer_id)"
  # PostgreSQL answers from indexes alone only where the visibility map says
  # so: the UPDATEs above cleared it for every opportunity.
  if [ "${DB:-sqlite}" = postgres ]; then sql "VACUUM ANALYZE"; else sql "ANALYZE"; fi
  echo "generated in $(( $(date +%s) - START )) s"
fi
echo

"$BIN" serve --bind "127.0.0.1:$PORT" --log warn >/dev/null 2>&1 &
PID=$!
for _ in $(seq 1 600); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
login() { # user → COOKIE_<user>, CSRF_<user>
  curl -s -c "$WORK/cj-$1" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo-pass-2026\"}" "$BASE/api/v1/auth/login" >"$WORK/login-$1.json"
  printf -v "COOKIE_$1" '%s' "Cookie: acre_session=$(awk '$6=="acre_session"{print $7}' "$WORK/cj-$1")"
  printf -v "CSRF_$1" '%s' "$(python3 -c "import json;print(json.load(open('$WORK/login-$1.json'))['csrf_token'])")"
}
login rep1; login gm; login manager1
cat >"$WORK/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %.0f req/s\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
LUA
measure() { # cookie, path
  for _ in 1 2; do
    wrk -t1 -c1 -d6s -s "$WORK/p95.lua" -H "$1" "$BASE$2" | tail -1
  done | sort -t, -k2 -V | paste -sd'|' | sed 's/|/ (other run: /; s/$/)/'
}
row() { echo "| $1 | \`$3\` | $(measure "$2" "$3") |"; }
total() { curl -s -H "$1" "$BASE$2" | python3 -c "import json,sys;print(json.load(sys.stdin)['total'])"; }

# Pending skip requests for manager1's inbox: rep1 asks to skip 交流 on
# opportunities at 初访 (each first put there one stage at a time).
ASK=${ASK:-300}
curl -s -H "$COOKIE_rep1" "$BASE/api/v1/opportunities?f.status=open&f.stage=lead_list&limit=200" >"$WORK/lead.json"
curl -s -H "$COOKIE_rep1" "$BASE/api/v1/opportunities?f.status=open&f.stage=lead_list&limit=200&offset=200" >"$WORK/lead2.json"
python3 -c "
import json
items=json.load(open('$WORK/lead.json'))['items']+json.load(open('$WORK/lead2.json'))['items']
for i in items[:$ASK]: print(i['id'], i['version'])" >"$WORK/ids"
STEP_TIMES="$WORK/step-times"
: >"$STEP_TIMES"
post() { # cookie csrf path body → time_ms and body in $WORK/out.json
  curl -s -o "$WORK/out.json" -w '%{time_total}\n' -H "$1" -H "X-CSRF-Token: $2" -H 'content-type: application/json' -d "$4" "$BASE$3"
}
while read -r id v; do
  t=$(post "$COOKIE_rep1" "$CSRF_rep1" "/api/v1/opportunities/$id/stage" "{\"version\":$v,\"stage\":\"first_visit\"}")
  echo "$t" >>"$STEP_TIMES"
  v=$(python3 -c "import json;print(json.load(open('$WORK/out.json'))['version'])")
  post "$COOKIE_rep1" "$CSRF_rep1" "/api/v1/opportunities/$id/stage" "{\"version\":$v,\"stage\":\"research\"}" >/dev/null
done <"$WORK/ids"
REP_OPEN=$(total "$COOKIE_rep1" "/api/v1/opportunities?f.status=open&limit=1")
GM_OPEN=$(total "$COOKIE_gm" "/api/v1/opportunities?f.status=open&limit=1")
INBOX=$(total "$COOKIE_manager1" "/api/v1/approvals?limit=1")
echo "Open opportunities: rep1 $REP_OPEN, gm $GM_OPEN. manager1's inbox: $INBOX pending."
echo
echo "Stage change with its rule check (\`POST /api/v1/opportunities/{id}/stage\`, one stage forward, rep1, $(wc -l <"$STEP_TIMES") moves, client time):"
sort -n "$STEP_TIMES" | awk '{t[NR]=$1*1000} END {printf "median %.1f ms, p95 %.1f ms, max %.1f ms\n", t[int(NR/2)+1], t[int(NR*0.95)], t[NR]}'
echo
echo "| what | request | one client, 6 s, twice |"
echo "|---|---|---|"
row "kanban first screen, rep1" "$COOKIE_rep1" "/pipeline"
row "kanban first screen, manager1" "$COOKIE_manager1" "/pipeline"
row "kanban first screen, gm" "$COOKIE_gm" "/pipeline"
row "kanban grade A, gm" "$COOKIE_gm" "/pipeline?f.grade=A"
row "kanban API, rep1" "$COOKIE_rep1" "/api/v1/pipeline/board"
row "kanban API, gm" "$COOKIE_gm" "/api/v1/pipeline/board"
row "kanban next page of a column, manager1" "$COOKIE_manager1" "/pipeline/column/research?p.research=3"
row "forecast page, rep1" "$COOKIE_rep1" "/pipeline/forecast"
row "forecast page, manager1" "$COOKIE_manager1" "/pipeline/forecast"
row "forecast page, gm" "$COOKIE_gm" "/pipeline/forecast"
row "forecast API, gm" "$COOKIE_gm" "/api/v1/pipeline/forecast"
row "approval inbox API, manager1" "$COOKIE_manager1" "/api/v1/approvals"
row "approval inbox page, manager1" "$COOKIE_manager1" "/approvals"
QUOTE=$(curl -s -H "$COOKIE_rep1" "$BASE/api/v1/quotes?limit=1" | python3 -c "import json,sys;print(json.load(sys.stdin)['items'][0]['id'])")
row "quote .docx, rep1" "$COOKIE_rep1" "/api/v1/quotes/$QUOTE/quote.docx"
row "quote sheet page, rep1" "$COOKIE_rep1" "/r/quotes/$QUOTE/sheet"
row "opportunity page, rep1" "$COOKIE_rep1" "/r/opportunities/$(head -1 "$WORK/ids" | cut -d' ' -f1)"
echo
echo "Server memory: $(awk '/VmRSS|VmHWM/{printf "%s %d MB  ", $1, $2/1024}' /proc/$PID/status)"
kill $PID; wait $PID 2>/dev/null || true
