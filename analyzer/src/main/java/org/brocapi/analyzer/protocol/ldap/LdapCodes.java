package org.brocapi.analyzer.protocol.ldap;

/**
 * LDAP wire codes (RFC 4511 protocolOp tags, AuthenticationChoice, Filter choices; MS-ADTS Sicily
 * bind) and Zeek's rendering of CLDAP assertion values (ldap.spicy's {@code *_repr} helpers).
 */
final class LdapCodes {
    static final int BIND_REQUEST = 0, BIND_RESPONSE = 1, UNBIND_REQUEST = 2, SEARCH_REQUEST = 3,
            SEARCH_RESULT_ENTRY = 4, SEARCH_RESULT_DONE = 5, MODIFY_REQUEST = 6, MODIFY_RESPONSE = 7,
            ADD_REQUEST = 8, ADD_RESPONSE = 9, DEL_REQUEST = 10, DEL_RESPONSE = 11, MOD_DN_REQUEST = 12,
            MOD_DN_RESPONSE = 13, COMPARE_REQUEST = 14, COMPARE_RESPONSE = 15, ABANDON_REQUEST = 16,
            SEARCH_RESULT_REFERENCE = 19, EXTENDED_REQUEST = 23, EXTENDED_RESPONSE = 24,
            INTERMEDIATE_RESPONSE = 25;

    static final int BIND_AUTH_SIMPLE = 0, BIND_AUTH_SASL = 3, SICILY_NEGOTIATE = 10, SICILY_RESPONSE = 11;

    static final int FILTER_AND = 0, FILTER_OR = 1, FILTER_NOT = 2, FILTER_EQ = 3, FILTER_SUBSTR = 4, FILTER_GE = 5,
            FILTER_LE = 6, FILTER_PRESENT = 7, FILTER_APPROX = 8, FILTER_EXT = 9;

    /** LDAPResult resultCode 0. */
    static final int SUCCESS = 0;

    private LdapCodes() { }

    /** An assertion value as Zeek prints it: CLDAP's DomainGuid, objectSid/AAC, DomainSid, NtVer specially. */
    static String decodeAssertionValue(String attribute, byte[] v) {
        return switch (attribute) {
            case "DomainGuid" -> guid(v);
            case "objectSid", "AAC" -> hexColons(v);
            case "DomainSid" -> sid(v);
            case "NtVer" -> v.length != 4 ? "HEX_FORMAT_FAILED" : String.format("0x%02x%02x%02x%02x", v[3], v[2], v[1], v[0]);
            default -> LdapParser.utf8(v);
        };
    }

    private static String guid(byte[] v) {
        if (v.length != 16) return "GUID_FORMAT_FAILED";
        int[][] groups = {{3, 2, 1, 0}, {5, 4}, {7, 6}, {8, 9}, {10, 11, 12, 13, 14, 15}};
        var s = new StringBuilder();
        for (int[] g : groups) {
            for (int j : g) {
                s.append(String.format("%02x", v[j] & 0xff));
                if (j == 0 || j == 4 || j == 6 || j == 9) s.append('-');
            }
        }
        return s.toString();
    }

    private static String hexColons(byte[] v) {
        var s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) s.append(':');
            s.append(String.format("%02x", v[i] & 0xff));
        }
        return s.toString();
    }

    /** S-1-5-21-…: revision, 48-bit big-endian authority, then four little-endian sub-authorities. */
    private static String sid(byte[] v) {
        if (v.length != 24) return "SID_FORMAT_FAILED";
        int[][] groups = {{0}, {2, 3, 4, 5, 6, 7}, {11, 10, 9, 8}, {15, 14, 13, 12}, {19, 18, 17, 16}, {23, 22, 21, 20}};
        var s = new StringBuilder("S-");
        int count = 0;
        for (int[] g : groups) {
            long x = 0;
            for (int j : g) {
                x = x << 8 | (v[j] & 0xff);
                count++;
            }
            s.append(Long.toUnsignedString(x));
            if (count < 23) s.append('-');
        }
        return s.toString();
    }
}
