package org.brocapi.analyzer.protocol.ssl;

import java.util.ArrayList;
import java.util.List;

import org.brocapi.analyzer.bytes.ByteCursor;
import org.brocapi.analyzer.protocol.ssl.TlsHelloMessage.ClientHello;
import org.brocapi.analyzer.protocol.ssl.TlsHelloMessage.Extension;
import org.brocapi.analyzer.protocol.ssl.TlsHelloMessage.ServerHello;

/**
 * Pure parsers for the hello messages, field by field as Zeek's {@code tls-handshake-protocol.pac}
 * reads them (so a message Zeek cannot parse gives null here, where Zeek raises a binpac
 * exception). Input is one handshake message body without its 4-byte type/length header; used by
 * {@link SslAnalyzer} for TLS over TCP and, through it, for the hellos QUIC's CRYPTO frames carry.
 */
public final class TlsHandshakeParser {
    private TlsHandshakeParser() { }

    /** A ClientHello body (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2; DTLS adds a cookie), or null when malformed. */
    public static ClientHello clientHello(byte[] buf, int off, int len) {
        var in = ByteCursor.of(buf, off, len);
        int version = in.u16();
        byte[] random = bytes(in, 32);
        byte[] sessionId = bytes(in, in.u8());
        if (version == SslCodes.DTLSV10 || version == SslCodes.DTLSV12) in.skip(in.u8()); // cookie
        int[] suites = new int[in.u16() / 2]; // an odd length leaves a byte, read as cmeth_len
        for (int i = 0; i < suites.length; i++) suites[i] = in.u16();
        int[] methods = new int[in.u8()];
        for (int i = 0; i < methods.length; i++) methods[i] = in.u8();
        List<Extension> ext = extensions(in);
        if (in.truncated() || ext == null) return null;
        return new ClientHello(version, random, sessionId, suites, methods, ext);
    }

    /**
     * A ServerHello body, or null when malformed. A TLS 1.3 draft version (0x7fxx) or 0x0304 in
     * the legacy field selects the 1.3 layout without session id and compression, as Zeek's
     * {@code ServerHelloChoice} does.
     */
    public static ServerHello serverHello(byte[] buf, int off, int len) {
        var in = ByteCursor.of(buf, off, len);
        int version = in.u16();
        boolean v13 = version == SslCodes.TLSV13 || version >> 8 == 0x7f;
        byte[] random = bytes(in, 32);
        byte[] sessionId = v13 ? new byte[0] : bytes(in, in.u8());
        int suite = in.u16();
        int compression = v13 ? 0 : in.u8();
        List<Extension> ext = extensions(in);
        if (in.truncated() || ext == null) return null;
        int selected = version;
        for (Extension e : ext) {
            if (e.type() != SslCodes.EXT_SUPPORTED_VERSIONS || e.data().length == 0) continue;
            if (e.data().length < 2) return null;
            selected = (e.data()[0] & 0xff) << 8 | e.data()[1] & 0xff;
            break;
        }
        return new ServerHello(version, random, sessionId, suite, compression, ext, selected);
    }

    /**
     * An SSLv2 CLIENT-HELLO body after the record header (SSLv2 spec §2.5): cipher specs are
     * 3 bytes each; the challenge stands in for the random.
     */
    public static ClientHello v2ClientHello(int version, byte[] buf, int off, int len) {
        var in = ByteCursor.of(buf, off, len);
        int suitesLen = in.u16(), sessionLen = in.u16(), challengeLen = in.u16();
        int[] suites = new int[suitesLen / 3];
        for (int i = 0; i < suites.length; i++) suites[i] = in.u8() << 16 | in.u16();
        in.skip(suitesLen % 3);
        byte[] sessionId = bytes(in, sessionLen);
        byte[] challenge = bytes(in, challengeLen);
        if (in.truncated()) return null;
        return new ClientHello(version, challenge, sessionId, suites, new int[0], List.of());
    }

    /**
     * The optional extension block: Zeek reads one length word if any bytes are left and then
     * extensions until the message ends, ignoring that length word. Null when one overruns.
     */
    private static List<Extension> extensions(ByteCursor in) {
        if (in.truncated()) return null;
        if (in.remaining() == 0) return List.of();
        in.u16();
        List<Extension> out = new ArrayList<>();
        while (in.remaining() > 0) {
            int type = in.u16();
            byte[] data = bytes(in, in.u16());
            if (in.truncated()) return null;
            out.add(new Extension(type, data));
        }
        return out;
    }

    /**
     * The host names of a server_name extension (RFC 6066 §3) in order, or null when malformed;
     * entries of another name type are skipped, as Zeek does (with a weird).
     */
    public static List<String> serverNames(byte[] data) {
        var in = ByteCursor.of(data);
        var list = in.slice(in.u16());
        List<String> names = new ArrayList<>();
        while (list.remaining() > 0) {
            int type = list.u8();
            if (type != 0) break; // Zeek reads the rest as that entry's opaque data
            byte[] name = bytes(list, list.u16());
            if (list.truncated()) return null;
            names.add(new String(name, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return in.truncated() || list.truncated() ? null : names;
    }

    /** The protocol names of an ALPN extension (RFC 7301 §3.1) in order, or null when malformed. */
    public static List<String> alpnProtocols(byte[] data) {
        var in = ByteCursor.of(data);
        var list = in.slice(in.u16());
        List<String> names = new ArrayList<>();
        while (list.remaining() > 0) {
            byte[] name = bytes(list, list.u8());
            if (list.truncated()) return null;
            names.add(new String(name, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return in.truncated() ? null : names;
    }

    private static byte[] bytes(ByteCursor in, int n) {
        if (!in.hasRemaining(n)) {
            in.skip(n);
            return new byte[0];
        }
        byte[] b = new byte[n];
        in.read(b, 0, n);
        return b;
    }
}
