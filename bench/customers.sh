#!/usr/bin/env bash
# Customer budgets of issue 4 at N customers (default 1,000,000) with three
# contacts each (`acre gen --customers`): the customer list as a rep and as
# the general manager, search by a Chinese substring and by pinyin initials,
# the customer center, throughput with 50 clients, server memory, the
# duplicate check, reclaim and assign of ~100,000 customers by filter, and an
# import of 100,000 customers. Every latency is measured twice (the better run
# is shown first); loopback only, bounded in time. Prints Markdown.
#
# DB=postgres runs it on PostgreSQL (databases acre_bench_scale and
# acre_bench_scale_src on the local server). REUSE=1 keeps a database
# generated before (SQLite: in KEEP=dir) instead of generating it again.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ACRE_BIN:-${CARGO_TARGET_DIR:-target}/release/acre}
N=${N:-1000000}
IMPORT_N=${IMPORT_N:-100000}
PORT=${PORT:-18082}
BASE="http://127.0.0.1:$PORT"
PG=${ACRE_BENCH_PG_SERVER:-postgres://postgres@127.0.0.1:5432}
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q wrk >/dev/null; else sudo apt-get install -y -q wrk >/dev/null; fi
fi
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
DATA=${KEEP:-$WORK/data}
export ACRE_DATA_DIR="$DATA"
fresh_pg() { psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null; }
if [ "${DB:-sqlite}" = postgres ]; then
  [ -n "${REUSE:-}" ] || fresh_pg acre_bench_scale
  export ACRE_DATABASE_URL="$PG/acre_bench_scale"
fi

echo "## Customers at $N (${DB:-sqlite})"
echo
if [ -n "${REUSE:-}" ]; then
  echo "Database generated before, reused (it carries the moves of earlier runs)."
else
  "$BIN" --log error demo >/dev/null
  START=$(date +%s%N)
  "$BIN" --log error gen --customers "$N" 2>"$WORK/gen.log"
  echo "generated in $(( ($(date +%s%N) - START) / 1000000000 )) s (including the planner's statistics)"
fi
if [ "${DB:-sqlite}" = sqlite ]; then echo "database file $(du -sm "$DATA" | cut -f1) MB"; fi
echo

serve() {
  "$BIN" serve --bind "127.0.0.1:$PORT" --log warn >/dev/null 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
}
serve
login() { # user → sets COOKIE_<user>, CSRF_<user>, ID_<user>
  curl -s -c "$WORK/cj-$1" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo-pass-2026\"}" "$BASE/api/v1/auth/login" >"$WORK/login-$1.json"
  printf -v "COOKIE_$1" '%s' "Cookie: acre_session=$(awk '$6=="acre_session"{print $7}' "$WORK/cj-$1")"
  printf -v "CSRF_$1" '%s' "$(python3 -c "import json;print(json.load(open('$WORK/login-$1.json'))['csrf_token'])")"
  printf -v "ID_$1" '%s' "$(python3 -c "import json;print(json.load(open('$WORK/login-$1.json'))['user']['id'])")"
}
login rep1; login rep2; login rep6; login gm; login manager1
cat >"$WORK/p95.lua" <<'EOF'
done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %.0f req/s\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
EOF
# wrk twice; the run with the lower p95 first.
measure() { # connections, seconds, cookie, path
  for _ in 1 2; do
    wrk -t"$([ "$1" = 1 ] && echo 1 || echo 2)" -c"$1" -d"$2"s -s "$WORK/p95.lua" -H "$3" "$BASE$4" | tail -1
  done | sort -t, -k2 -V | paste -sd'|' | sed 's/|/ (other run: /; s/$/)/'
}
row() { # what, cookie, path
  echo "| $1 | \`$3\` | $(measure 1 6 "$2" "$3") |"
}
total() { # cookie, path → total
  curl -s -H "$1" "$BASE$2" | python3 -c "import json,sys;print(json.load(sys.stdin)['total'])"
}
GRADE_B_REP=$(total "$COOKIE_rep1" "/api/v1/customers?f.grade=B&limit=1")
GRADE_B_GM=$(total "$COOKIE_gm" "/api/v1/customers?f.grade=B&limit=1")
HX_GM=$(total "$COOKIE_gm" "/api/v1/customers?q=%E5%8D%8E%E4%BF%A1&limit=1")
DZ_GM=$(total "$COOKIE_gm" "/api/v1/customers?q=%E7%94%B5%E5%AD%90&limit=1")
CID=$(curl -s -H "$COOKIE_rep1" "$BASE/api/v1/customers?limit=1&offset=500" | python3 -c "import json,sys;print(json.load(sys.stdin)['items'][0]['id'])")
echo "Matches: grade B $GRADE_B_REP for rep1, $GRADE_B_GM for gm; 华信 $HX_GM, 电子 $DZ_GM (gm)."
echo
echo "| what | request | one client, 6 s, twice |"
echo "|---|---|---|"
row "list API, rep1, f.grade=B" "$COOKIE_rep1" "/api/v1/customers?f.grade=B"
row "list API, gm, f.grade=B" "$COOKIE_gm" "/api/v1/customers?f.grade=B"
row "list page, rep1, f.grade=B" "$COOKIE_rep1" "/r/customers?f.grade=B"
row "list page, gm, f.grade=B" "$COOKIE_gm" "/r/customers?f.grade=B"
row "list page, gm, no filter" "$COOKIE_gm" "/r/customers"
row "list API, rep1, no filter" "$COOKIE_rep1" "/api/v1/customers"
row "list API, manager1, f.grade=B" "$COOKIE_manager1" "/api/v1/customers?f.grade=B"
row "contacts API, rep1, no filter" "$COOKIE_rep1" "/api/v1/contacts"
row "search 华信, rep1" "$COOKIE_rep1" "/api/v1/customers?q=%E5%8D%8E%E4%BF%A1"
row "search 华信, gm" "$COOKIE_gm" "/api/v1/customers?q=%E5%8D%8E%E4%BF%A1"
row "search 电子 (common), gm" "$COOKIE_gm" "/api/v1/customers?q=%E7%94%B5%E5%AD%90"
row "search 电子 (common), rep1" "$COOKIE_rep1" "/api/v1/customers?q=%E7%94%B5%E5%AD%90"
row "search 东莞华信 (4 chars), gm" "$COOKIE_gm" "/api/v1/customers?q=%E4%B8%9C%E8%8E%9E%E5%8D%8E%E4%BF%A1"
row "search pinyin initials hxdz, gm" "$COOKIE_gm" "/api/v1/customers?q=hxdz"
row "search page 华信, rep1" "$COOKIE_rep1" "/r/customers?q=%E5%8D%8E%E4%BF%A1"
row "customer center, rep1" "$COOKIE_rep1" "/r/customers/$CID"
row "customer center, gm" "$COOKIE_gm" "/r/customers/$CID"
echo "| list API, rep1, f.grade=B, 50 clients | throughput | $(measure 50 10 "$COOKIE_rep1" "/api/v1/customers?f.grade=B") |"
echo "| list page, rep1, f.grade=B, 50 clients | throughput | $(measure 50 10 "$COOKIE_rep1" "/r/customers?f.grade=B") |"
echo "| list API, gm, f.grade=B, 50 clients | throughput | $(measure 50 10 "$COOKIE_gm" "/api/v1/customers?f.grade=B") |"
echo "| list page, gm, f.grade=B, 50 clients | throughput | $(measure 50 10 "$COOKIE_gm" "/r/customers?f.grade=B") |"
echo
echo "Server memory after the reads: $(awk '/VmRSS|VmHWM/{printf "%s %d MB  ", $1, $2/1024}' /proc/$PID/status)"
echo

echo "### Duplicate check (rep2 registers an existing customer's name: 409)"
NAME=$(curl -s -H "$COOKIE_gm" "$BASE/api/v1/customers/$CID" | python3 -c "import json,sys;print(json.load(sys.stdin)['name'])")
PHONE=$(curl -s -H "$COOKIE_gm" "$BASE/api/v1/customers/$CID" | python3 -c "import json,sys;print(json.load(sys.stdin)['phone'])")
dup() { # body → "status time_ms"
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "$COOKIE_rep2" -H "X-CSRF-Token: $CSRF_rep2" \
    -H 'content-type: application/json' -d "$1" "$BASE/api/v1/customers"
}
for body in "{\"name\":\"$NAME\",\"kind\":\"company\"}" "{\"name\":\"新名称$RANDOM测试有限公司\",\"kind\":\"company\",\"phone\":\"$PHONE\"}"; do
  for _ in $(seq 1 20); do dup "$body"; done | awk '{c[$1]++; t[NR]=$2*1000} END {n=asort(t); s=""; for (k in c) s=s k "×" c[k] " "; printf "%s: median %.1f ms, max %.1f ms (20 requests, client time)\n", s, t[int(n/2)+1], t[n]}'
done
echo

move() { # body
  curl -s -o "$WORK/move.json" -w '%{http_code} %{time_total}' -H "$COOKIE_gm" -H "X-CSRF-Token: $CSRF_gm" \
    -H 'content-type: application/json' -d "$1" "$BASE/api/v1/customer-moves"
  echo " $(cat "$WORK/move.json")"
}
echo "### Reclaim and assign by filter (gm, \`POST /api/v1/customer-moves\`), twice each"
# By source (a tenth of the customers), to rep6, who is not measured above:
# a database reused later keeps its grades and rep1's list as generated.
echo '```'
# A set never moved before has its index entries spread over every index of
# customers: its first move is the slow case (on a new database only; a
# reused one has moved this set already).
echo "reclaim f.company_nature=joint_venture (first move of this set): $(move '{"action":"reclaim","filter":{"f.company_nature":"joint_venture"}}')"
for _ in 1 2; do
  echo "reclaim f.source=friend_referral:        $(move '{"action":"reclaim","filter":{"f.source":"friend_referral"}}')"
  echo "assign  f.source=friend_referral → rep6: $(move "{\"action\":\"assign\",\"filter\":{\"f.source\":\"friend_referral\"},\"to_user\":$ID_rep6}")"
done
echo '```'
echo "Server memory at the end: $(awk '/VmRSS|VmHWM/{printf "%s %d MB  ", $1, $2/1024}' /proc/$PID/status)"
echo
kill $PID; wait $PID 2>/dev/null || true

echo "### Import of $IMPORT_N customers (.xlsx, policy skip) into the $N"
# Another seed in another database, exported, then imported here: a few
# names and phones coincide with existing customers and are refused as duplicates.
SRC="$WORK/src"
if [ "${DB:-sqlite}" = postgres ]; then fresh_pg acre_bench_scale_src; fi
(
  export ACRE_DATA_DIR="$SRC"
  [ "${DB:-sqlite}" = postgres ] && export ACRE_DATABASE_URL="$PG/acre_bench_scale_src"
  "$BIN" --log error demo >/dev/null
  # The export holds owned customers only (not the tenth in the pool).
  "$BIN" gen --customers $(( IMPORT_N * 10 / 9 )) --seed 4242 2>/dev/null >/dev/null
  "$BIN" export --resource customers --user gm --out "$WORK/customers.xlsx" >/dev/null
)
for run in 1 2; do
  /usr/bin/time -f "peak RSS %M KiB" "$BIN" import --resource customers --file "$WORK/customers.xlsx" --policy skip 2>&1 | grep -v '^ *row ' | tail -2 | paste -sd' '
  [ "$run" = 1 ] && echo "(second run: everything now exists, so it measures the skip path)"
done
if [ "${DB:-sqlite}" = postgres ]; then psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS acre_bench_scale_src" >/dev/null; fi
