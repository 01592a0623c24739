#!/usr/bin/env bash
# Checks the JVM settings ./brocapi picks for an analysis (zeek/analyze): the AOT cache in use, the
# serial collector with a 32 MB young generation by default, the user's BROCAPI_JAVA_OPTS winning,
# and small heaps still starting (a young generation that took the whole heap would leave no room
# for the AOT cache's archived objects, and the JVM would refuse to start).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pcap="$root/analyzer/src/test/resources/golden/dns/trace.pcap"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0

# flag NAME VALUE [JAVA_OPTS]: the analysis JVM runs with NAME = VALUE and under AOTMode=on
flag() {
  local name=$1 want=$2 opts=${3:-}
  local got
  if ! got=$(cd "$work" && BROCAPI_NO_REBUILD=1 BROCAPI_JAVA_OPTS="-XX:AOTMode=on -XX:+PrintFlagsFinal $opts" \
        "$root/brocapi" zeek -C -r "$pcap" 2>&1); then
    echo "launcher-check: FAIL: zeek with BROCAPI_JAVA_OPTS='$opts' did not run:"; echo "$got" | tail -5
    fail=1; return
  fi
  got=$(echo "$got" | awk -v n="$name" '$2 == n {print $4}')
  if [ "$got" != "$want" ]; then
    echo "launcher-check: FAIL: BROCAPI_JAVA_OPTS='$opts': $name = '$got', expected $want"; fail=1
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
[ "$fail" = 0 ] && echo "launcher-check: ok"
exit "$fail"
