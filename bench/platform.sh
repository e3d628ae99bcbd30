#!/usr/bin/env bash
# Platform budgets (issue: platform): start-up time, login, home page latency and
# throughput. Needs a release build (`cargo build --release -p acre`) and wrk.
# Everything runs on loopback, bounded in time. Prints Markdown for docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ACRE_BIN:-${CARGO_TARGET_DIR:-target}/release/acre}
PORT=${PORT:-18080}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

wait_ready() {
  for _ in $(seq 1 2000); do
    curl -fs "$BASE/healthz" >/dev/null 2>&1 && return 0
    sleep 0.005
  done
  echo "server did not start" >&2; exit 1
}

echo "## Start-up to serving on an empty database (release build)"
echo
times=()
for i in 1 2 3 4 5; do
  rm -rf "$WORK/data$i"
  start=$(date +%s%N)
  ACRE_DATA_DIR="$WORK/data$i" "$BIN" serve --bind "127.0.0.1:$PORT" >/dev/null 2>&1 &
  pid=$!
  wait_ready
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  kill $pid; wait $pid 2>/dev/null || true
done
echo "runs (ms, fresh SQLite file each, includes creating the file and migrating): ${times[*]}"
echo

ACRE_DATA_DIR="$WORK/demo" "$BIN" serve --demo --bind "127.0.0.1:$PORT" --log warn >/dev/null 2>&1 &
wait_ready
curl -s -c "$WORK/cj" -H 'content-type: application/json' \
  -d '{"username":"rep1","password":"demo-pass-2026"}' "$BASE/api/v1/auth/login" >/dev/null
SESSION=$(awk '$6=="acre_session"{print $7}' "$WORK/cj")

echo "## Login (argon2id, 19 MiB, t=2) — 30 sequential POST /api/v1/auth/login"
echo
for i in $(seq 1 30); do
  curl -s -o /dev/null -w '%{time_total}\n' -H 'content-type: application/json' \
    -d '{"username":"rep2","password":"demo-pass-2026"}' "$BASE/api/v1/auth/login"
done | sort -n | awk '{a[NR]=$1*1000} END {printf "p50 %.1f ms, p99 (max of 30) %.1f ms\n\n", a[int(NR*0.5)], a[NR]}'

echo "## Home page and login page latency, one client (wrk -c1, 10 s)"
echo
for path in / /login; do
  echo "### GET $path"
  echo '```'
  wrk -t1 -c1 -d10s --latency -H "Cookie: acre_session=$SESSION" "$BASE$path" | grep -E 'Latency|50%|90%|99%|Requests/sec'
  echo '```'
done

echo "## Home page throughput, 50 concurrent clients (wrk -t2 -c50, 20 s, same 2 cores)"
echo
echo '```'
wrk -t2 -c50 -d20s --latency -H "Cookie: acre_session=$SESSION" "$BASE/" | grep -E 'Latency|50%|90%|99%|Requests/sec|Non-2xx'
echo '```'
echo
echo "## Server-side time of GET / from /metrics (histogram buckets, seconds)"
echo '```'
curl -s "$BASE/metrics" | grep 'acre_http_request_duration_seconds_bucket{method="GET",route="/"' || true
echo '```'
echo "Resident memory after the run: $(ps -o rss= -p $(pgrep -f "acre serve --demo --bind 127.0.0.1:$PORT" | head -1)) KiB"
