package org.brocapi.analyzer.protocol.dcerpc;

import org.brocapi.analyzer.bytes.Hex;

/**
 * Hand-made connection-oriented DCE/RPC PDUs (little-endian NDR) for a NETLOGON call, laid out
 * field by field as in C706 §12.6 so each line reads as one structure.
 */
public final class DceRpcFixtures {
    private DceRpcFixtures() { }

    /** NETLOGON 12345678-1234-abcd-ef00-01234567cffb as it travels (first three fields little endian). */
    static final String NETLOGON_UUID = "78563412 3412 cdab ef00 01234567cffb";
    /** NDR transfer syntax 8a885d04-1ceb-11c9-9fe8-08002b104860, version 2. */
    static final String NDR = "045d888a eb1c c911 9fe8 08002b104860 02000000";

    /** bind, call 2, one context (id 0): NETLOGON 1.0 over NDR. */
    public static final byte[] BIND = Hex.bytes("""
            05 00 0b 03 10000000 4800 0000 02000000
            d016 d016 00000000
            01 000000
            0000 01 00 %s 0100 0000
            %s
            """.formatted(NETLOGON_UUID, NDR));

    /** bind_ack, call 2: secondary address "49676\\0", accepted. */
    public static final byte[] BIND_ACK = Hex.bytes("""
            05 00 0c 03 10000000 3c00 0000 02000000
            d016 d016 34120000
            0600 343936373600
            01 000000
            0000 0000 %s
            """.formatted(NDR));

    /** request, call 3, context 0, opnum 45 (NetrLogonSamLogonWithFlags), 4-byte stub. */
    public static final byte[] REQUEST = Hex.bytes("""
            05 00 00 03 10000000 1c00 0000 03000000
            04000000 0000 2d00
            deadbeef
            """);

    /** response, call 3, context 0, 4-byte stub. */
    public static final byte[] RESPONSE = Hex.bytes("""
            05 00 02 03 10000000 1c00 0000 03000000
            04000000 0000 00 00
            00000000
            """);

    /** A request whose 8-byte auth verifier says Netlogon secure channel (type 0x44). */
    public static final byte[] REQUEST_NETLOGON_AUTH = Hex.bytes("""
            05 00 00 03 10000000 2c00 0800 04000000
            04000000 0000 2d00
            deadbeef
            44 06 00 00 00000000
            0102030405060708
            """);

    /** A bind carrying NTLM (auth type 0x0a) with {@code blob} as verifier; no contexts. */
    public static byte[] bindWithNtlm(byte[] blob) {
        return bindWithAuth(0x0a, blob);
    }

    /** A bind whose auth verifier has type {@code authType} and credentials {@code blob}; no contexts. */
    public static byte[] bindWithAuth(int authType, byte[] blob) {
        int frag = 16 + 12 + 8 + blob.length;
        String head = "05 00 0b 03 10000000 %02x%02x %02x%02x 05000000".formatted(frag & 0xff, frag >> 8,
                blob.length & 0xff, blob.length >> 8);
        return Hex.bytes(head + " d016 d016 00000000 00 000000 %02x 02 00 00 00000000 ".formatted(authType)
                + Hex.of(blob, 0, blob.length));
    }
}
