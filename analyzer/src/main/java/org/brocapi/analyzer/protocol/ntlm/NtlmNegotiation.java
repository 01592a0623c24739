package org.brocapi.analyzer.protocol.ntlm;

/**
 * What an NTLM analyzer learns from its carrier: GSSAPI's {@code gssapi_neg_result} (SPNEGO
 * negState) decides ntlm.log's {@code success} and writes the log at once (ntlm/main.zeek).
 */
public interface NtlmNegotiation {
    /** SPNEGO negState: 0 accept-completed, 1 accept-incomplete (ignored), 2 reject, 3 request-mic. */
    void negotiationResult(long state);
}
