#!/usr/bin/env bash
# A short A/B of two builds on copies of one generated database: rep1's list
# `f.grade=B` with one client (6 s) and 50 clients (10 s), twice each, the general
# manager's with 50 clients, then the first move of a set (reclaim by company
# nature). Usage: ACRE_DATA_DIR=copy [ACRE_DATABASE_URL=…] bench/list_and_move.sh BIN
set -euo pipefail
BIN=$1; PORT=18090; BASE="http://127.0.0.1:$PORT"
W=$(mktemp -d)
"$BIN" serve --bind 127.0.0.1:$PORT --log warn >/dev/null 2>&1 & PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$W"' EXIT
for _ in $(seq 1 600); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
login() { curl -s -c "$W/cj-$1" -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo-pass-2026\"}" "$BASE/api/v1/auth/login" > "$W/l-$1.json"; }
login rep1; login gm
C1="Cookie: acre_session=$(awk '$6=="acre_session"{print $7}' "$W/cj-rep1")"
CG="Cookie: acre_session=$(awk '$6=="acre_session"{print $7}' "$W/cj-gm")"
XG=$(python3 -c "import json;print(json.load(open('$W/l-gm.json'))['csrf_token'])")
cat > "$W/p.lua" <<'L'
done = function(s, lat, r) io.write(string.format("p50 %.1f ms, p95 %.1f ms, %.0f req/s\n", lat:percentile(50)/1000, lat:percentile(95)/1000, s.requests/(s.duration/1e6))) end
L
for c in 1 1 50 50; do echo "rep1 f.grade=B c=$c: $(wrk -t$([ $c = 1 ] && echo 1 || echo 2) -c$c -d$([ $c = 1 ] && echo 6 || echo 10)s -s $W/p.lua -H "$C1" "$BASE/api/v1/customers?f.grade=B" | tail -1)"; done
for c in 50 50; do echo "gm f.grade=B c=$c: $(wrk -t2 -c$c -d10s -s $W/p.lua -H "$CG" "$BASE/api/v1/customers?f.grade=B" | tail -1)"; done
echo "first move: $(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "$CG" -H "X-CSRF-Token: $XG" -H 'content-type: application/json' -d '{"action":"reclaim","filter":{"f.company_nature":"joint_venture"}}' "$BASE/api/v1/customer-moves")"
kill $PID; wait $PID 2>/dev/null || true; rm -rf "$W"
