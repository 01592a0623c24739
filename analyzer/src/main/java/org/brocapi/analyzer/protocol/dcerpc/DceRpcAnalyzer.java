package org.brocapi.analyzer.protocol.dcerpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.brocapi.analyzer.bytes.ByteCursor;
import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * DCE/RPC on one TCP connection, as Zeek's DCE_RPC analyzer plus base/protocols/dce-rpc/main.zeek
 * do it: PDUs framed by {@code frag_length} per direction, fragments of a call reassembled by call
 * id, the auth trailer handed to the security provider's analyzer (NTLM) or reported as a weird,
 * and every whole PDU confirming. The script part keeps one state (Zeek's fid 0 for plain TCP):
 * binds map context ids to interfaces, a response logs the call with the request's timestamp.
 * Like Zeek, it stops at the first content gap.
 */
final class DceRpcAnalyzer implements StreamAnalyzer {
    /** {@code DCE_RPC::max_cmd_reassembly}: calls in reassembly at once per direction. */
    static final int MAX_CMD_REASSEMBLY = 20;
    /** {@code DCE_RPC::max_frag_data}: bytes of one call in reassembly. */
    static final int MAX_FRAG_DATA = 30000;

    /** Auth types of the auth trailer (MS-RPCE §2.2.1.1.7). */
    private static final int AUTH_SPNEGO = 0x09, AUTH_NTLM = 0x0a, AUTH_SCHANNEL = 0x0e, AUTH_KERBEROS = 0x10,
            AUTH_NETLOGON = 0x44;

    /** One direction: bytes of an incomplete PDU and the calls being reassembled. */
    private static final class Flow {
        byte[] buf = new byte[0];
        int len;
        boolean dead;
        final Map<Long, ByteArrayOutputStream> fragments = new LinkedHashMap<>();

        void append(byte[] b, int off, int n) {
            if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        void consume(int n) {
            System.arraycopy(buf, n, buf, 0, len - n);
            len -= n;
        }
    }

    /** {@code DCE_RPC::Info}: the record main.zeek logs; it outlives each call, as in Zeek. */
    private static final class Info {
        double ts;
        Double rtt;
        byte[] namedPipe;
        String endpoint;
        String operation;
    }

    /** {@code DCE_RPC::State}. */
    private static final class State {
        String uuid;
        byte[] namedPipe;
        Map<Integer, String> ctxToUuid;
    }

    private final Session session;
    private final LogStream<DceRpcLogEntry> log;
    private final Flow[] flows = {new Flow(), new Flow()};
    /** {@code cont_id_opnum_map}: the opnum of the last request on each context, for its response. */
    private final Map<Integer, Integer> contextOpnum = new HashMap<>();
    private boolean hadGap, skip;
    private StreamAnalyzer ntlm, gssapi;
    private boolean ntlmStarted, gssapiStarted;
    /** The backing state of fid 0 ({@code c$dce_rpc_backing[0]}), null until the first event. */
    private Info info;
    private State state;
    /** {@code c?$dce_rpc}: set by every event, cleared after a response. */
    private boolean current;

    DceRpcAnalyzer(Session session, LogStream<DceRpcLogEntry> log) {
        this.session = session;
        this.log = log;
    }

    @Override
    public void gap(Direction dir, long len) {
        hadGap = true;
    }

    @Override
    public void data(Direction dir, byte[] b, int off, int len) {
        // SetSkip() takes effect at the next delivery; a gap ends all parsing (Zeek's had_gap)
        if (hadGap || skip) return;
        Flow f = flows[dir.isOrig() ? 0 : 1];
        if (f.dead) return;
        f.append(b, off, len);
        var in = new ByteCursor();
        while (f.len >= DceRpcParser.HEADER_LENGTH) {
            var h = DceRpcParser.header(in.reset(f.buf, 0, f.len));
            if (h.version() != 5) {
                fail(f, "Binpac exception: binpac exception: &enforce violation : DCE_RPC_Header:rpc_vers");
                return;
            }
            if (h.bodyLength() < 0) {
                fail(f, "Binpac exception: binpac exception: invalid length string: DCE_RPC_PDU:frag:"
                        + h.bodyLength());
                return;
            }
            if (f.len < h.fragLength()) return;
            pdu(f, h);
            if (session.isDisabled()) return;
            f.consume(h.fragLength());
        }
    }

    /**
     * A binpac exception: Zeek reports a violation (ignored for DCE_RPC unless the policy says
     * otherwise); what this direction sends afterwards cannot be framed any more.
     */
    private void fail(Flow f, String reason) {
        f.dead = true;
        f.len = 0;
        session.violation(reason);
    }

    private void pdu(Flow f, DceRpcMessage.Header h) {
        int body = h.bodyLength();
        int fragOff = DceRpcParser.HEADER_LENGTH;
        if (h.authLength() > 0) {
            var auth = DceRpcParser.auth(ByteCursor.of(f.buf, fragOff + body, 8 + h.authLength()), h.authLength());
            forwardAuth(auth);
        }
        byte[] reassembled = reassemble(f, h, f.buf, fragOff, body);
        if (reassembled != null) {
            var r = DceRpcParser.body(h, reassembled, 0, reassembled.length);
            if (r.message() != null) events(h, r.message());
            if (r.error() != null) {
                session.violation(r.error());
                return;
            }
        }
        session.confirm(); // a whole PDU parsed: Zeek's proc_dce_rpc_pdu
    }

    /**
     * Zeek's {@code reassemble_fragment} + {@code reassembled_body}: the body of a call once its
     * last fragment arrived, or null. Too many calls or too much data stop the analyzer.
     */
    private byte[] reassemble(Flow f, DceRpcMessage.Header h, byte[] b, int off, int len) {
        ByteArrayOutputStream pending = f.fragments.get(h.callId());
        if (h.firstFrag()) {
            if (pending != null) {
                session.weird("multiple_first_fragments_in_dce_rpc_reassembly");
                skip = true;
                return null;
            }
            if (h.lastFrag()) return Arrays.copyOfRange(b, off, off + len);
            var buf = new ByteArrayOutputStream();
            buf.write(b, off, len);
            f.fragments.put(h.callId(), buf);
            if (f.fragments.size() > MAX_CMD_REASSEMBLY) {
                session.weird("too_many_dce_rpc_msgs_in_reassembly");
                skip = true;
            }
            if (buf.size() > MAX_FRAG_DATA) {
                session.weird("too_much_dce_rpc_fragment_data");
                skip = true;
            }
            return null;
        }
        if (pending == null) return null; // a middle fragment whose start was not seen
        pending.write(b, off, len);
        if (pending.size() > MAX_FRAG_DATA) {
            session.weird("too_much_dce_rpc_fragment_data");
            skip = true;
        }
        if (!h.lastFrag()) return null;
        f.fragments.remove(h.callId());
        return pending.toByteArray();
    }

    /**
     * Zeek's {@code forward_auth}: NTLM and SPNEGO credentials go to an NTLM or GSSAPI analyzer (always as
     * the originator's, as Zeek passes {@code is_orig = true}); types without an analyzer here are
     * skipped, the ones Zeek cannot handle are weirds carrying the type number.
     */
    private void forwardAuth(DceRpcMessage.Auth auth) {
        switch (auth.type()) {
            case AUTH_NTLM -> {
                if (!ntlmStarted) {
                    ntlmStarted = true;
                    ntlm = session.instantiate("NTLM");
                }
                if (ntlm != null) ntlm.data(Direction.ORIG, auth.blob(), 0, auth.blob().length);
            }
            case AUTH_SPNEGO -> {
                if (!gssapiStarted) {
                    gssapiStarted = true;
                    gssapi = session.instantiate("GSSAPI");
                }
                if (gssapi != null) gssapi.data(Direction.ORIG, auth.blob(), 0, auth.blob().length);
            }
            case AUTH_KERBEROS -> { } // Zeek's KRB analyzer: not implemented here
            case AUTH_SCHANNEL -> session.weird("tls_dce_rpc_auth_type", Integer.toString(auth.type()));
            case AUTH_NETLOGON -> session.weird("netlogon_dce_rpc_auth_type", Integer.toString(auth.type()));
            default -> session.weird("unknown_dce_rpc_auth_type", Integer.toString(auth.type()));
        }
    }

    // --- base/protocols/dce-rpc/main.zeek --------------------------------------------------------

    private void events(DceRpcMessage.Header h, DceRpcMessage m) {
        switch (m) {
            case DceRpcMessage.Bind bind -> {
                for (var ctx : bind.contexts()) bind(ctx);
            }
            case DceRpcMessage.BindAck ack -> {
                if (h.ptype() == DceRpcMessage.BIND_ACK) bindAck(ack.secAddr());
                else setSession(); // dce_rpc_alter_context_resp
            }
            case DceRpcMessage.Request req -> {
                setSession();
                info.ts = session.now();
                contextOpnum.put(req.contextId(), req.opnum());
            }
            case DceRpcMessage.Response resp -> response(resp.contextId(), contextOpnum.getOrDefault(resp.contextId(), 0));
            case DceRpcMessage.Other o -> { }
        }
    }

    private void setSession() {
        if (info == null) {
            info = new Info();
            info.ts = session.now();
            state = new State();
        }
        setState();
    }

    /** {@code set_state}: the backing record becomes {@code c$dce_rpc} again. */
    private void setState() {
        current = true;
        if (state.uuid != null) info.endpoint = DceRpcCodes.endpoint(state.uuid);
        if (state.namedPipe != null) info.namedPipe = state.namedPipe;
    }

    /** {@code dce_rpc_bind} and {@code dce_rpc_alter_context}. */
    private void bind(DceRpcMessage.Context ctx) {
        setSession();
        if (state.ctxToUuid == null) state.ctxToUuid = new HashMap<>();
        state.ctxToUuid.put(ctx.id(), ctx.uuid());
        state.uuid = ctx.uuid();
        info.endpoint = DceRpcCodes.endpoint(ctx.uuid());
    }

    /** {@code dce_rpc_bind_ack}: the secondary address without its terminating NUL. */
    private void bindAck(byte[] secAddr) {
        setSession();
        int n = secAddr.length;
        if (n > 0 && secAddr[n - 1] == 0) n--;
        if (n > 0) {
            byte[] pipe = Arrays.copyOf(secAddr, n);
            state.namedPipe = pipe;
            info.namedPipe = pipe;
        }
    }

    private void response(int ctxId, int opnum) {
        setSession();
        usePipeUuid();
        double now = session.now();
        if (info.endpoint != null) {
            info.operation = DceRpcCodes.operation(state.uuid, opnum);
            if (info.ts != now) info.rtt = now - info.ts;
        }
        String u = state.ctxToUuid == null ? null : state.ctxToUuid.get(ctxId);
        if (u != null) {
            info.endpoint = DceRpcCodes.endpoint(u);
            info.operation = DceRpcCodes.operation(u, opnum);
        }
        writeIfWanted();
        current = false;
    }

    /** The binding was not seen but the pipe name tells the usual interface (uuid only, as Zeek). */
    private void usePipeUuid() {
        if (info.endpoint != null || info.namedPipe == null) return;
        String uuid = DceRpcCodes.pipeUuid(
                DceRpcCodes.normalizePipe(new String(info.namedPipe, StandardCharsets.ISO_8859_1)));
        if (uuid != null) state.uuid = uuid;
    }

    private void writeIfWanted() {
        if (info.endpoint == null || info.operation == null) return;
        if (DceRpcCodes.ignored(info.endpoint, info.operation)) return;
        Connection c = session.conn();
        log.write(new DceRpcLogEntry(info.ts, c.uid(),
                c.id(),
                info.rtt, info.namedPipe, info.endpoint, info.operation));
    }

    /** {@code finalize_dce_rpc}: a call still open when the connection goes is logged as it stands. */
    @Override
    public void end() {
        if (!current) return;
        setState();
        usePipeUuid();
        writeIfWanted();
    }
}
