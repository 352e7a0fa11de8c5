#!/usr/bin/env bash
# The bank over HTTP with curl: open accounts, move money under the bank's rules, read a statement with
# read-your-writes (after=), tail the log live, and see a conflicting withdrawal refused with 409.
#
#   terminal 1:  npm run build && npx sluice serve --config examples/bank/sluice.config.json
#   terminal 2:  bash examples/bank/walkthrough.sh
#
# SLUICE_URL names the server (default http://127.0.0.1:7071, the port in sluice.config.json).
# RUN names this run's accounts, alice-$RUN and bob-$RUN (default: the time), so the script can run again.
# Needs bash, curl and node (or jq) to read JSON. Exits non-zero if anything is not as described.
set -euo pipefail

URL=${SLUICE_URL:-http://127.0.0.1:7071}
RUN=${RUN:-$(date +%H%M%S)}
ALICE=alice-$RUN
BOB=bob-$RUN

# json <path>...: prints fields of the JSON on stdin, space-separated (objects as JSON). Paths are dotted: .state.balance
# Uses jq when it is installed, node otherwise.
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

# money <cents>: 12345 -> 123.45
money() { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); }

step() { printf '\n== %s\n' "$*"; }
show() { printf '   %s\n' "$*"; }
fail() { printf 'walkthrough: %s\n' "$*" >&2; exit 1; }

# append <stream> <json body> [expected status]: POSTs an append, leaves the answer in BODY and STATUS.
append() {
  local out
  out=$(curl -sS -w '\n%{http_code}' -XPOST "$URL/streams/$1" -H 'content-type: application/json' -d "$2")
  STATUS=${out##*$'\n'}
  BODY=${out%$'\n'*}
  [[ $STATUS == "${3:-201}" ]] || fail "POST /streams/$1 answered $STATUS, expected ${3:-201}: $BODY"
}

# read_account <account> <offset>: the account's row in the balances view, once the view has applied <offset>.
read_account() {
  curl -sS --fail-with-body "$URL/views/balances/get?key=$1&after=$2" | json .state
}

curl -sS --fail "$URL/ready" >/dev/null 2>&1 ||
  fail "no Sluice server at $URL; start one: npx sluice serve --config examples/bank/sluice.config.json"

step "Open two accounts: an AccountOpened event each, appended only if the stream does not exist yet"
append "$ALICE" '{"events":[{"type":"AccountOpened","data":{"owner":"Alice"}}],"expectedRevision":"no_stream"}'
show "POST /streams/$ALICE -> $STATUS $BODY"
FIRST=$(json .lastOffset <<<"$BODY")
append "$BOB" '{"events":[{"type":"AccountOpened","data":{"owner":"Bob"}}],"expectedRevision":"no_stream"}'
show "POST /streams/$BOB -> $STATUS $BODY"
LAST=$(json .lastOffset <<<"$BODY")

step "Deposit 100.00 to Alice and 20.00 to Bob: read the account's revision, append with expectedRevision"
for pair in "$ALICE 10000 $FIRST" "$BOB 2000 $LAST"; do
  read -r account cents seen <<<"$pair"
  revision=$(read_account "$account" "$seen" | json .revision)
  append "$account" "{\"events\":[{\"type\":\"Deposited\",\"data\":{\"amount\":$cents}}],\"expectedRevision\":$revision}"
  show "$account at revision $revision: Deposited $(money "$cents") -> $STATUS, offset $(json .lastOffset <<<"$BODY")"
done
LAST=$(json .lastOffset <<<"$BODY")

step "Two tellers withdraw from Alice at the same moment; both read her account first"
ROW=$(read_account "$ALICE" "$LAST")
read -r REVISION BALANCE <<<"$(json .revision .balance <<<"$ROW")"
show "both tellers see: balance $(money "$BALANCE") at revision $REVISION"
append "$ALICE" "{\"events\":[{\"type\":\"Withdrawn\",\"data\":{\"amount\":8000}}],\"expectedRevision\":$REVISION}"
show "teller 1: Withdrawn 80.00, expectedRevision $REVISION -> $STATUS"
TELLER1=$(json .lastOffset <<<"$BODY")
append "$ALICE" "{\"events\":[{\"type\":\"Withdrawn\",\"data\":{\"amount\":5000}}],\"expectedRevision\":$REVISION}" 409
read -r CODE CURRENT <<<"$(json .code .currentRevision <<<"$BODY")"
show "teller 2: Withdrawn 50.00, expectedRevision $REVISION -> $STATUS $CODE, currentRevision $CURRENT"
show "nothing was written; teller 2 reads the account again (after=$TELLER1, teller 1's write) and decides again"
ROW=$(read_account "$ALICE" "$TELLER1")
read -r REVISION BALANCE <<<"$(json .revision .balance <<<"$ROW")"
if ((BALANCE < 5000)); then
  append "$ALICE" "{\"events\":[{\"type\":\"WithdrawalDeclined\",\"data\":{\"amount\":5000,\"balance\":$BALANCE,\"via\":\"withdrawal\"}}],\"expectedRevision\":$REVISION}"
  show "teller 2: balance $(money "$BALANCE") < 50.00, so WithdrawalDeclined at revision $REVISION -> $STATUS (no overdraft)"
else
  fail "Alice should have less than 50.00 left, has $(money "$BALANCE")"
fi
LAST=$(json .lastOffset <<<"$BODY")

step "Tail the log live (NDJSON) while Bob deposits 15.00"
TAIL=$(mktemp)
END=$(curl -sS "$URL/ready" | json .end)
curl -sSN "$URL/log?from=$END&live=true" -H 'accept: application/x-ndjson' >"$TAIL" &
TAIL_PID=$!
trap 'kill $TAIL_PID 2>/dev/null || true; rm -f "$TAIL"' EXIT
REVISION=$(read_account "$BOB" "$LAST" | json .revision)
append "$BOB" "{\"events\":[{\"type\":\"Deposited\",\"data\":{\"amount\":1500}}],\"expectedRevision\":$REVISION}"
LAST=$(json .lastOffset <<<"$BODY")
for _ in $(seq 100); do grep -q "\"offset\":$LAST," "$TAIL" && break; sleep 0.05; done
grep -q "\"offset\":$LAST," "$TAIL" || fail "the live tail did not show offset $LAST"
kill $TAIL_PID 2>/dev/null || true
show "GET /log?from=$END&live=true (accept: application/x-ndjson) printed:"
grep -v '^$' "$TAIL" | sed 's/^/     /'

step "Alice's statement, newest first, reading her writes (after=$LAST)"
curl -sS --fail-with-body "$URL/views/statements/records?account=$ALICE&reverse=true&limit=10&after=$LAST" | node -e '
  let s = ""; process.stdin.on("data", (c) => { s += c; }).on("end", () => {
    for (const r of JSON.parse(s).records) {
      const sign = r.type === "Withdrawn" || r.type === "TransferSent" ? -1 : 1;
      console.log(`     offset ${String(r.offset).padStart(6)}  ${r.type.padEnd(10)} ${(sign * r.data.amount / 100).toFixed(2).padStart(8)}`);
    }
  });'

step "Balances (the balances view)"
for account in "$ALICE" "$BOB"; do
  show "$account: $(money "$(read_account "$account" "$LAST" | json .balance)")"
done

step "Volume per day (the daily-volume view)"
show "$(curl -sS --fail-with-body "$URL/views/daily-volume/get?after=$LAST" | json .state)"

printf '\nDone: accounts %s and %s; the conflicting withdrawal got 409 and was decided again on fresh state.\n' "$ALICE" "$BOB"
