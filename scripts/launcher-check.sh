#!/usr/bin/env bash
# Checks the JVM settings ./brocapi picks for an analysis (zeek/analyze): the AOT cache in use, the
# serial collector with a 32 MB young generation by default, the user's BROCAPI_JAVA_OPTS winning,
# small heaps still starting (a young generation that took the whole heap would leave no room for
# the AOT cache's archived objects, and the JVM would refuse to start), and the JIT chosen by the
# size of the input: C1 only under 1.5 GB, C1 and C2 above it or for standard input.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pcap="$root/analyzer/src/test/resources/golden/dns/trace.pcap"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0

# flag NAME VALUE [JAVA_OPTS [INPUT [ENV=VALUE…]]]: analysing INPUT (the DNS trace), the JVM runs
# with NAME = VALUE, under AOTMode=on; it must succeed unless INPUT is not a capture
flag() {
  local name=$1 want=$2 opts=${3:-} input=${4:-$pcap}
  local got rc=0
  got=$(cd "$work" && env BROCAPI_NO_REBUILD=1 BROCAPI_JAVA_OPTS="-XX:AOTMode=on -XX:+PrintFlagsFinal $opts" "${@:5}" \
        "$root/brocapi" zeek -C -r "$input" 2>&1) || rc=$?
  if [ "$rc" != 0 ] && { [ "$input" = "$pcap" ] || ! grep -q 'brocapi zeek: error' <<<"$got"; }; then
    echo "launcher-check: FAIL: zeek -r $input with BROCAPI_JAVA_OPTS='$opts' ${*:5} did not run:"; echo "$got" | tail -5
    fail=1; return
  fi
  got=$(awk -v n="$name" '$2 == n {print $4}' <<<"$got")
  if [ "$got" != "$want" ]; then
    echo "launcher-check: FAIL: zeek -r $input, BROCAPI_JAVA_OPTS='$opts' ${*:5}: $name = '$got', expected $want"; fail=1
  fi
}

flag UseSerialGC true
flag NewSize 33554432
flag MaxNewSize 33554432
flag NewSize 33554432 "-Xmx512m -XX:+UseSerialGC"   # the benchmark's options
flag NewSize 8388608 "-Xmn8m"                       # the user's young size wins
flag UseG1GC true "-XX:+UseG1GC"                    # the user's collector wins…
flag UseSerialGC false "-XX:+UseG1GC"
flag UseSerialGC true "-Xmx32m"                     # …and a small heap keeps the default split
flag MaxHeapSize 33554432 "-Xmx32m"
flag UseSerialGC true "-Xmx16m"
# the JIT: only the size of the input is read, so sparse files stand in for large captures (they
# are not captures: the analysis fails on them after the JVM has printed its flags)
truncate -s 1400000000 "$work/under.pcap"
truncate -s 1600000000 "$work/over.pcap"
printf '\x1f\x8b' > "$work/over.pcap.gz"                # a gzip whose trailer says 2 GB uncompressed
printf '\x00\x94\x35\x77' >> "$work/over.pcap.gz"
flag TieredStopAtLevel 1 ""                                # the DNS trace: C1 only
flag TieredStopAtLevel 1 "" "$work/under.pcap"
flag TieredStopAtLevel 4 "" "$work/over.pcap"             # C1 and C2
flag TieredStopAtLevel 4 "" "$work/over.pcap.gz"
flag TieredStopAtLevel 4 "" "$pcap" BROCAPI_JIT=full
flag TieredStopAtLevel 1 "" "$work/over.pcap" BROCAPI_JIT=quick
flag TieredStopAtLevel 4 "-XX:TieredStopAtLevel=4"        # the user's option wins
if out=$(cd "$work" && BROCAPI_NO_REBUILD=1 BROCAPI_JIT=fast "$root/brocapi" zeek -C -r "$pcap" 2>&1) \
   || ! grep -q 'BROCAPI_JIT must be' <<<"$out"; then
  echo "launcher-check: FAIL: BROCAPI_JIT=fast was not refused: $out"; fail=1
fi
[ "$fail" = 0 ] && echo "launcher-check: ok"
exit "$fail"
