package org.brocapi.service.syslog;

import java.util.regex.Pattern;

/**
 * The rule for a job tag, which becomes the HOSTNAME of every line of the job.
 *
 * <p>A tag is 1–255 characters of {@code A-Z a-z 0-9 . _ -} and ends with a letter or digit.
 * Checked against rsyslog 8.2302's RFC 3164 parser: a HOSTNAME with any other character
 * (space, {@code [ ] / @ : %}, non-ASCII), or ending in {@code . _ -}, is not taken as a host name
 * — the receiver then substitutes the sender's IP and reads the tag as the program name, so every
 * field after it shifts. 255 is the RFC 5424 §6.2.4 HOSTNAME limit. No tag (null or blank) means
 * the host name {@value #DEFAULT_HOSTNAME}, as in 1.0.
 *
 * <p>The API rejects a bad tag with {@link #validate}; {@link #sanitize} is the fallback for
 * tags that reach the sender another way, so that a frame is never broken.
 */
public final class TagRule {
    public static final String DEFAULT_HOSTNAME = "brocapi";
    public static final int MAX_LENGTH = 255;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{0,254}[A-Za-z0-9]");

    private TagRule() {
    }

    /** Null when the tag is acceptable (or absent), else the error text for a 400 answer. */
    public static String validate(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        if (tag.length() > MAX_LENGTH) {
            return "tag is " + tag.length() + " characters long; at most " + MAX_LENGTH + " are allowed";
        }
        if (!VALID.matcher(tag).matches()) {
            return "tag '" + printable(tag) + "' is not allowed: use only A-Z a-z 0-9 . _ - and end with"
                    + " a letter or digit (the tag is the syslog HOSTNAME; receivers misparse other characters)";
        }
        return null;
    }

    /**
     * The HOSTNAME for a tag: the tag itself when valid; otherwise every disallowed character
     * replaced by {@code _}, cut to 255, trailing {@code . _ -} removed; {@value #DEFAULT_HOSTNAME}
     * when nothing is left or no tag was given.
     */
    public static String sanitize(String tag) {
        if (tag == null || tag.isBlank()) {
            return DEFAULT_HOSTNAME;
        }
        if (validate(tag) == null) {
            return tag;
        }
        StringBuilder b = new StringBuilder(Math.min(tag.length(), MAX_LENGTH));
        tag.codePoints().limit(MAX_LENGTH).forEach(c -> b.append(allowed(c) ? (char) c : '_'));
        int end = b.length();
        while (end > 0 && !Character.isLetterOrDigit(b.charAt(end - 1))) {
            end--;
        }
        return end == 0 ? DEFAULT_HOSTNAME : b.substring(0, end);
    }

    private static boolean allowed(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
