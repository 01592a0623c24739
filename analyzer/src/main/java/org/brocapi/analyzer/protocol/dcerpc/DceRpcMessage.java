package org.brocapi.analyzer.protocol.dcerpc;

import java.util.List;

/** The parts of a connection-oriented DCE/RPC PDU that Zeek's analyzer turns into events. */
sealed interface DceRpcMessage {
    /** PTYPE values (C706 §12.6.4.x) that carry something for the logs. */
    int REQUEST = 0, RESPONSE = 2, BIND = 11, BIND_ACK = 12, ALTER_CONTEXT = 14, ALTER_CONTEXT_RESP = 15;

    /** The 16-byte common header (C706 §12.6.3.1). */
    record Header(int version, int minorVersion, int ptype, int flags, boolean littleEndian, int fragLength,
                  int authLength, long callId) {
        /** PFC_FIRST_FRAG. */
        boolean firstFrag() {
            return (flags & 0x01) != 0;
        }

        /** PFC_LAST_FRAG. */
        boolean lastFrag() {
            return (flags & 0x02) != 0;
        }

        /** PFC_OBJECT_UUID: a request carries an object UUID before its stub. */
        boolean object() {
            return (flags & 0x80) != 0;
        }

        /** Zeek's {@code body_length}: the bytes between header and auth trailer (negative when lengths lie). */
        int bodyLength() {
            return fragLength - 16 - authLength - (authLength > 0 ? 8 : 0);
        }
    }

    /** One presentation context of a bind or alter_context: its abstract syntax (the interface). */
    record Context(int id, String uuid, int versionMajor, int versionMinor) { }

    /**
     * A bind or alter_context; {@code contexts} holds the ones parsed before an error, as Zeek
     * raises {@code dce_rpc_bind} per context while it parses the list.
     */
    record Bind(List<Context> contexts) implements DceRpcMessage { }

    /** A bind_ack or alter_context_resp with its secondary address (a pipe name or port, NUL included). */
    record BindAck(byte[] secAddr) implements DceRpcMessage { }

    record Request(int contextId, int opnum, int stubLength) implements DceRpcMessage { }

    record Response(int contextId, int stubLength) implements DceRpcMessage { }

    /** Any other PDU type: nothing to report. */
    record Other(int ptype) implements DceRpcMessage { }

    /** The auth verifier trailer (C706 §13.2.6.1): the blob goes to the security provider's analyzer. */
    record Auth(int type, int level, byte[] blob) { }
}
