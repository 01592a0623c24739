#!/usr/bin/env bash
# Installs what the test suite and benchmarks need, from Debian, when missing. Idempotent.
#   JDK 25 (Temurin, expected preinstalled on these machines), rsyslog (syslog delivery tests),
#   redis-server (Redis queue tests), tcpdump (bench baseline),
#   openssl (TLS test certificates), iproute2 (network-namespace tests).
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; }
# the delivery tests run Debian's rsyslogd in the foreground, with its TLS driver
{ have /usr/sbin/rsyslogd && [ -e /usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so ]; } || need+=(rsyslog rsyslog-gnutls)
have redis-server || need+=(redis-server)

have tcpdump || have /usr/bin/tcpdump || need+=(tcpdump)
have openssl || need+=(openssl)
have ip || need+=(iproute2)
have flock || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing ${need[*]}; run as root or install them with apt-get" >&2
    exit 1
  fi
  echo "install-deps: apt-get install ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ ! -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && ! java -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  echo "install-deps: a JDK 25 is required (expected at /usr/lib/jvm/temurin-25-jdk-amd64)" >&2
  exit 1
fi
