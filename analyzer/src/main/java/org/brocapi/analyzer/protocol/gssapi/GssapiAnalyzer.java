package org.brocapi.analyzer.protocol.gssapi;

import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.protocol.ntlm.NtlmNegotiation;

/**
 * Zeek's GSSAPI analyzer: each delivery is one token; an NTLM message inside (it starts with
 * "NTLMSSP") goes to an NTLM analyzer of its own, as Zeek's {@code forward_blob} does. Kerberos
 * tokens are not analyzed here. The negState of a negTokenResp goes to that NTLM analyzer (Zeek's
 * {@code gssapi_neg_result}, which ntlm/main.zeek handles). A whole token confirms, a parse error
 * is a violation.
 */
final class GssapiAnalyzer implements StreamAnalyzer {
    private final Session session;
    private StreamAnalyzer ntlm;
    private boolean ntlmStarted;

    GssapiAnalyzer(Session session) {
        this.session = session;
    }

    @Override
    public void data(Direction dir, byte[] buf, int off, int len) {
        var r = GssapiParser.parse(buf, off, len);
        // negState precedes responseToken in a negTokenResp, so its event comes first in Zeek too
        if (ntlm instanceof NtlmNegotiation n) for (long state : r.negStates()) n.negotiationResult(state);
        for (byte[] token : r.mechTokens()) {
            if (token.length < 7 || token[0] != 'N' || !new String(token, 0, 7,
                    java.nio.charset.StandardCharsets.ISO_8859_1).equals("NTLMSSP")) continue;
            if (!ntlmStarted) {
                ntlmStarted = true;
                ntlm = session.instantiate("NTLM");
            }
            if (ntlm != null) ntlm.data(dir, token, 0, token.length);
        }
        if (r.error() != null) session.violation(r.error());
        else session.confirm();
    }
}
