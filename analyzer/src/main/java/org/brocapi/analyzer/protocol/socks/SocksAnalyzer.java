package org.brocapi.analyzer.protocol.socks;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import org.brocapi.analyzer.bytes.ByteCursor;
import org.brocapi.analyzer.bytes.InetBytes;
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
    /** socks.log, or null when base/protocols/socks is not loaded (no handlers for the events). */
    private final Consumer<SocksLogEntry> log;
    private final boolean capturePassword;
    /** {@code c$socks}, built by the script's event handlers; null before the first event. */
    private Info info;

    /** The script's {@code SOCKS::Info} while the session runs. */
    private static final class Info {
        final double ts;
        final int version;
        String user, password, status;
        SocksLogEntry.Address request, bound;
        Integer requestP, boundP;

        Info(double ts, int version) {
            this.ts = ts;
            this.version = version;
        }
    }

    SocksAnalyzer(Session session, Consumer<Encapsulation> tunnels, Consumer<SocksLogEntry> log,
            boolean capturePassword) {
        this.session = session;
        this.tunnels = tunnels;
        this.log = log;
        this.capturePassword = capturePassword;
        if (log != null) session.addRemovalHook(this::finalizeSocks);
    }

    /** main.zeek's {@code set_session}: the record is made by the first event, with its version. */
    private Info info(int version) {
        if (info == null) info = new Info(session.now(), version);
        return info;
    }

    /** The {@code finalize_socks} removal hook: logged only while SOCKS is among the services. */
    private void finalizeSocks() {
        if (info == null || !session.conn().services.contains("SOCKS")) return;
        Connection c = session.conn();
        log.accept(new SocksLogEntry(info.ts, c.uid(), c.id(), info.version, info.user, info.password, info.status,
                info.request, info.requestP, info.bound, info.boundP));
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
                        String user = text(in.u8());
                        String password = text(in.u8());
                        if (!in.truncated()) { // socks_login_userpass_request
                            Info i = info(5);
                            i.user = user;
                            if (capturePassword) i.password = password;
                        }
                    } else {
                        int code = in.u8();
                        if (!in.truncated()) info(5).status = status(V5_STATUS, code); // socks_login_userpass_reply
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
        int port = in.u16();
        int addrAt = in.position();
        long addr = in.u32();
        if (skipNulTerminated() < 0) return "out of bound: SOCKS4_Request:user";
        // SOCKS4a (addresses 0.0.0.x): the host name follows the user id
        int nameAt = in.position();
        int nameEnd = addr <= 0xff ? skipNulTerminated() : -2;
        if (nameEnd == -1) return "out of bound: SOCKS4_Request:name";
        if (in.truncated()) return "out of bound: SOCKS4_Request";
        // socks_request: the address always, the name of a SOCKS4a request as well
        String name = nameEnd >= 0 ? text(in.array(), nameAt, nameEnd - nameAt) : null;
        request(4, new SocksLogEntry.Address(InetBytes.v4Mapped(in.array(), addrAt), name), port);
        return null;
    }

    /** Skips a NUL-terminated string; returns where its NUL was, or -1 when there is none. */
    private int skipNulTerminated() {
        while (in.hasRemaining(1)) {
            int at = in.position();
            if (in.u8() == 0) return at;
        }
        return -1;
    }

    /**
     * Zeek's grammar reads a SOCKS4 reply like every message, version byte first, and then a
     * "zero" byte (SOCKS4_Reply): a reply as SOCKS4 servers send it, starting with its VN of 0,
     * is a version error there, and so it is here.
     */
    private String socks4Reply() {
        in.u8(); // zero
        int status = in.u8();
        int port = in.u16();
        int addrAt = in.position();
        in.skip(4);
        if (in.truncated()) return "out of bound: SOCKS4_Reply";
        reply(4, status(V4_STATUS, status),
                new SocksLogEntry.Address(InetBytes.v4Mapped(in.array(), addrAt), null), port);
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
        int addrType = in.u8();
        SocksLogEntry.Address addr = address(addrType);
        int port = in.u16();
        if (in.truncated()) return "out of bound: SOCKS5_Request";
        if (reserved != 0) {
            session.violation("invalid value in reserved field: " + reserved);
        } else if (command == 0 || command > 3) {
            session.violation("undefined value in command field: " + command);
        } else if (addr == null) {
            session.violation("invalid SOCKSv5 addr type: " + addrType);
        } else {
            request(5, addr, port);
        }
        return null;
    }

    /**
     * A request Zeek raises {@code socks_request} for: main.zeek's handler records it and
     * registers the proxy as a tunnel.
     */
    private void request(int version, SocksLogEntry.Address addr, int port) {
        origDone = true;
        Info i = info(version);
        i.request = addr;
        i.requestP = port;
        Connection c = session.conn();
        tunnels.accept(Encapsulation.proxy(c.origAddr, c.respAddr, c.respPort, "SOCKS"));
    }

    private String socks5Reply() {
        int code = in.u8();
        in.u8(); // reserved
        int addrType = in.u8();
        SocksLogEntry.Address addr = address(addrType);
        int port = in.u16();
        if (in.truncated()) return "out of bound: SOCKS5_Reply";
        if (addr == null) {
            session.violation("invalid SOCKSv5 addr type: " + addrType);
            return null;
        }
        reply(5, status(V5_STATUS, code), addr, port);
        session.confirm();
        respDone = true;
        return null;
    }

    /**
     * A SOCKS5 address of the given type (RFC 1928 §5), or null for an unknown type (which takes
     * the rest of the message, as in Zeek).
     */
    private SocksLogEntry.Address address(int type) {
        int at = in.position();
        switch (type) {
            case ADDR_IPV4 -> {
                in.skip(4);
                return in.truncated() ? null : new SocksLogEntry.Address(InetBytes.v4Mapped(in.array(), at), null);
            }
            case ADDR_DOMAIN -> {
                int n = in.u8();
                String name = text(n);
                return new SocksLogEntry.Address(null, name);
            }
            case ADDR_IPV6 -> {
                byte[] a = new byte[16];
                in.read(a, 0, 16);
                return new SocksLogEntry.Address(a, null);
            }
            default -> {
                in.skip(in.remaining());
                return null;
            }
        }
    }

    /** {@code n} bytes as a Latin-1 string (Zeek's strings are bytes); empty when they run out. */
    private String text(int n) {
        int at = in.position();
        in.skip(n);
        return in.truncated() ? "" : text(in.array(), at, n);
    }

    private static String text(byte[] b, int off, int n) {
        return new String(b, off, n, StandardCharsets.ISO_8859_1);
    }

    /** The {@code socks_reply} handler. */
    private void reply(int version, String status, SocksLogEntry.Address bound, int port) {
        Info i = info(version);
        i.status = status;
        i.bound = bound;
        i.boundP = port;
    }

    /** A status code in words, as consts.zeek's tables give it, with their {@code unknown-N} default. */
    private static String status(Map<Integer, String> names, int code) {
        return names.getOrDefault(code, "unknown-" + code);
    }

    /** consts.zeek's {@code v5_status} (RFC 1928 §6 reply codes, RFC 1929 §2 status 0). */
    private static final Map<Integer, String> V5_STATUS = Map.of(
            0, "succeeded",
            1, "general SOCKS server failure",
            2, "connection not allowed by ruleset",
            3, "Network unreachable",
            4, "Host unreachable",
            5, "Connection refused",
            6, "TTL expired",
            7, "Command not supported",
            8, "Address type not supported");

    /** consts.zeek's {@code v4_status}. */
    private static final Map<Integer, String> V4_STATUS = Map.of(
            0x5a, "succeeded",
            0x5b, "general SOCKS server failure",
            0x5c, "request failed because client is not running identd",
            0x5d, "request failed because client's identd could not confirm the user ID string in the request");
}
