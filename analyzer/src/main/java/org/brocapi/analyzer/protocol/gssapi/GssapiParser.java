package org.brocapi.analyzer.protocol.gssapi;

import java.util.ArrayList;
import java.util.List;

import org.brocapi.analyzer.bytes.ByteCursor;

/**
 * Pure parsing of one GSS-API token in the shape of Zeek's {@code gssapi-protocol.pac}: an
 * application-tagged (0x60) negTokenInit or a bare negTokenResp, each a DER sequence of
 * context-tagged arguments; argument 2 (mechToken / responseToken) carries the inner mechanism's
 * token. Zeek reads each tag and length as one byte plus long-form length bytes, and has no case
 * for an argument index above 3 (an error). Per-message tokens (MIC 0x0404, wrap 0x0504) are
 * skipped.
 */
final class GssapiParser {
    private GssapiParser() { }

    /**
     * The mechanism tokens found, in order, the negState values of a negTokenResp, and the error
     * that stopped parsing (Zeek's binpac exception; the tokens found before it were already
     * forwarded by Zeek).
     */
    record Result(List<byte[]> mechTokens, List<Long> negStates, String error) { }

    private record Meta(int tag, int lenByte, long length) { }

    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    static Result parse(byte[] b, int off, int len) {
        var tokens = new ArrayList<byte[]>();
        var states = new ArrayList<Long>();
        try {
            var in = ByteCursor.of(b, off, len);
            Meta wrapper = meta(in);
            int tokId = wrapper.tag << 8 | wrapper.lenByte;
            if (tokId == 0x0404 || tokId == 0x0504) return new Result(tokens, states, null);
            boolean init = wrapper.tag == 0x60;
            if (init) {
                Meta oid = meta(in);
                skip(in, oid.length, "ASN1Encoding");
                meta(in); // the negotiation token's context tag
            }
            meta(in); // SEQUENCE
            while (in.remaining() > 0) {
                Meta arg = meta(in);
                var content = slice(in, arg.length, init ? "GSSAPI_NEG_TOKEN_INIT_Arg" : "GSSAPI_NEG_TOKEN_RESP_Arg");
                int index = (arg.tag - 0xa0) & 0xff;
                switch (index) {
                    case 0 -> {
                        Meta m = meta(content);
                        var value = slice(content, m.length, "ASN1Encoding");
                        if (!init) states.add(int64(value));
                    }
                    case 1, 3 -> skip(content, meta(content).length, "ASN1Encoding");
                    case 2 -> {
                        Meta m = meta(content);
                        var token = slice(content, m.length, "GSSAPI_NEG_TOKEN_MECH_TOKEN");
                        byte[] t = new byte[token.remaining()];
                        token.read(t, 0, t.length);
                        tokens.add(t);
                    }
                    default -> throw new Failure("invalid index for case: " + (init
                            ? "GSSAPI_NEG_TOKEN_INIT_Arg_Data" : "GSSAPI_NEG_TOKEN_RESP_Arg") + ": " + index);
                }
            }
            return new Result(tokens, states, null);
        } catch (Failure e) {
            return new Result(tokens, states, "Binpac exception: binpac exception: " + e.getMessage());
        }
    }

    /** ASN1EncodingMeta: tag, length byte, and for the long form that many big-endian length bytes. */
    private static Meta meta(ByteCursor in) {
        int tag = in.u8();
        int lenByte = in.u8();
        long length = lenByte;
        if ((lenByte & 0x80) != 0) {
            int n = lenByte & 0x7f;
            length = 0;
            for (int i = 0; i < n; i++) length = length << 8 | in.u8();
        }
        if (in.truncated()) throw new Failure("out_of_bound: ASN1EncodingMeta");
        return new Meta(tag, lenByte, length);
    }

    private static ByteCursor slice(ByteCursor in, long n, String type) {
        if (n < 0 || n > in.remaining()) throw new Failure("out_of_bound: " + type);
        return in.slice((int) n);
    }

    private static void skip(ByteCursor in, long n, String type) {
        slice(in, n, type);
    }

    /** Zeek's {@code binary_to_int64}: the content bytes as a big-endian number. */
    private static long int64(ByteCursor value) {
        long v = 0;
        while (value.remaining() > 0) v = v << 8 | value.u8();
        return v;
    }
}
