#!/usr/bin/env bash
# Analyzer speed against `tcpdump -r FILE -w /dev/null` on the same capture, in the same run.
#   bench/analyzer-bench.sh CAPTURE [RUNS] [MODE…]
# MODE: conn (zeek -b base/protocols/conn, the issue's "conn-only") or default (all of base/).
# Prints, per command: median wall seconds, MB/s, packets/s, peak RSS, and the ratio to tcpdump.
# Make a large realistic capture with ../shared/tools/traffic/gen.sh (+ replicate.sh); never commit it.
set -euo pipefail
pcap=$(readlink -f "$1"); runs=${2:-3}; shift $(( $# >= 2 ? 2 : 1 )); modes=("${@:-conn}")
root=$(cd "$(dirname "$0")/.." && pwd)
heap=${BENCH_HEAP:--Xmx512m}
size=$(stat -c %s "$pcap")
packets=$(tcpdump -r "$pcap" -w /dev/null 2>&1 | sed -nE 's/.*[^0-9]([0-9]+) packets? (captured|read).*/\1/p' | head -1)
[ -n "$packets" ] || packets=$(capinfos -c -M "$pcap" 2>/dev/null | awk '/Number of packets/{print $NF}')
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
measure() { # label, command…
  local label=$1; shift
  local times=() rss=0
  for _ in $(seq "$runs"); do
    rm -f "$work"/*.log
    /usr/bin/time -f "%e %M" -o "$work/t" bash -c 'cd "$0" && exec "$@" >/dev/null 2>&1' "$work" "$@"
    read -r t m < "$work/t"; times+=("$t"); (( m > rss )) && rss=$m
  done
  local med; med=$(printf '%s\n' "${times[@]}" | median)
  printf '%-28s %7.2f s %8.1f MB/s %10.0f pkt/s %7d MB peak' "$label" "$med" \
    "$(echo "$size / 1000000 / $med" | bc -l)" "$(echo "$packets / $med" | bc -l)" $((rss / 1024))
  echo "$med" > "$work/last"
}
echo "capture: $pcap ($size bytes, $packets packets), median of $runs runs, JVM $heap," \
  "JIT ${BROCAPI_JIT:-auto} (the launcher's auto: C1 only under 1.5 GB, C1+C2 above)"
measure "tcpdump -r F -w /dev/null" tcpdump -r "$pcap" -w /dev/null; echo
base=$(cat "$work/last")
for mode in "${modes[@]}"; do
  case $mode in
    conn) args=(-b -C -r "$pcap" base/protocols/conn) ;;
    default) args=(-C -r "$pcap") ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
  # one core, as the issue measures: a serial collector and a single-CPU view for the JIT
  export BROCAPI_NO_REBUILD=1 BROCAPI_JAVA_OPTS="$heap -XX:+UseSerialGC -XX:ActiveProcessorCount=1"
  measure "brocapi zeek ($mode)" "$root/brocapi" zeek "${args[@]}"
  printf '   %.2fx the speed of tcpdump\n' "$(echo "$base / $(cat "$work/last")" | bc -l)"
done
