package org.brocapi.analyzer.protocol.mime;

import java.io.ByteArrayOutputStream;

/**
 * Zeek's {@code Base64Converter} (standard alphabet), streaming: characters outside the alphabet
 * are skipped (the first one reported), '=' counts as padding and decodes as zero bits, groups
 * after a padded group are dropped (reported once), and {@link #finish} pads an incomplete group.
 * Reports carry Zeek's texts; the caller raises them as {@code base64_illegal_encoding} weirds.
 */
public final class Base64Decoder {
    private static final int[] TABLE = new int[256];

    static {
        java.util.Arrays.fill(TABLE, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; i++) TABLE[alphabet.charAt(i)] = i;
        TABLE['='] = 0;
    }

    private final int[] group = new int[4];
    private int have, padding;
    private boolean afterPadding;
    private int errors;
    private final java.util.function.Consumer<String> report;

    public Base64Decoder(java.util.function.Consumer<String> report) {
        this.report = report;
    }

    /** True once any character or group was rejected (Zeek's {@code Errored()}). */
    boolean errored() {
        return errors > 0;
    }

    public void decode(byte[] b, int off, int len, ByteArrayOutputStream out) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c == '=') padding++;
            int k = TABLE[c];
            if (k < 0) {
                if (++errors == 1) report.accept("character " + c + " ignored by Base64 decoding");
                continue;
            }
            group[have++] = k;
            if (have == 4) flushGroup(out);
        }
    }

    private void flushGroup(ByteArrayOutputStream out) {
        have = 0;
        if (afterPadding) {
            if (++errors == 1) report.accept("extra base64 groups after '=' padding are ignored");
            padding = 0;
            return;
        }
        int bits = group[0] << 18 | group[1] << 12 | group[2] << 6 | group[3];
        int n = 3 - padding;
        if (n-- > 0) out.write(bits >> 16 & 0xff);
        if (n-- > 0) out.write(bits >> 8 & 0xff);
        if (n > 0) out.write(bits & 0xff);
        if (padding > 0) afterPadding = true;
        padding = 0;
    }

    /** Zeek's {@code Done()}: an incomplete group is completed with '='. */
    public void finish(ByteArrayOutputStream out) {
        if (have == 0) return;
        report.accept("incomplete base64 group, padding with " + (4 - have) * 6 + " bits of 0");
        byte[] pad = {'=', '=', '='};
        decode(pad, 0, 4 - have, out);
    }

    /** Zeek's {@code decode_base64}: null when any character was rejected. */
    public static byte[] decodeAll(byte[] s, java.util.function.Consumer<String> report) {
        var d = new Base64Decoder(report);
        var out = new ByteArrayOutputStream(s.length);
        d.decode(s, 0, s.length, out);
        if (d.errored()) return null;
        d.finish(out);
        return out.toByteArray();
    }
}
