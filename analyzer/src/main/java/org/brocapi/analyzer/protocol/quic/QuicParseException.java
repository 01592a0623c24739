package org.brocapi.analyzer.protocol.quic;

/** Input the Spicy QUIC grammar rejects; the message becomes the analyzer violation's reason. */
final class QuicParseException extends Exception {
    QuicParseException(String message) {
        super(message, null, false, false);
    }
}
