#!/usr/bin/env bash
# Makes the golden traces: real clients and servers (dig/dnsmasq, curl/nginx, nc, ping) talking
# across a veth pair between two network namespaces this script creates and removes; tcpdump
# captures on the client side. Needs root and: iproute2 tcpdump dnsmasq bind9-dnsutils curl
# nginx-light netcat-openbsd iputils-ping editcap (wireshark-common). Each run gives new ports,
# ISNs and times, so re-making a trace means re-checking its expected logs (see README.md).
#   usage: make-traces.sh [CASE...]     (default: all cases)
set -euo pipefail
cases=${*:-dns http icmp_pcapng}
here=$(cd "$(dirname "$0")" && pwd)
NS_S=golden-srv NS_C=golden-cli SRV=10.77.0.2 CLI=10.77.0.1 SRV6=fd77::2 CLI6=fd77::1
work=$(mktemp -d)
cleanup() {
    for ns in $NS_S $NS_C; do
        for p in $(ip netns pids $ns 2>/dev/null); do kill $p 2>/dev/null || true; done
        sleep 0.3
        ip netns del $ns 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
cleanup; work=$(mktemp -d)

ip netns add $NS_S; ip netns add $NS_C
ip link add veth-gs netns $NS_S type veth peer name veth-gc netns $NS_C
ip -n $NS_S addr add $SRV/24 dev veth-gs; ip -n $NS_C addr add $CLI/24 dev veth-gc
ip -n $NS_S addr add $SRV6/64 dev veth-gs nodad; ip -n $NS_C addr add $CLI6/64 dev veth-gc nodad
for ns in $NS_S $NS_C; do ip -n $ns link set lo up; done
ip -n $NS_S link set veth-gs up; ip -n $NS_C link set veth-gc up
# checksums filled in by the stack (no offload), frames no larger than the MTU
ip netns exec $NS_S ethtool -K veth-gs tx off rx off tso off gso off gro off >/dev/null 2>&1 || true
ip netns exec $NS_C ethtool -K veth-gc tx off rx off tso off gso off gro off >/dev/null 2>&1 || true
sleep 1

S() { ip netns exec $NS_S "$@"; }
C() { ip netns exec $NS_C "$@"; }

capture() { # capture CASE FILTER -- commands…
    local name=$1 out="$here/$1/trace.pcap"; shift
    mkdir -p "$here/$name"
    C tcpdump -i veth-gc -s 0 -U -w "$work/$name.pcap" 2>/dev/null & local pid=$!
    sleep 1
    "$@"
    sleep 1; kill $pid; wait $pid 2>/dev/null || true
    cp "$work/$name.pcap" "$out"
}

start_dns() {
    S dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=$SRV --bind-interfaces \
        --address=/www.example.test/10.77.0.80 --address=/www.example.test/fd77::80 \
        --txt-record=info.example.test,"golden trace" --mx-host=example.test,mail.example.test,10 \
        --local=/invalid/ --port=53 >/dev/null 2>&1 &
    sleep 1
}

start_http() {
    mkdir -p "$work/www"; chmod 755 "$work" "$work/www"
    printf '<html><body>golden</body></html>\n' > "$work/www/index.html"
    head -c 20000 /dev/zero | tr '\0' 'a' > "$work/www/big.txt"
    chmod 644 "$work/www/"*
    cat > "$work/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $work/nginx.pid; error_log $work/error.log;
events { worker_connections 64; }
http { access_log off; keepalive_timeout 5;
  server { listen $SRV:80; listen [$SRV6]:80; root $work/www; } }
CONF
    S nginx -c "$work/nginx.conf" >/dev/null 2>&1 &
    sleep 1
}

case_dns() {
    start_dns
    capture dns bash -c "
        ip netns exec $NS_C dig +tries=1 @$SRV www.example.test A >/dev/null
        ip netns exec $NS_C dig +tries=1 @$SRV www.example.test AAAA >/dev/null
        ip netns exec $NS_C dig +tries=1 @$SRV info.example.test TXT >/dev/null
        ip netns exec $NS_C dig +tries=1 +tcp @$SRV example.test MX >/dev/null
        ip netns exec $NS_C dig +tries=1 @$SRV nothing.invalid A >/dev/null
        ip netns exec $NS_C dig +tries=1 +time=1 @$SRV -p 5300 www.example.test A >/dev/null || true"
}

case_http() {
    start_http
    capture http bash -c "
        ip netns exec $NS_C curl -s -o /dev/null -o /dev/null http://$SRV/index.html http://$SRV/missing
        ip netns exec $NS_C curl -s -o /dev/null -H 'Accept-Encoding: identity' http://[$SRV6]/big.txt
        ip netns exec $NS_C curl -s -o /dev/null -d 'field=value' http://$SRV/index.html
        ip netns exec $NS_C nc -z -w 1 $SRV 81 || true"
}

case_icmp_pcapng() {
    capture icmp-pcapng bash -c "
        ip netns exec $NS_C ping -c 3 -i 0.2 $SRV >/dev/null
        ip netns exec $NS_C ping -6 -c 2 -i 0.2 -s 1600 $SRV6 >/dev/null
        echo hello | ip netns exec $NS_C nc -u -w 1 $SRV 9999 || true"
    # pcapng with nanosecond timestamps: the reader's other format and resolution
    editcap -F pcapng --set-resolution 9 "$here/icmp-pcapng/trace.pcap" "$here/icmp-pcapng/trace.pcapng" 2>/dev/null \
        || editcap -F pcapng "$here/icmp-pcapng/trace.pcap" "$here/icmp-pcapng/trace.pcapng"
    rm "$here/icmp-pcapng/trace.pcap"
}

for c in $cases; do "case_${c//-/_}"; echo "made $c"; done
