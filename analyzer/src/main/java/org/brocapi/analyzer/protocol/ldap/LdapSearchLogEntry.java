package org.brocapi.analyzer.protocol.ldap;

import java.util.List;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of ldap_search.log (Zeek's {@code LDAP::SearchInfo}): a search and its results. */
public record LdapSearchLogEntry(
        /* Timestamp for when the event happened. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique ID for the connection. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* Message ID. */
        @Column(type = ZeekType.INT) Long messageId,
        /* Search scope. */
        String scope,
        /* Alias dereferencing. */
        String derefAliases,
        /* Base search object. */
        String baseObject,
        /* Number of results returned. */
        Long resultCount,
        /* Result code of the search operation. */
        String result,
        /* Result diagnostic message. */
        String diagnosticMessage,
        /* A string representation of the search filter used in the query. */
        String filter,
        /* The attributes requested in the search. */
        @Column(type = ZeekType.VECTOR) List<String> attributes) {
}
