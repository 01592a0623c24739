package org.brocapi.analyzer.protocol.socks;

import java.util.function.Consumer;

import org.brocapi.analyzer.bytes.ByteCursor;
import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.packet.Encapsulation;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * SOCKS on one TCP connection, as Zeek's binpac grammar reads it: each delivered chunk is one
 * message (a "datagram" flow), and a chunk too short for its message is a violation. The server's
 * SOCKS4 reply or SOCKS5 reply to the connect request confirms; a SOCKS5 request or reply with a
 * bad reserved byte, command or address type, or an unknown version, is a violation. Once the
 * request and the reply were both seen, the rest of the stream is the tunnelled protocol and goes
 * to content detection.
 */
final class SocksAnalyzer implements StreamAnalyzer {
    /** RFC 1929 username/password, the only sub-negotiation Zeek parses. */
    private static final int METHOD_USERPASS = 2;
    private static final int ADDR_IPV4 = 1, ADDR_DOMAIN = 3, ADDR_IPV6 = 4;

    private final Session session;
    private final ByteCursor in = new ByteCursor();
    private boolean origDone, respDone, inAuthSubNegotiation, pastAuthentication;
    private int authMethod = 255;
    private StreamAnalyzer detector;
    /** {@code Tunnel::register}. */
    private final Consumer<Encapsulation> tunnels;

    SocksAnalyzer(Session session, Consumer<Encapsulation> tunnels) {
        this.session = session;
        this.tunnels = tunnels;
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        if (session.isPartial()) return;
        if (origDone && respDone) {
            if (detector == null) detector = session.startDetector();
            detector.data(dir, buf, off, len);
            return;
        }
        in.reset(buf, off, len);
        String error = message(dir.isOrig());
        if (error != null) session.violation("Binpac exception: " + error);
    }

    @Override
    public void gap(Direction dir, long len) {
        if (detector != null) detector.gap(dir, len);
    }

    /** One message; returns the parse error (out of bounds), or null. */
    private String message(boolean orig) {
        if (inAuthSubNegotiation) {
            if (authMethod == METHOD_USERPASS) {
                int version = in.u8();
                if (version == 1) {
                    if (orig) {
                        in.skip(in.u8());
                        in.skip(in.u8());
                    } else {
                        in.u8(); // status
                    }
                }
            }
            if (in.truncated()) return "out of bound: SOCKS5_Auth_Message";
            if (!orig) inAuthSubNegotiation = false;
            return null;
        }
        int version = in.u8();
        if (in.truncated()) return "out of bound: SOCKS_Version";
        return switch (version) {
            case 4 -> orig ? socks4Request() : socks4Reply();
            case 5 -> !pastAuthentication ? socks5Negotiation(orig) : orig ? socks5Request() : socks5Reply();
            default -> {
                session.violation("unsupported/unknown SOCKS version " + version);
                yield null;
            }
        };
    }

    private String socks4Request() {
        in.u8(); // command
        in.u16(); // port
        long addr = in.u32();
        if (!skipNulTerminated()) return "out of bound: SOCKS4_Request:user";
        // SOCKS4a (addresses 0.0.0.x): the host name follows the user id
        if (addr <= 0xff && !skipNulTerminated()) return "out of bound: SOCKS4_Request:name";
        if (in.truncated()) return "out of bound: SOCKS4_Request";
        requestSeen();
        return null;
    }

    private boolean skipNulTerminated() {
        while (in.hasRemaining(1)) if (in.u8() == 0) return true;
        return false;
    }

    private String socks4Reply() {
        in.skip(7); // status, port, address after the version byte (the reply's "zero")
        if (in.truncated()) return "out of bound: SOCKS4_Reply";
        session.confirm();
        respDone = true;
        return null;
    }

    private String socks5Negotiation(boolean orig) {
        if (orig) {
            in.skip(in.u8()); // the offered methods
            return in.truncated() ? "out of bound: SOCKS5_Auth_Negotiation_Request" : null;
        }
        int method = in.u8();
        if (in.truncated()) return "out of bound: SOCKS5_Auth_Negotiation_Reply";
        inAuthSubNegotiation = method != 0 && method != 0xff;
        pastAuthentication = true;
        authMethod = method;
        return null;
    }

    private String socks5Request() {
        int command = in.u8();
        int reserved = in.u8();
        int addrType = address();
        in.u16(); // port
        if (in.truncated()) return "out of bound: SOCKS5_Request";
        if (reserved != 0) {
            session.violation("invalid value in reserved field: " + reserved);
        } else if (command == 0 || command > 3) {
            session.violation("undefined value in command field: " + command);
        } else if (addrType != ADDR_IPV4 && addrType != ADDR_DOMAIN && addrType != ADDR_IPV6) {
            session.violation("invalid SOCKSv5 addr type: " + addrType);
        } else {
            requestSeen();
        }
        return null;
    }

    /** A request Zeek raises {@code socks_request} for; main.zeek's handler registers the proxy as a tunnel. */
    private void requestSeen() {
        origDone = true;
        Connection c = session.conn();
        tunnels.accept(Encapsulation.proxy(c.origAddr, c.respAddr, c.respPort, "SOCKS"));
    }

    private String socks5Reply() {
        in.u8(); // reply code
        in.u8(); // reserved
        int addrType = address();
        in.u16(); // port
        if (in.truncated()) return "out of bound: SOCKS5_Reply";
        if (addrType != ADDR_IPV4 && addrType != ADDR_DOMAIN && addrType != ADDR_IPV6) {
            session.violation("invalid SOCKSv5 addr type: " + addrType);
            return null;
        }
        session.confirm();
        respDone = true;
        return null;
    }

    /** A SOCKS5 address (RFC 1928 §5); an unknown type takes the rest of the message, as in Zeek. */
    private int address() {
        int type = in.u8();
        switch (type) {
            case ADDR_IPV4 -> in.skip(4);
            case ADDR_DOMAIN -> in.skip(in.u8());
            case ADDR_IPV6 -> in.skip(16);
            default -> in.skip(in.remaining());
        }
        return type;
    }
}
