package org.brocapi.analyzer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;

/** Reading values back from Zeek's TSV logs (baselines): its escapes and its address text. */
public final class ZeekLogValues {
    private ZeekLogValues() { }

    /** Undoes Zeek's TSV escaping ({@code \\} and {@code \xNN}); the text is read one char per byte. */
    public static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
                out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** An address literal; anything else is refused (InetAddress.getByName would ask DNS). */
    public static byte[] addressLiteral(String v) throws IOException {
        if (!v.matches("[0-9a-fA-F:.]+")) {
            throw new IOException("not an address literal: " + v);
        }
        return InetAddress.getByName(v).getAddress();
    }
}
