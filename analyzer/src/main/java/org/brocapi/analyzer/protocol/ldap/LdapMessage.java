package org.brocapi.analyzer.protocol.ldap;

import java.util.List;

/**
 * One LDAPMessage (RFC 4511 §4.1.1) with what Zeek's LDAP events carry: the operation's object
 * and argument, the LDAPResult of responses, and the bind/search/extended details.
 */
public record LdapMessage(
        long messageId,
        /* The protocolOp's APPLICATION tag number (LdapCodes opcodes). */
        int opcode,
        /* LDAPResult resultCode; null when the operation has none. */
        Integer result,
        String matchedDn,
        String diagnosticMessage,
        /* Zeek's {@code obj}: bind name, base object, entry DN, extended request name, … ("" if none). */
        String object,
        /* Zeek's {@code arg}: simple bind password, SASL mechanism, "NTLMSSP" ("" if none). */
        String argument,
        /* BindRequest: version and authentication choice tag; SASL mechanism if SASL. */
        Long bindVersion,
        Integer bindAuthType,
        String saslMechanism,
        /* SearchRequest details, or null. */
        Search search,
        /* ExtendedRequest for StartTLS (RFC 4511 §4.14.1). */
        boolean startTlsRequest,
        /* BindResponse: SPNEGO accepted MS Kerberos 5 with a response token (Zeek's MS_KRB5 switch). */
        boolean krb5Selected) {

    /** SearchRequest (RFC 4511 §4.5.1) with the filter in Zeek's string form. */
    public record Search(String baseObject, long scope, long deref, long sizeLimit, long timeLimit, boolean typesOnly,
                         String filter, List<String> attributes) { }
}
