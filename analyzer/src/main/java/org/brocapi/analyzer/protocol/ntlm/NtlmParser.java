package org.brocapi.analyzer.protocol.ntlm;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.brocapi.analyzer.bytes.ByteCursor;

/**
 * Pure parsing of one NTLM message (MS-NLMP §2.2.1) the way Zeek's {@code ntlm-protocol.pac}
 * does, quirks included: the signature is not checked, a string is read at its offset within the
 * payload after the fixed part, the TargetInfo AV pairs run to MsvAvEOL or the end of the message
 * (not to TargetInfoFields.Len), an AV pair id Zeek has no case for is an error. Anything that
 * does not fit is an error (Zeek's binpac exception) and yields no message.
 */
public final class NtlmParser {
    /** NTLMSSP_NEGOTIATE_* flags that decide which fields are read (MS-NLMP §2.2.2.5). */
    static final long NEGOTIATE_VERSION = 0x02000000L, NEGOTIATE_TARGET_INFO = 0x00800000L,
            OEM_WORKSTATION_SUPPLIED = 0x00002000L, OEM_DOMAIN_SUPPLIED = 0x00001000L, REQUEST_TARGET = 0x00000004L;

    /** Bytes before the message-specific part: "NTLMSSP\0" and the message type. */
    private static final int TOKEN_HEADER = 12;

    private NtlmParser() { }

    /** A parsed message, or the binpac-style error text that made Zeek drop it. */
    public record Result(NtlmMessage message, String error) { }

    /** Thrown inside the parser only, to unwind to {@link #parse} like binpac's exceptions. */
    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** A length/max-length/offset triple (NTLM_StringData). */
    private record Field(int length, long offset) { }

    public static Result parse(byte[] b, int off, int len) {
        try {
            var in = ByteCursor.of(b, off, len);
            in.skip(8); // "NTLMSSP\0", not checked by Zeek
            long type = in.u32le();
            if (in.truncated()) throw outOfBound("NTLM_SSP_Token");
            NtlmMessage m = switch ((int) type) {
                case 1 -> negotiate(in);
                case 2 -> challenge(in);
                case 3 -> authenticate(in);
                default -> new NtlmMessage.Other(type);
            };
            return new Result(m, null);
        } catch (Failure e) {
            return new Result(null, "Binpac exception: binpac exception: " + e.getMessage());
        }
    }

    private static NtlmMessage negotiate(ByteCursor in) {
        long flags = in.u32le();
        Field domain = field(in), workstation = field(in);
        ByteCursor payload = payload(in, "NTLM_Negotiate");
        int base = TOKEN_HEADER + 20;
        version(payload, flags, base, Math.min(domain.offset, workstation.offset));
        byte[] d = (flags & OEM_DOMAIN_SUPPLIED) != 0 ? string(payload, domain, base) : null;
        byte[] w = (flags & OEM_WORKSTATION_SUPPLIED) != 0 ? string(payload, workstation, base) : null;
        return new NtlmMessage.Negotiate(d, w);
    }

    private static NtlmMessage challenge(ByteCursor in) {
        Field targetName = field(in);
        long flags = in.u32le();
        in.skip(8 + 8); // server challenge, reserved
        Field targetInfo = field(in);
        ByteCursor payload = payload(in, "NTLM_Challenge");
        int base = TOKEN_HEADER + 36;
        version(payload, flags, base, Math.min(targetName.offset, targetInfo.offset));
        byte[] name = (flags & REQUEST_TARGET) != 0 ? string(payload, targetName, base) : null;
        if ((flags & NEGOTIATE_TARGET_INFO) == 0) return new NtlmMessage.Challenge(name, null, false);
        // the sequence's offset parameter is a uint16 in Zeek: the difference wraps
        int start = (int) ((targetInfo.offset - base) & 0xffff);
        var pairs = at(payload, start, "NTLM_AV_Pair_Sequence");
        byte[][] values = new byte[6][];
        boolean terminated = false;
        while (pairs.remaining() > 0) {
            int id = pairs.u16le();
            int length = pairs.u16le();
            switch (id) {
                case 0 -> terminated = true;
                case 1, 2, 3, 4, 5 -> values[id - 1] = bytes(pairs, length, "NTLM_AV_Pair");
                case 9 -> values[5] = bytes(pairs, length, "NTLM_AV_Pair");
                case 6 -> pairs.skip(4); // flags: read as a uint32 whatever the length says
                case 7 -> pairs.skip(8); // timestamp
                case 8 -> { // Single_Host_Data: size, Z4, data present, custom data if bit 0, machine id
                    pairs.skip(8);
                    long present = pairs.u32le();
                    pairs.skip((present & 1) != 0 ? 8 : 4);
                }
                case 10 -> pairs.skip(2); // channel bindings: read as a uint16
                default -> throw new Failure("invalid index for case: NTLM_AV_Pair: " + id);
            }
            if (pairs.truncated()) throw outOfBound("NTLM_AV_Pair");
            if (terminated) break;
        }
        var ti = new NtlmMessage.TargetInfo(values[0], values[1], values[2], values[3], values[4], values[5]);
        return new NtlmMessage.Challenge(name, ti, !terminated && targetInfo.length != 0);
    }

