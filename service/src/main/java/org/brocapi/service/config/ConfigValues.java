package org.brocapi.service.config;

/** Value readers shared by every configuration section; a bad value throws with the reason. */
public final class ConfigValues {
    private ConfigValues() { }

    /** A whole number within [min, max]. */
    public static int intRange(String v, int min, int max) {
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
        }
        return (int) n;
    }
}
