package org.brocapi.analyzer.protocol;

/**
 * Content-based detection, mirroring a protocol's {@code dpd.sig}: looks at the first bytes each
 * endpoint sent (at most {@link Dpd#BUFFER_SIZE} per direction, as Zeek's PIA with
 * {@code dpd_match_only_beginning}) and says whether the protocol is there. Called again whenever
 * either side's prefix grows, so a signature with {@code requires-reverse-signature} checks both
 * prefixes; an empty prefix means that side sent nothing yet.
 */
@FunctionalInterface
public interface Probe {
    boolean matches(Prefix orig, Prefix resp);

    /**
     * The first bytes of one direction; valid only during the call. Several probes look at the
     * same prefix, so its text form is made once.
     */
    final class Prefix {
        private final byte[] buf;
        private final int len;
        private String text;

        public Prefix(byte[] buf, int len) {
            this.buf = buf;
            this.len = len;
        }

        public byte[] buf() {
            return buf;
        }

        public int len() {
            return len;
        }

        public boolean isEmpty() {
            return len == 0;
        }

        /** True when the prefix starts with {@code ascii} (exact bytes). */
        public boolean startsWith(String ascii) {
            if (len < ascii.length()) return false;
            for (int i = 0; i < ascii.length(); i++) if (buf[i] != (byte) ascii.charAt(i)) return false;
            return true;
        }

        /**
         * True when {@code lowerAscii} (lower-case letters) occurs anywhere, ignoring ASCII case: a
         * cheap necessary condition to test before a signature regex that needs that word.
         */
        public boolean containsIgnoreCase(String lowerAscii) {
            int n = lowerAscii.length();
            outer:
            for (int i = 0; i <= len - n; i++) {
                for (int j = 0; j < n; j++) {
                    int b = buf[i + j];
                    if (b >= 'A' && b <= 'Z') b += 'a' - 'A';
                    if (b != lowerAscii.charAt(j)) continue outer;
                }
                return true;
            }
            return false;
        }

        /**
         * The prefix as Latin-1 text (one char per byte), for signatures written as regexes:
         * match them with {@code lookingAt()} and {@code DOTALL}, as Zeek's signature payload
         * patterns are anchored at the start and multi-line.
         */
        public String text() {
            if (text == null) text = new String(buf, 0, len, java.nio.charset.StandardCharsets.ISO_8859_1);
            return text;
        }

        public int u8(int i) {
            return i < len ? buf[i] & 0xff : -1;
        }
    }
}
