package org.brocapi.analyzer.protocol.ntp;

/** One NTP datagram's header: the association mode (RFC 5905 §7.3) and version. */
public record NtpMessage(int mode, int version) {
    public static final int CLIENT = 3, SERVER = 4;
}
