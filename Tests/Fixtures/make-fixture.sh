#!/usr/bin/env bash
# Writes Tests/Fixtures/convd-vN.sqlite: the same small workload written by a release whose newest
# schema is vN, used by MigrationTests to prove that every later release opens it with every figure.
# One per shipped schema: v4 (written with commit 3145fee; schema v4 shipped in sessions 1 and 2),
# v5 (written with commit 4562312, whose schema is the v5 shipped with d96d97c), v11 (written with
# commit c8b55f8, the last with conversion_transaction keyed by attribution first). Kept for the
# record: re-running it needs a build of such a commit.
# Usage: BIN=path/to/bin/of/that/build Tests/Fixtures/make-fixture.sh VERSION
set -euo pipefail
VERSION=${1:?usage: BIN=... make-fixture.sh VERSION (4, 5, ...)}
BIN=${BIN:?set BIN to the bin path of a build of the release with schema v$VERSION}
OUT=${OUT:-$(cd "$(dirname "$0")" && pwd)/convd-v$VERSION.sqlite}
DIR=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
"$BIN/convd" --data-dir "$DIR" --log-level error &
PID=$!
export CONVD_SOCKET=$DIR/convd.sock
for _ in $(seq 100); do [ -S "$CONVD_SOCKET" ] && break; sleep 0.1; done
c() { "$BIN/convctl" "$@" >/dev/null; }
c recipient put crm-1 --name "Main CRM"
c source put vendor-1 --name "Vendor One" --return-cap-count 20
c delivery record --recipient crm-1 --source vendor-1 --event-id E1 --click-id ck-1
c delivery record --recipient crm-1 --source vendor-1 --event-id E2 --click-id ck-2
c delivery record --recipient crm-1 --source vendor-1 --event-id E3
# INCREMENT: three invoices summed into one conversion of 3500.00 EUR.
c feedback conversion --event-id E1 --type WonClient --amount 1000.00 --currency EUR --transaction-id INV-1
c feedback conversion --event-id E1 --type WonClient --amount 2000.00 --currency EUR --transaction-id INV-2 --idempotency-key k-inv-2
c feedback conversion --event-id E1 --type WonClient --amount 500.00 --currency EUR --transaction-id INV-3
# UPDATE, then a PENDING CREATE_NEW sale approved, a FakeLead, and a return.
c feedback conversion --event-id E2 --type QualifiedLead --amount 80 --currency USD
c feedback conversion --event-id E2 --type QualifiedLead --amount 90 --currency USD
c feedback conversion --event-id E2 --type Lead --amount 12.50 --currency USD --transaction-id S-9 --status PENDING
c feedback adjust APPROVE --transaction-id S-9 --recipient crm-1
c feedback conversion --event-id E3 --type FakeLead
c feedback return --event-id E3 --reason Duplicate
kill -TERM $PID; wait $PID || true
sqlite3 "$DIR/convd.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null 2>&1 || true
cp "$DIR/convd.sqlite" "$OUT"
echo "wrote $OUT"
