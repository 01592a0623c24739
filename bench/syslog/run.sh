#!/usr/bin/env bash
# Benchmark: one large job delivered over TCP and over TLS to a real rsyslogd on this machine.
# Prints the sender's lines/s, the receive rate (send start -> last line written by rsyslog)
# and the loss/duplicate count checked line by line from rsyslog's output (verify.py).
#
#   bench/syslog/run.sh [LINES] [tcp|tls|tcp-oc|tls-oc|blast-tcp|blast-tls|sink-tcp|sink-tls ...]   default: 1000000 tcp tls
# blast-*: the harness's own Python sender on the same receiver, as a reference for the conditions.
# sink-*: Brocapi's sender alone, into a receiver that discards (its own ceiling, not rsyslog's).
# Needs rsyslog + rsyslog-gnutls and the receiver harness (SYSLOG_TOOLS, default ../shared/tools/syslog).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tools=${SYSLOG_TOOLS:-$root/../shared/tools/syslog}
[ -x "$tools/receiver.sh" ] || tools=/work/shared/tools/syslog
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
lines=${1:-1000000}; shift || true
cases=${*:-tcp tls}
work=${BENCH_DIR:-/tmp/brocapi-syslog-bench}
mkdir -p "$work"
(cd "$root" && ./mvnw -q -B -pl service -am compile)
cp="$root/service/target/classes:$root/analyzer/target/classes"
port=$((20000 + RANDOM % 20000)); tport=$((port + 1))
rx="$work/rx"
for c in $cases; do
  "$tools/receiver.sh" start "$rx" --tcp "$port" --tls "$tport" >/dev/null
  case $c in
    tcp) url="tcp://127.0.0.1:$port";;
    tcp-oc) url="tcp://127.0.0.1:$port?framing=octet-counting";;
    tls) url="tls://localhost:$tport";;
    tls-oc) url="tls://localhost:$tport?framing=octet-counting";;
    sink-tcp|sink-tls)
      # the sender alone: a discarding receiver (Python socket / openssl s_server), no syslog parsing
      "$tools/receiver.sh" stop "$rx" >/dev/null
      sp=$((port + 2))
      echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  [$c]"
      if [ "$c" = sink-tcp ]; then
        python3 -c 'import socket,sys
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1)
c,_=s.accept(); b=bytearray(1<<20); n=0
while True:
    k=c.recv_into(b)
    if not k: break
    n+=k
c.close(); print("sink received", n, "bytes")' "$sp" &
        url="tcp://127.0.0.1:$sp"
      else
        # s_server ends the session when its stdin ends: hold it open through a fifo until we are done
        rm -f "$work/sink.stdin"; mkfifo "$work/sink.stdin"
        (openssl s_server -quiet -naccept 1 -accept "127.0.0.1:$sp" -cert "$rx/tls/server.pem" \
            -key "$rx/tls/server.key" < "$work/sink.stdin" | wc -c | sed 's/^/sink received /; s/$/ bytes/') &
        exec 3>"$work/sink.stdin"
        url="tls://localhost:$sp"
      fi
      sleep 1
      "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" "$root/bench/syslog/SyslogDeliveryBench.java" "$work" "$lines" "$url" \
          "tls_ca_file=$rx/tls/ca.pem" retry_budget=10s
      [ "$c" = sink-tls ] && exec 3>&-
      wait 2>/dev/null || true
      continue;;
    blast-tcp|blast-tls)
      # reference under the same conditions: the harness's pre-built Python sender (not Brocapi)
      echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  [$c]"
      m=${c#blast-}; p=$port; [ "$m" = tls ] && p=$tport
      python3 "$tools/blast.py" "$m" "$p" "$lines" --ca "$rx/tls/ca.pem" --host bench --app bro25_conn | tee "$work/blast.out"
      start=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["t0_wall"])' "$work/blast.out")
      "$tools/receiver.sh" wait "$rx" "$lines" 120 >/dev/null || true
      last=$(stat -c %.9Y "$rx/messages.jsonl")
      echo "receiver: $(awk -v n="$lines" -v a="$start" -v b="$last" 'BEGIN{printf "%.0f lines/s received (send start -> last line written, %.2f s)", n/(b-a), b-a}')"
      "$tools/receiver.sh" settle "$rx" 1 >/dev/null
      python3 "$tools/verify.py" "$rx" "$lines" --host bench --app bro25_conn | tr -d '\n'; echo "  [$c]"
      "$tools/receiver.sh" stop "$rx" >/dev/null
      continue;;
    *) echo "unknown case $c"; exit 2;;
  esac
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  [$c]"
  "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" "$root/bench/syslog/SyslogDeliveryBench.java" "$work" "$lines" "$url" \
      "tls_ca_file=$rx/tls/ca.pem" retry_budget=10s | tee "$work/sender.out"
  start=$(awk -F= '/^send_start_ms=/{printf "%.3f", $2/1000}' "$work/sender.out")
  "$tools/receiver.sh" wait "$rx" "$lines" 120 >/dev/null || true
  last=$(stat -c %.9Y "$rx/messages.jsonl")
  echo "receiver: $(awk -v n="$lines" -v a="$start" -v b="$last" 'BEGIN{printf "%.0f lines/s received (send start -> last line written, %.2f s)", n/(b-a), b-a}')"
  "$tools/receiver.sh" settle "$rx" 1 >/dev/null
  python3 "$tools/verify.py" "$rx" "$lines" --host bench --app bro25_conn | tr -d '\n'; echo "  [$c]"
  "$tools/receiver.sh" stop "$rx" >/dev/null
done
