package org.brocapi.analyzer.protocol.dcerpc;

import java.util.ArrayList;

import org.brocapi.analyzer.bytes.ByteCursor;

/**
 * Pure parsing of connection-oriented DCE/RPC PDUs in the shape of Zeek's
 * {@code dce_rpc-protocol.pac}. Integers follow the header's data representation (NDR
 * {@code drep[0]} high nibble: 1 = little endian). A body that ends early is an error, which Zeek
 * reports as a binpac exception; the contexts of a bind parsed before the error are still returned.
 */
final class DceRpcParser {
    static final int HEADER_LENGTH = 16;

    private DceRpcParser() { }

    /** The outcome of parsing a body: the message, or what went wrong (and the partial bind, if any). */
    record Body(DceRpcMessage message, String error) { }

    /** The header at the cursor; null when fewer than 16 bytes remain. */
    static DceRpcMessage.Header header(ByteCursor in) {
        if (!in.hasRemaining(HEADER_LENGTH)) return null;
        int version = in.u8();
        int minor = in.u8();
        int ptype = in.u8();
        int flags = in.u8();
        int drep = in.u8();
        in.skip(3); // float representation + reserved
        boolean le = (drep >> 4) != 0;
        int fragLength = le ? in.u16le() : in.u16();
        int authLength = le ? in.u16le() : in.u16();
        long callId = le ? in.u32le() : in.u32();
        return new DceRpcMessage.Header(version, minor, ptype, flags, le, fragLength, authLength, callId);
    }

    /** The auth trailer: 8 bytes of auth header, then {@code authLength} bytes of credentials. */
    static DceRpcMessage.Auth auth(ByteCursor in, int authLength) {
        int type = in.u8();
        int level = in.u8();
        in.skip(2 + 4); // pad length, reserved, context id
        byte[] blob = new byte[authLength];
        in.read(blob, 0, authLength);
        return new DceRpcMessage.Auth(type, level, blob);
    }

    /** The (reassembled) body of a PDU with header {@code h}. */
    static Body body(DceRpcMessage.Header h, byte[] b, int off, int len) {
        var in = ByteCursor.of(b, off, len);
        boolean le = h.littleEndian();
        return switch (h.ptype()) {
            case DceRpcMessage.BIND, DceRpcMessage.ALTER_CONTEXT -> bind(in, le);
            case DceRpcMessage.BIND_ACK, DceRpcMessage.ALTER_CONTEXT_RESP -> bindAck(in, le, off);
            case DceRpcMessage.REQUEST -> {
                in.skip(4); // alloc_hint
                int ctx = u16(in, le);
                int opnum = u16(in, le);
                if (h.object()) in.skip(16);
                if (in.truncated()) yield error("DCE_RPC_Request");
                yield new Body(new DceRpcMessage.Request(ctx, opnum, in.remaining()), null);
            }
            case DceRpcMessage.RESPONSE -> {
                in.skip(4); // alloc_hint
                int ctx = u16(in, le);
                in.skip(2); // cancel_count, reserved
                if (in.truncated()) yield error("DCE_RPC_Response");
                yield new Body(new DceRpcMessage.Response(ctx, in.remaining()), null);
            }
            default -> new Body(new DceRpcMessage.Other(h.ptype()), null);
        };
    }

    /** p_cont_list_t of a bind / alter_context (C706 §12.6.4.3). */
    private static Body bind(ByteCursor in, boolean le) {
        in.skip(2 + 2 + 4); // max_xmit_frag, max_recv_frag, assoc_group_id
        int n = in.u8();
        in.skip(3);
        var contexts = new ArrayList<DceRpcMessage.Context>(n);
        if (in.truncated()) return new Body(new DceRpcMessage.Bind(contexts), exception("DCE_RPC_Bind"));
        for (int i = 0; i < n; i++) {
            int id = u16(in, le);
            int syntaxes = in.u8();
            in.skip(1);
            byte[] uuid = new byte[16];
            in.read(uuid, 0, 16);
            int major = u16(in, le);
            int minor = u16(in, le);
            in.skip(20 * syntaxes); // transfer syntaxes
            if (in.truncated()) return new Body(new DceRpcMessage.Bind(contexts), exception("ContextRequest"));
            contexts.add(new DceRpcMessage.Context(id, DceRpcCodes.uuidString(uuid, 0), major, minor));
        }
        return new Body(new DceRpcMessage.Bind(contexts), null);
    }

    /** bind_ack / alter_context_resp: sec_addr, 4-byte alignment, then the result list. */
    private static Body bindAck(ByteCursor in, boolean le, int bodyStart) {
        in.skip(2 + 2 + 4);
        int secLen = u16(in, le);
        byte[] sec = new byte[Math.max(0, Math.min(secLen, in.remaining()))];
        in.read(sec, 0, secLen);
        int pad = (4 - (in.position() - bodyStart) % 4) % 4;
        in.skip(pad);
        int n = in.u8();
        in.skip(3 + 24 * n); // p_result_t: result, reason, transfer syntax
        if (in.truncated()) return error("DCE_RPC_Bind_Ack");
        return new Body(new DceRpcMessage.BindAck(sec), null);
    }

    private static int u16(ByteCursor in, boolean le) {
        return le ? in.u16le() : in.u16();
    }

    private static Body error(String type) {
        return new Body(null, exception(type));
    }

    /** The text Zeek's analyzer puts in its violation for a binpac out-of-bound exception. */
    static String exception(String type) {
        return "Binpac exception: binpac exception: out_of_bound: " + type + ": not enough data";
    }
}
