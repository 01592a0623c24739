package org.brocapi.analyzer.bytes;

import java.util.HexFormat;

/** Hex text ↔ bytes, for test fixtures and diagnostics. */
public final class Hex {
    private Hex() { }

    /**
     * Parses hex digits, ignoring whitespace: {@code Hex.bytes("24be 0527 …")}. A {@code tcpdump -X}
     * dump is accepted too: the {@code 0x0000:} offset and the ASCII column of each line are dropped.
     */
    public static byte[] bytes(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (String line : text.split("\n")) {
            String l = line.strip();
            int colon = l.indexOf(':');
            if (l.startsWith("0x") && colon > 0) {
                // tcpdump -X: "0x0010:  c0a8 0001 ...  ascii"; the hex part ends at a double space
                String rest = l.substring(colon + 1).stripLeading();
                int ascii = rest.indexOf("  ");
                l = ascii >= 0 ? rest.substring(0, ascii) : rest;
            }
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                if (!Character.isWhitespace(c)) digits.append(c);
            }
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + digits.length());
        }
        return HexFormat.of().parseHex(digits);
    }

    /** Lowercase hex digits without separators. */
    public static String of(byte[] data, int offset, int length) {
        return HexFormat.of().formatHex(data, offset, offset + length);
    }

    /** A {@code tcpdump -X}-style dump: offset, 16 bytes in groups of two, printable ASCII. */
    public static String dump(byte[] data, int offset, int length) {
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < length; line += 16) {
            sb.append(String.format("0x%04x:  ", line));
            int n = Math.min(16, length - line);
            for (int i = 0; i < 16; i++) {
                if (i < n) {
                    sb.append(String.format("%02x", data[offset + line + i] & 0xff));
                } else {
                    sb.append("  ");
                }
                if (i % 2 == 1) sb.append(' ');
            }
            sb.append(' ');
            for (int i = 0; i < n; i++) {
                int c = data[offset + line + i] & 0xff;
                sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static String dump(byte[] data) {
        return dump(data, 0, data.length);
    }
}