    private static NtlmMessage authenticate(ByteCursor in) {
        field(in); // LM challenge response
        Field nt = field(in), domain = field(in), user = field(in), workstation = field(in), sessionKey = field(in);
        long flags = in.u32le();
        ByteCursor payload = payload(in, "NTLM_Authenticate");
        int base = TOKEN_HEADER + 52;
        version(payload, flags, base,
                Math.min(Math.min(Math.min(domain.offset, user.offset), workstation.offset), sessionKey.offset));
        if (nt.length > 0) string(payload, nt, base);
        byte[] d = domain.length > 0 ? string(payload, domain, base) : null;
        byte[] u = user.length > 0 ? string(payload, user, base) : null;
        byte[] w = workstation.length > 0 ? string(payload, workstation, base) : null;
        if (sessionKey.length > 0) string(payload, sessionKey, base);
        return new NtlmMessage.Authenticate(d, u, w);
    }

    private static Field field(ByteCursor in) {
        int length = in.u16le();
        in.skip(2); // max length
        return new Field(length, in.u32le());
    }

    /** The rest of the message after the fixed part; the fixed part must be complete. */
    private static ByteCursor payload(ByteCursor in, String type) {
        if (in.truncated()) throw outOfBound(type);
        return in.slice(in.remaining());
    }

    /** The VERSION structure sits at the payload start when the first string starts after it. */
    private static void version(ByteCursor payload, long flags, int base, long firstOffset) {
        if ((flags & NEGOTIATE_VERSION) != 0 && base < firstOffset && payload.remaining() < 8) {
            throw outOfBound("NTLM_Version");
        }
    }

    /** NTLM_String: {@code f.length} bytes at message offset {@code f.offset}, read within the payload. */
    private static byte[] string(ByteCursor payload, Field f, int base) {
        long start = (f.offset - base) & 0xffffffffL; // uint32 arithmetic in Zeek
        if (start > payload.remaining()) throw outOfBound("NTLM_String:pad1");
        return bytes(at(payload, (int) start, "NTLM_String"), f.length, "Fixed_Length_String");
    }

    private static ByteCursor at(ByteCursor payload, int start, String type) {
        if (start > payload.remaining()) throw outOfBound(type);
        var c = ByteCursor.of(payload.array(), payload.position(), payload.remaining());
        return c.skip(start);
    }

    private static byte[] bytes(ByteCursor in, int n, String type) {
        if (!in.hasRemaining(n)) throw outOfBound(type);
        byte[] v = new byte[n];
        in.read(v, 0, n);
        return v;
    }

    private static Failure outOfBound(String type) {
        return new Failure("out_of_bound: " + type);
    }

    /**
     * Zeek's {@code utf16_to_utf8_val}: UTF-16LE (an odd last byte counts as a unit with a zero
     * high byte) to UTF-8 with ConvertUTF's lenient mode (lone surrogates are encoded as they
     * are), cut at the first NUL. Null when a high surrogate ends the input: Zeek then raises
     * {@code utf16_conversion_failed} and keeps the raw bytes.
     */
    public static byte[] utf16ToUtf8(byte[] s) {
        int units = (s.length + 1) / 2;
        var out = new ByteArrayOutputStream(s.length * 3 / 2 + 1);
        for (int i = 0; i < units; i++) {
            int ch = unit(s, i);
            if (ch >= 0xd800 && ch <= 0xdbff) {
                if (i + 1 >= units) return null;
                int lo = unit(s, i + 1);
                if (lo >= 0xdc00 && lo <= 0xdfff) {
                    ch = ((ch - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
                    i++;
                }
            }
            if (ch < 0x80) {
                out.write(ch);
            } else if (ch < 0x800) {
                out.write(0xc0 | ch >> 6);
                out.write(0x80 | ch & 0x3f);
            } else if (ch < 0x10000) {
                out.write(0xe0 | ch >> 12);
                out.write(0x80 | ch >> 6 & 0x3f);
                out.write(0x80 | ch & 0x3f);
            } else {
                out.write(0xf0 | ch >> 18);
                out.write(0x80 | ch >> 12 & 0x3f);
                out.write(0x80 | ch >> 6 & 0x3f);
                out.write(0x80 | ch & 0x3f);
            }
        }
        byte[] r = out.toByteArray();
        for (int i = 0; i < r.length; i++) if (r[i] == 0) return Arrays.copyOf(r, i);
        return r;
    }

    private static int unit(byte[] s, int i) {
        int lo = s[2 * i] & 0xff;
        int hi = 2 * i + 1 < s.length ? s[2 * i + 1] & 0xff : 0;
        return hi << 8 | lo;
    }
}
