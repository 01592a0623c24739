#!/usr/bin/env bash
# The Redis queue end to end: jobs/s through 1, 2 and 4 worker processes on small pcaps, and the
# queue's own cost per job (bench/QueueBench.java, Redis and SQLite for comparison).
#   bench/queue-bench.sh PCAP [JOBS] [WORKER_COUNTS…]      e.g. bench/queue-bench.sh small.pcap 200 1 2 4
# Per worker count: a fresh key prefix, API `brocapi serve --no-workers`, JOBS submitted with curl
# while no worker runs, then N `brocapi worker` processes ([main] workers = 1 each) are started.
# jobs/s = JOBS / (last job's finish - first job's start), from the job JSON: JVM start-up is not
# counted. Redis is a private redis-server with appendonly yes, appendfsync $APPENDFSYNC (default
# always, the no-loss setting). Each process is one JVM: on a 2-core machine 4 workers cannot beat 2.
set -euo pipefail
pcap=$(readlink -f "$1"); jobs=${2:-200}; shift $(( $# >= 2 ? 2 : 1 )); counts=("${@:-1 2 4}")
[ "${#counts[@]}" -eq 1 ] && read -r -a counts <<< "${counts[0]}"
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/cli/target/brocapi.jar"
java_bin=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
"$root/brocapi" --version >/dev/null   # builds the jar when sources changed
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

rport=$(free_port)
redis-server --port "$rport" --bind 127.0.0.1 --dir "$work" --appendonly yes --appendfsync "${APPENDFSYNC:-always}" \
  --save '' --daemonize no --logfile "$work/redis.log" & pids+=($!)
until redis-cli -p "$rport" ping >/dev/null 2>&1; do sleep 0.1; done
echo "pcap: $pcap ($(stat -c %s "$pcap") bytes), $jobs jobs per run, redis $(redis-server --version | grep -o 'v=[0-9.]*'), appendfsync ${APPENDFSYNC:-always}, $(nproc) cores"

run() { "$java_bin" --enable-native-access=ALL-UNNAMED -Xmx256m -jar "$jar" "$@"; }
for n in "${counts[@]}"; do
  data="$work/data$n"; mkdir -p "$data"; aport=$(free_port)
  cat > "$work/b$n.conf" <<CONF
[main]
listen = 127.0.0.1:$aport
workers = 1
[bro]
processing_dir = $data
[syslog]
; no delivery: this measures the queue and the workers
syslog_host =
[queue]
backend = redis
port = $rport
key_prefix = qb$n:
CONF
  run serve --config "$work/b$n.conf" --no-workers > "$work/api$n.log" 2>&1 & api=$!; pids+=($api)
  until curl -sf "http://127.0.0.1:$aport/health" >/dev/null; do sleep 0.2; done
  for i in $(seq "$jobs"); do
    curl -sf -F "file[]=@$pcap" "http://127.0.0.1:$aport/submit/pcap" >/dev/null
  done
  ws=()
  for w in $(seq "$n"); do run worker --config "$work/b$n.conf" > "$work/w$n-$w.log" 2>&1 & ws+=($!); pids+=($!); done
  until [ "$(curl -sf "http://127.0.0.1:$aport/health" | python3 -c 'import json,sys; j=json.load(sys.stdin)["jobs"]; print(j["done"]+j["failed"])')" -ge "$jobs" ]; do sleep 0.5; done
  curl -sf "http://127.0.0.1:$aport/jobs?limit=1000" | python3 -c '
import json, sys
from datetime import datetime
n, jobs = int(sys.argv[1]), json.load(sys.stdin)["jobs"]
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
first, last = min(t(j["started"]) for j in jobs), max(t(j["finished"]) for j in jobs)
per = {}
for j in jobs: per[j["worker"]] = per.get(j["worker"], 0) + 1
bad = sum(j["state"] != "done" for j in jobs)
print(f"{n} worker(s): {len(jobs)} jobs in {last-first:.2f} s = {len(jobs)/(last-first):.1f} jobs/s; per worker {sorted(per.values())}; not done {bad}")
' "$n"
  kill "${ws[@]}" "$api" 2>/dev/null || true; wait "${ws[@]}" "$api" 2>/dev/null || true
done

"$java_bin" --enable-native-access=ALL-UNNAMED -cp "$jar" "$root/bench/QueueBench.java" redis "$rport" 2000
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "$jar" "$root/bench/QueueBench.java" sqlite "$work/sqlite" 2000
