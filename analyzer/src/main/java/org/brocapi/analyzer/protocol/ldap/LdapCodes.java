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

    /** Zeek's {@code LDAP::PROTOCOL_OPCODES}: the normalized operation name. */
    static String opcodeName(int opcode) {
        return switch (opcode) {
            case BIND_REQUEST, BIND_RESPONSE -> "bind";
            case UNBIND_REQUEST -> "unbind";
            case SEARCH_REQUEST, SEARCH_RESULT_ENTRY, SEARCH_RESULT_DONE, SEARCH_RESULT_REFERENCE -> "search";
            case MODIFY_REQUEST, MODIFY_RESPONSE, MOD_DN_REQUEST, MOD_DN_RESPONSE -> "modify";
            case ADD_REQUEST, ADD_RESPONSE -> "add";
            case DEL_REQUEST, DEL_RESPONSE -> "delete";
            case COMPARE_REQUEST, COMPARE_RESPONSE -> "compare";
            case ABANDON_REQUEST -> "abandon";
            case EXTENDED_REQUEST, EXTENDED_RESPONSE -> "extended";
            case INTERMEDIATE_RESPONSE -> "intermediate";
            default -> "unknown";
        };
    }

    /** Zeek's {@code LDAP::RESULT_CODES} (RFC 4511 Appendix A and later registrations). */
    static String resultName(int code) {
        return switch (code) {
            case 0 -> "success";
            case 1 -> "operations error";
            case 2 -> "protocol error";
            case 3 -> "time limit exceeded";
            case 4 -> "size limit exceeded";
            case 5 -> "compare false";
            case 6 -> "compare true";
            case 7 -> "auth method not supported";
            case 8 -> "stronger auth required";
            case 9 -> "partial results";
            case 10 -> "referral";
            case 11 -> "admin limit exceeded";
            case 12 -> "unavailable critical extension";
            case 13 -> "confidentiality required";
            case 14 -> "SASL bind in progress";
            case 16 -> "no such attribute";
            case 17 -> "undefined attribute type";
            case 18 -> "inappropriate matching";
            case 19 -> "constraint violation";
            case 20 -> "attribute or value exists";
            case 21 -> "invalid attribute syntax";
            case 32 -> "no such object";
            case 33 -> "alias problem";
            case 34 -> "invalid DN syntax";
            case 36 -> "alias dereferencing problem";
            case 48 -> "inappropriate authentication";
            case 49 -> "invalid credentials";
            case 50 -> "insufficient access rights";
            case 51 -> "busy";
            case 52 -> "unavailable";
            case 53 -> "unwilling to perform";
            case 54 -> "loop detect";
            case 60 -> "sort control missing";
            case 61 -> "offset range error";
            case 64 -> "naming violation";
            case 65 -> "object class violation";
            case 66 -> "not allowed on non-leaf";
            case 67 -> "not allowed on RDN";
            case 68 -> "entry already exists";
            case 69 -> "object class mods prohibited";
            case 70 -> "results too large";
            case 71 -> "affects multiple DSAs";
            case 76 -> "control error";
            case 80 -> "other";
            case 81 -> "server down";
            case 82 -> "local error";
            case 83 -> "encoding error";
            case 84 -> "decoding error";
            case 85 -> "timeout";
            case 86 -> "auth unknown";
            case 87 -> "filter error";
            case 88 -> "user canceled";
            case 89 -> "param error";
            case 90 -> "no memory";
            case 91 -> "connect error";
            case 92 -> "not supported";
            case 93 -> "control not found";
            case 94 -> "no results returned";
            case 95 -> "more results to return";
            case 96 -> "client loop";
            case 97 -> "referral limit exceeded";
            case 100 -> "invalid response";
            case 101 -> "ambiguous response";
            case 112 -> "TLS not supported";
            case 113 -> "intermediate response";
            case 114 -> "unknown type";
            case 115 -> "LCUP invalid data";
            case 116 -> "LCUP unsupported scheme";
            case 117 -> "LCUP reload required";
            case 118 -> "canceled";
            case 119 -> "no such operation";
            case 120 -> "too late";
            case 121 -> "cannot cancel";
            case 122 -> "assertion failed";
            case 123 -> "authorization denied";
            default -> "unknown";
        };
    }

    /** Zeek's {@code LDAP::SEARCH_SCOPES}. */
    static String scopeName(long scope) {
        return scope == 0 ? "base" : scope == 1 ? "single" : scope == 2 ? "tree" : "unknown";
    }

    /** Zeek's {@code LDAP::SEARCH_DEREF_ALIASES}. */
    static String derefName(long deref) {
        return deref == 0 ? "never" : deref == 1 ? "searching" : deref == 2 ? "finding" : deref == 3 ? "always" : "unknown";
    }

    /** Zeek's {@code LDAP::EXTENDED_REQUESTS}. */
    static String extendedRequestName(String oid) {
        return switch (oid) {
            case LdapParser.STARTTLS_OID -> "StartTLS";
            case "1.3.6.1.4.1.4203.1.11.3" -> "whoami";
            default -> "unknown";
        };
    }

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
