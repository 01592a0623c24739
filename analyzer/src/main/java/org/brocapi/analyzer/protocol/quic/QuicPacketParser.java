package org.brocapi.analyzer.protocol.quic;

import java.util.Arrays;

/**
 * Pure parsing of QUIC long headers (RFC 9000 §17.2, RFC 9369 §3.2) and of the frames an Initial
 * packet may hold (RFC 9000 §19), exactly as far as Zeek's {@code QUIC.spicy} grammar reads them;
 * what that grammar rejects throws {@link QuicParseException}.
 */
final class QuicPacketParser {
    enum Type { INITIAL, ZERO_RTT, HANDSHAKE, RETRY }

    /**
     * One long-header packet: {@code length} bytes in the datagram; the packet number starts
     * {@code pnOffset} bytes in and {@code payloadLength} is its Length field (0 for Retry). A
     * null type is a version the grammar does not know: the rest of the datagram, then an error.
     */
    record LongHeader(long version, Type type, byte[] dcid, byte[] scid, int pnOffset, long payloadLength, int length) { }

    /** Receives CRYPTO frame data (RFC 9000 §19.6) and CONNECTION_CLOSE (§19.19). */
    interface FrameHandler {
        void crypto(long offset, byte[] data) throws QuicParseException;

        void connectionClose();
    }

    private QuicPacketParser() { }

    /** True for the versions the grammar parses (v1, drafts 22–34, Facebook's mvfst, v2). */
    static boolean knownVersion(long v) {
        return v == QuicInitialDecryptor.VERSION_1 || v == QuicInitialDecryptor.VERSION_2
                || v >= 0xff000016L && v <= 0xff000022L
                || v == 0xfaceb001L || v == 0xfaceb002L || v == 0xfaceb00eL || v >= 0xfaceb011L && v <= 0xfaceb013L;
    }

    static LongHeader longHeader(byte[] b, int start, int end) throws QuicParseException {
        var in = new Reader(b, start, end);
        int first = in.u8();
        long version = in.u32();
        byte[] dcid = in.bytes(in.u8());
        byte[] scid = in.bytes(in.u8());
        if (!knownVersion(version)) return new LongHeader(version, null, dcid, scid, 0, 0, end - start);
        int bits = first >> 4 & 3;
        // RFC 9369 §3.2 rotates the type codes: v2 Initial is 1, 0-RTT 2, Handshake 3, Retry 0
        Type type = Type.values()[version == QuicInitialDecryptor.VERSION_2 ? (bits + 3) % 4 : bits];
        int headerEnd = in.pos - start;
        switch (type) {
            case INITIAL -> {
                int tokenStart = in.pos;
                long tokenLen = in.varint();
                in.skip(tokenLen);
                int lengthStart = in.pos;
                long length = in.varint();
                int lengthSize = in.pos - lengthStart;
                // RFC 9001 §5.4.2: the sample needs 4 bytes of packet number and 16 of ciphertext
                if (length < 20) throw new QuicParseException("&requires failed: (self.length.result_ >= 20)");
                in.skip(length);
                int pnOffset = headerEnd + lengthSize + (lengthStart - tokenStart);
                return new LongHeader(version, type, dcid, scid, pnOffset, length, in.pos - start);
            }
            case ZERO_RTT, HANDSHAKE -> {
                long length = in.varint();
                in.skip(length);
                return new LongHeader(version, type, dcid, scid, 0, length, in.pos - start);
            }
            default -> {
                return new LongHeader(version, type, dcid, scid, 0, 0, end - start); // Retry: the rest
            }
        }
    }

    /** The frames of a decrypted Initial payload; CRYPTO data goes to {@code handler}. */
    static void frames(byte[] plain, Type packetType, FrameHandler handler) throws QuicParseException {
        var in = new Reader(plain, 0, plain.length);
        while (in.pos < plain.length) {
            int type = in.u8();
            switch (type) {
                case 0x00 -> { // PADDING: the grammar eats every following zero byte with it
                    while (in.pos < plain.length && plain[in.pos] == 0) in.pos++;
                }
                case 0x01 -> { } // PING
                case 0x02, 0x03 -> { // ACK (0x03 with ECN counts)
                    in.varint();
                    in.varint();
                    long ranges = in.varint();
                    in.varint();
                    for (long i = 0; i < ranges; i++) {
                        in.varint();
                        in.varint();
                    }
                    if (type == 0x03) {
                        in.varint();
                        in.varint();
                        in.varint();
                    }
                }
                case 0x06 -> {
                    long offset = in.varint();
                    byte[] data = in.bytes(in.varint());
                    handler.crypto(offset, data);
                }
                case 0x1c -> { // CONNECTION_CLOSE (transport)
                    in.varint();
                    in.varint();
                    in.skip(in.varint());
                    handler.connectionClose();
                }
                default -> throw new QuicParseException(
                        "unhandled frame type " + type + " in " + packetType.ordinal());
            }
        }
    }

    /** Bounds-checked reads that fail the way Spicy does: as a parse error. */
    private static final class Reader {
        final byte[] b;
        int pos;
        final int end;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        private void need(long n) throws QuicParseException {
            if (n > end - pos) throw new QuicParseException("expected " + n + " bytes (" + (end - pos) + " available)");
        }

        int u8() throws QuicParseException {
            need(1);
            return b[pos++] & 0xff;
        }

        long u32() throws QuicParseException {
            need(4);
            long v = (b[pos] & 0xffL) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8 | b[pos + 3] & 0xff;
            pos += 4;
            return v;
        }

        void skip(long n) throws QuicParseException {
            need(n);
            pos += (int) n;
        }

        byte[] bytes(long n) throws QuicParseException {
            need(n);
            byte[] out = Arrays.copyOfRange(b, pos, pos + (int) n);
            pos += (int) n;
            return out;
        }

        /** RFC 9000 §16: the top two bits give the length, 1 to 8 bytes. */
        long varint() throws QuicParseException {
            int first = u8();
            int n = 1 << (first >> 6);
            long v = first & 0x3f;
            need(n - 1);
            for (int i = 1; i < n; i++) v = v << 8 | b[pos++] & 0xff;
            return v;
        }
    }
}
