package org.brocapi.analyzer.protocol.xmpp;

import java.util.function.Consumer;

/**
 * Zeek's xmpp-protocol.pac grammar over one delivered chunk (it is a binpac "datagram" flow:
 * every chunk is parsed on its own, nothing is carried over): tokens of
 * {@code [ \r\n]* '<' name rest '>' content} until the chunk is used up, where name is
 * {@code /\/?[?:[:alnum:]]+/} and rest and content are {@code [^<>]*}. Pure.
 */
final class XmppParser {
    private XmppParser() { }

    /**
     * Hands each token's name to {@code token} in order and returns null, or the binpac error
     * at the first token that does not fit (tokens before it were handed over already).
     */
    static String parse(byte[] b, int off, int len, Consumer<String> token) {
        int i = off, end = off + len;
        do {
            while (i < end && (b[i] == ' ' || b[i] == '\r' || b[i] == '\n')) i++;
            if (i >= end || b[i] != '<') return "string mismatch at XML_START";
            i++;
            int nameStart = i;
            if (i < end && b[i] == '/') i++;
            int first = i;
            while (i < end && nameChar(b[i])) i++;
            if (i == first) return "string mismatch at XML_NAME";
            String name = new String(b, nameStart, i - nameStart, java.nio.charset.StandardCharsets.ISO_8859_1);
            while (i < end && b[i] != '<' && b[i] != '>') i++;
            if (i >= end || b[i] != '>') return "string mismatch at XML_END";
            i++;
            while (i < end && b[i] != '<' && b[i] != '>') i++;
            token.accept(name);
        } while (i < end);
        return null;
    }

    private static boolean nameChar(byte c) {
        return c == '?' || c == ':' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
