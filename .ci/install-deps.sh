#!/usr/bin/env bash
# System packages the tests need (Debian 12). Idempotent.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
# syslog delivery tests start a real rsyslogd in the foreground (no service is started: policy-rc.d);
# rsyslog-gnutls for the TLS input, openssl to make the test certificates.
if ! [ -x /usr/sbin/rsyslogd ] || ! [ -e /usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so ] || ! command -v openssl >/dev/null; then
  apt-get update
  apt-get install -y --no-install-recommends rsyslog rsyslog-gnutls openssl
fi
