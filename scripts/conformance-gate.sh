#!/usr/bin/env bash
# Runs Zeek's conformance corpus (../shared/zeek-conformance) against `./brocapi zeek` and fails
# when fewer log files are identical than conformance/expected.txt records. Raise the number as
# the analyzer improves (scripts/conformance-gate.sh --update writes the current score).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=${ZEEK_CONFORMANCE:-$root/../shared/zeek-conformance}
expected_file=$root/conformance/expected.txt
if [ ! -x "$corpus/zeekcompat" ]; then
  echo "conformance-gate: corpus not found at $corpus (set ZEEK_CONFORMANCE)" >&2
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# the jar is built; no process of the run may rebuild it
export BROCAPI_NO_REBUILD=1
"$corpus/zeekcompat" run --zeek "$root/brocapi zeek" --json "$out/result.json" --timeout 120 | tee "$out/run.txt"
line=$(tail -n 1 "$out/run.txt")
got=$(sed -nE 's/^zeekcompat: identical ([0-9]+)\/([0-9]+) files.*/\1/p' <<<"$line")
[ -n "$got" ] || { echo "conformance-gate: could not read the summary line: $line" >&2; exit 1; }
if [ "${1:-}" = "--update" ]; then
  echo "$got" > "$expected_file"
  echo "conformance-gate: recorded $got identical files"
  exit 0
fi
want=$(tr -dc '0-9' < "$expected_file")
if [ "$got" -lt "$want" ]; then
  echo "conformance-gate: FAILED — $got identical files, expected at least $want" >&2
  exit 1
fi
echo "conformance-gate: ok — $got identical files (expected at least $want)"
