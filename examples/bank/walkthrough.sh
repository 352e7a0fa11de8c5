#!/usr/bin/env bash
# The bank over HTTP with curl: open accounts and move money with the bank's commands (POST /commands/<name>),
# see rules refuse commands (422) and two racing withdrawals never overdraw, read a statement with
# read-your-writes (after=), and tail the log live.
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

# bank_command <name> <json params> [expected status]: POSTs a command, leaves the answer in BODY and STATUS.
bank_command() {
  local out
  out=$(curl -sS -w '\n%{http_code}' -XPOST "$URL/commands/$1" -H 'content-type: application/json' -d "$2")
  STATUS=${out##*$'\n'}
  BODY=${out%$'\n'*}
  [[ $STATUS == "${3:-201}" ]] || fail "POST /commands/$1 answered $STATUS, expected ${3:-201}: $BODY"
}

# read_account <account> <offset>: the account's row in the balances view, once the view has applied <offset>.
read_account() {
  curl -sS --fail-with-body "$URL/views/balances/get?key=$1&after=$2" | json .state
}

curl -sS --fail "$URL/ready" >/dev/null 2>&1 ||
  fail "no Sluice server at $URL; start one: npx sluice serve --config examples/bank/sluice.config.json"

step "The bank's commands, declared by its plugin (GET /commands)"
show "$(curl -sS --fail-with-body "$URL/commands" | node -e 'let s = ""; process.stdin.on("data", (c) => { s += c; }).on("end", () => {
  console.log(JSON.parse(s).commands.map((c) => `POST ${c.path}`).join(", "));
});')"

step "Open two accounts: POST /commands/open appends AccountOpened, once per account"
bank_command open "{\"account\":\"$ALICE\",\"owner\":\"Alice\"}"
show "open $ALICE -> $STATUS $BODY"
bank_command open "{\"account\":\"$BOB\",\"owner\":\"Bob\"}"
show "open $BOB -> $STATUS $BODY"
bank_command open "{\"account\":\"$ALICE\",\"owner\":\"Mallory\"}" 422
show "open $ALICE again -> $STATUS $(json .code .rejection <<<"$BODY"): nothing written"

step "Deposit 100.00 to Alice and 20.00 to Bob; the server reads each account's state and appends at its revision"
for pair in "$ALICE 10000" "$BOB 2000"; do
  read -r account cents <<<"$pair"
  bank_command deposit "{\"account\":\"$account\",\"amount\":$cents}"
  show "deposit $(money "$cents") to $account -> $STATUS, revision $(json .revision <<<"$BODY"), offset $(json .lastOffset <<<"$BODY")"
done
bank_command deposit "{\"account\":\"carol-$RUN\",\"amount\":500}" 422
show "deposit to carol-$RUN -> $STATUS $(json .code .rejection <<<"$BODY")"
bank_command deposit "{\"account\":\"$BOB\",\"amount\":-5}" 400
show "deposit -5 cents to $BOB -> $STATUS $(json .code <<<"$BODY")"

step "Two tellers withdraw 80.00 from Alice (balance 100.00) at the same moment"
T1=$(mktemp)
T2=$(mktemp)
curl -sS -XPOST "$URL/commands/withdraw" -H 'content-type: application/json' -d "{\"account\":\"$ALICE\",\"amount\":8000}" >"$T1" &
curl -sS -XPOST "$URL/commands/withdraw" -H 'content-type: application/json' -d "{\"account\":\"$ALICE\",\"amount\":8000}" >"$T2" &
wait
LAST=0
for file in "$T1" "$T2"; do
  read -r TYPES REVISION ATTEMPTS OFFSET <<<"$(json .types .revision .attempts .lastOffset <"$file")"
  [[ $OFFSET =~ ^[0-9]+$ ]] || fail "a withdrawal failed: $(cat "$file")"
  show "teller: withdraw 80.00 -> $TYPES at revision $REVISION ($ATTEMPTS attempt(s))"
  ((OFFSET > LAST)) && LAST=$OFFSET
done
rm -f "$T1" "$T2"
ROW=$(read_account "$ALICE" "$LAST")
read -r REVISION BALANCE <<<"$(json .revision .balance <<<"$ROW")"
((BALANCE == 2000)) || fail "Alice should have 20.00 left, has $(money "$BALANCE")"
show "one Withdrawn, one WithdrawalDeclined: Alice has $(money "$BALANCE") at revision $REVISION (no overdraft)"
show "(a teller that lost the race got a 409 from the log inside the server, read again and decided again)"

step "Tail the log live (NDJSON) while Bob deposits 15.00"
TAIL=$(mktemp)
END=$(curl -sS "$URL/ready" | json .end)
curl -sSN "$URL/log?from=$END&live=true" -H 'accept: application/x-ndjson' >"$TAIL" &
TAIL_PID=$!
trap 'kill $TAIL_PID 2>/dev/null || true; rm -f "$TAIL"' EXIT
bank_command deposit "{\"account\":\"$BOB\",\"amount\":1500}"
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

printf '\nDone: accounts %s and %s; of two racing withdrawals one was paid and one declined, with no overdraft.\n' "$ALICE" "$BOB"
