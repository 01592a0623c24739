package org.brocapi.analyzer.protocol.ldap;

import java.util.List;

/**
 * One decoded BER element (X.690 §8) as Zeek's {@code ASN1::ASN1Message} keeps it: the header,
 * then by universal type a number, a boolean or a string, the children of a constructed
 * sequence/set (when parsed recursively), or the raw contents of a non-universal tag.
 */
public record BerElement(
        int tagClass,
        /* The low five bits of the identifier octet (Zeek does not decode high tag numbers). */
        int tagNumber,
        long length,
        Long number,
        Boolean bool,
        String string,
        List<BerElement> children,
        byte[] contents) {
    public static final int UNIVERSAL = 0, APPLICATION = 1, CONTEXT_SPECIFIC = 2, PRIVATE = 3;
    public static final int BOOLEAN = 1, INTEGER = 2, BIT_STRING = 3, OCTET_STRING = 4, NULL = 5, OID = 6,
            ENUMERATED = 10, SEQUENCE = 16, SET = 17;
}
