package org.brocapi.analyzer;

import java.io.IOException;

/** The input is not a capture we can read (not pcap, pcapng or a gzip of one). One line, for users. */
public final class CaptureFormatException extends IOException {
    public CaptureFormatException(String message) {
        super(message);
    }
}
