#!/usr/bin/env bash
# Service benchmarks (not a unit test): prints figures.
#  1. a 1 GiB pcap uploaded to `brocapi serve` running at -Xmx128m, against `cp` of the same file to
#     the same filesystem + sync (the server fsyncs before its 200), R times alternately; prints each
#     run, the medians, their ratio and the load average (a busy machine can be 2-3x off: compare the
#     ratio, and the CPU seconds, which load changes less). The server's peak RSS shows the upload
#     streamed in constant memory. Run 1 is the server's first request (JIT still warming up).
#  2. submit-to-done latency (median of N) of a small pcap with the embedded analyzer.
# Usage: bench/service-bench.sh [SIZE_MIB=1024] [N=20] [R=5]   (N=0 skips 2; work files in bench-out/, removed after)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
size_mib=${1:-1024}
n=${2:-20}
runs=${3:-5}
out="$root/bench-out/service"
rm -rf "$out" && mkdir -p "$out"
port=$((20000 + RANDOM % 20000))
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$out"; }
trap cleanup EXIT

# a valid pcap of SIZE_MIB: 24-byte header, then records of 16 + 65519 bytes (64 KiB each)
python3 - "$out/big.pcap" "$size_mib" <<'PY'
import struct, sys
path, mib = sys.argv[1], int(sys.argv[2])
frame = bytes(14) + bytes(range(256)) * 255 + bytes(65519 - 14 - 256 * 255)
with open(path, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i in range(mib * 16):
        f.write(struct.pack("<IIII", 1700000000 + i, 0, len(frame), len(frame)))
        f.write(frame)
PY
"$root/brocapi" --version >/dev/null   # builds the jar first when sources changed
bytes=$(stat -c %s "$out/big.pcap")
cat "$out/big.pcap" > /dev/null   # both runs read it from the page cache

start_server() {  # $1 = extra serve args
  mkdir -p "$out/jobs"
  BROCAPI_JAVA_OPTS="-Xmx128m" BROCAPI_BRO_PROCESSING_DIR="$out/jobs" BROCAPI_MAIN_MAX_UPLOAD_BYTES=8G \
    "$root/brocapi" serve --listen 127.0.0.1:$port $1 > "$out/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return; sleep 0.2; done
  echo "server did not start"; cat "$out/serve.log"; exit 1
}
now() { date +%s.%N; }

start_server --no-workers
java_pid=$(pgrep -P "$server" java || echo "$server")
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user+system clock ticks
echo "upload $(( (bytes + (1 << 19)) >> 20 )) MiB, $runs runs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$runs"); do
  sync
  t0=$(now); cp "$out/big.pcap" "$out/copy.pcap"; sync "$out/copy.pcap"; t1=$(now)
  rm -f "$out/copy.pcap"; sync
  c0=$(cpu "$java_pid")
  t2=$(now)
  curl -sS -F "file[]=@$out/big.pcap" "http://127.0.0.1:$port/submit/pcap" > "$out/answer.json"
  t3=$(now)
  c1=$(cpu "$java_pid")
  grep -q '"success": true' "$out/answer.json" || { echo "upload failed: $(cat "$out/answer.json")"; exit 1; }
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["job_id"])' "$out/answer.json")
  curl -sS -X DELETE "http://127.0.0.1:$port/jobs/$id" > /dev/null
  echo "$t0 $t1 $t2 $t3 $((c1 - c0)) $(cut -d' ' -f1 /proc/loadavg)"
done > "$out/upload.txt"
rss=$(awk '/VmHWM/ {print $2}' "/proc/$java_pid/status" 2>/dev/null || echo "?")
ticks=$(getconf CLK_TCK)
kill "$server"; wait "$server" 2>/dev/null || true; server=""
python3 - "$bytes" "$out/upload.txt" "$rss" "$ticks" <<'PY'
import statistics, sys
b, rows, rss, tck = int(sys.argv[1]), [l.split() for l in open(sys.argv[2])], sys.argv[3], int(sys.argv[4])
mib = b / 2**20
cps, posts = [], []
for i, r in enumerate(rows, 1):
    cp, post = float(r[1]) - float(r[0]), float(r[3]) - float(r[2])
    cps.append(cp); posts.append(post)
    print(f"  run {i}: cp+sync {cp:.2f} s, POST {post:.2f} s ({post / cp:.2f}x), server CPU {int(r[4]) / tck:.2f} s, load {r[5]}")
cp, post = statistics.median(cps), statistics.median(posts)
print(f"upload {mib:.0f} MiB, median of {len(rows)}: cp+sync {cp:.2f} s ({mib / cp:.0f} MiB/s), "
      f"POST /submit/pcap until the 200 {post:.2f} s ({mib / post:.0f} MiB/s), ratio {post / cp:.2f}x cp "
      f"(goal <= 2x); server -Xmx128m peak RSS {rss} kB")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$out/jobs" "$out/big.pcap"

[ "$n" -gt 0 ] || exit 0
# submit-to-done of a small pcap (3 UDP packets), embedded engine
python3 - "$out/small.pcap" <<'PY'
import struct, sys
def udp(sport, dport, payload):
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 28 + len(payload), 1, 0, 64, 17, 0, bytes([10,0,0,1]), bytes([10,0,0,2]))
    return bytes(12) + b"\x08\x00" + ip + struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, p in enumerate([udp(1000, 53, b"q"), udp(1001, 53, b"r"), udp(1002, 123, b"s")]):
        f.write(struct.pack("<IIII", 1700000000 + i, 0, len(p), len(p)) + p)
PY
start_server ""
curl -sS -F "file[]=@$out/small.pcap" "http://127.0.0.1:$port/submit/pcap" > /dev/null   # warm-up
sleep 1
for i in $(seq 1 "$n"); do
  t0=$(now)
  id=$(curl -sS -F "file[]=@$out/small.pcap" "http://127.0.0.1:$port/submit/pcap" | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')
  until curl -sS "http://127.0.0.1:$port/jobs/$id" > "$out/job.json" && grep -q '"state": "done"' "$out/job.json"; do sleep 0.01; done
  t1=$(now)
  echo "$t0 $t1 $(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["created"], j["finished"])' "$out/job.json")"
done > "$out/latency.txt"
python3 - "$out/latency.txt" <<'PY'
import statistics, sys
from datetime import datetime
rows = [l.split() for l in open(sys.argv[1])]
ms = sorted((float(r[1]) - float(r[0])) * 1000 for r in rows)
iso = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
srv = sorted((iso(r[3]) - iso(r[2])).total_seconds() * 1000 for r in rows)
print(f"submit-to-done, small pcap, embedded engine, n={len(ms)}: server-side (created→finished) median "
      f"{statistics.median(srv):.0f} ms (min {srv[0]:.0f}, max {srv[-1]:.0f}); client-side median "
      f"{statistics.median(ms):.0f} ms (incl. curl/python start-up and 10 ms polling)")
PY
