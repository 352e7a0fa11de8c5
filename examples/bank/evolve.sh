#!/usr/bin/env bash
# Evolving a view: `balances` version 1 -> version 2, which also counts overdraft attempts (WithdrawalDeclined
# events that were in the log all along). Two ways to upgrade, each on a fresh store made by the embedded program:
#   A. rebuild on start: a server started with the new code rebuilds `balances` from the log by itself;
#   B. no downtime: `sluice reindex` builds version 2 beside the running version 1 server, which keeps answering;
#      the server restarted with the new code finds version 2 ready and only catches up the tail.
#
#   npm run build && bash examples/bank/evolve.sh
#
# SLUICE_PORT picks the servers' port, as for `sluice serve` (default 0: a free port each time).
# Uses temporary data directories; needs bash, curl and node (or jq).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/examples/bank
SLUICE=(node "$ROOT/dist/bin/sluice.js")
V1=$HERE/sluice.config.json
V2=$HERE/sluice.v2.config.json
WORK=$(mktemp -d)
SERVER_PID=
URL=

cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
show() { printf '   %s\n' "$*"; }
fail() { printf 'evolve: %s\n' "$*" >&2; exit 1; }

# json <path>...: fields of the JSON on stdin, space-separated (objects as JSON); jq when installed, node otherwise.
json() {
  if command -v jq >/dev/null; then
    jq -r "[$(IFS=,; echo "$*")] | map(if type == \"string\" then . else tojson end) | join(\" \")"
  else
    node -e 'let s = ""; process.stdin.on("data", (c) => { s += c; }).on("end", () => {
      const root = JSON.parse(s);
      console.log(process.argv.slice(1).map((path) => {
        let v = root;
        for (const k of path.split(".").filter(Boolean)) v = v == null ? null : v[k];
        return typeof v === "string" ? v : JSON.stringify(v ?? null);
      }).join(" "));
    });' "$@"
  fi
}

# seed <dir>: a store holding a scripted day of the bank, built offline by the embedded program (balances v1).
seed() {
  node "$ROOT/dist/examples/bank/embedded.js" --data "$1" --operations 500 --fsync none >"$WORK/seed.out"
  show "$(sed -n 4p "$WORK/seed.out" | sed 's/^ *//')"
}

# serve <config> <dir>: starts `sluice serve` in the background on $SLUICE_PORT (a free port by default); sets URL and SERVER_PID.
serve() {
  local log=$WORK/serve.$RANDOM.out
  : >"$log" # exists before the background server opens it: the first look below must not race its creation
  "${SLUICE[@]}" serve --config "$1" --data "$2" --port "${SLUICE_PORT:-0}" --log-level warn >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 200); do
    URL=$(sed -n 's/^Sluice listening on \(http:[^ ]*\).*/\1/p' "$log")
    [[ -n $URL ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || fail "the server did not start: $(cat "$log")"
    sleep 0.05
  done
  [[ -n $URL ]] || fail "the server did not start in time: $(cat "$log")"
  for _ in $(seq 400); do
    curl -sf --max-time 5 "$URL/ready" >/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited before it was ready: $(cat "$log")"
    sleep 0.05
  done
  curl -sf --max-time 5 "$URL/ready" >/dev/null || fail "the server at $URL was not ready in time: $(curl -sS --max-time 5 "$URL/ready") $(cat "$log")"
  show "sluice serve --config ${1#"$ROOT"/} (pid $SERVER_PID) at $URL"
}

stop() {
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=
}

# status: the balances view's version and state, from GET /views/balances.
status() {
  curl -sS --max-time 10 "$URL/views/balances" | json .version .state .position
}

# wait_ready: polls the view's status until it is ready (a rebuild is under way until then).
wait_ready() {
  local version state position
  for _ in $(seq 400); do
    read -r version state position <<<"$(status)"
    [[ $state == ready ]] && return 0
    show "balances v$version: $state"
    sleep 0.05
  done
  fail "balances did not become ready"
}

ACCOUNT=acct-0003

step "A. Rebuild on start"
seed "$WORK/a"
serve "$V1" "$WORK/a"
read -r version state position <<<"$(status)"
show "GET /views/balances -> version $version, $state at offset $position"
show "GET /views/balances/get?key=$ACCOUNT -> $(curl -sS "$URL/views/balances/get?key=$ACCOUNT" | json .state)"
stop
show "stopped; starting again with balances version 2 (sluice.v2.config.json)"
serve "$V2" "$WORK/a"
read -r version state position <<<"$(status)"
show "GET /views/balances right after start -> version $version, $state"
wait_ready
read -r version state position <<<"$(status)"
[[ $version == 2 ]] || fail "expected balances version 2, got $version"
show "GET /views/balances -> version $version, $state at offset $position: rebuilt from the whole log"
ROW=$(curl -sS --fail-with-body "$URL/views/balances/get?key=$ACCOUNT" | json .state)
show "GET /views/balances/get?key=$ACCOUNT -> $ROW"
[[ $(json .overdraftAttempts <<<"$ROW") =~ ^[0-9]+$ ]] || fail "version 2 rows should count overdraftAttempts"
stop

step "B. No downtime: sluice reindex beside the running server"
seed "$WORK/b"
serve "$V1" "$WORK/b"
BEFORE=$(curl -sS --fail-with-body "$URL/views/balances/get?key=$ACCOUNT" | json .state)
show "version 1 serves: $BEFORE"
show "sluice reindex balances --config sluice.v2.config.json (while the version 1 server runs):"
"${SLUICE[@]}" reindex balances --config "$V2" --data "$WORK/b" 2>&1 | sed 's/^/     /'
show "sluice views --config sluice.v2.config.json (the new build waits for a server start):"
"${SLUICE[@]}" views --config "$V2" --data "$WORK/b" | grep -E '^(VIEW|balances|  build)' | sed 's/^/     /'
DURING=$(curl -sS --fail-with-body "$URL/views/balances/get?key=$ACCOUNT" | json .state)
[[ $DURING == "$BEFORE" ]] || fail "the running server should still serve version 1"
read -r version state position <<<"$(status)"
show "the running server still answers from version $version ($state): $DURING"
OFFSET=$(curl -sS -XPOST "$URL/streams/$ACCOUNT" -H 'content-type: application/json' \
  -d '{"type":"WithdrawalDeclined","data":{"amount":999999,"balance":0,"via":"withdrawal"}}' | json .lastOffset)
show "one more WithdrawalDeclined appended meanwhile at offset $OFFSET (the tail the new build has not seen)"
stop
serve "$V2" "$WORK/b"
read -r version state position <<<"$(status)"
show "GET /views/balances right after start -> version $version, $state"
[[ $version == 2 && $state == ready ]] || fail "expected version 2 ready at once, got version $version $state"
ROW=$(curl -sS --fail-with-body "$URL/views/balances/get?key=$ACCOUNT&after=$OFFSET" | json .state)
show "GET /views/balances/get?key=$ACCOUNT&after=$OFFSET -> $ROW"
[[ $(json .overdraftAttempts <<<"$ROW") =~ ^[1-9][0-9]*$ ]] || fail "the tail's WithdrawalDeclined should be counted"
stop

printf '\nDone: balances v2 rebuilt on start (A), and built by reindex beside a running server, then served at once (B).\n'
