package org.brocapi.analyzer.log;

/**
 * Zeek's log value types, as they appear in the {@code #types} header line.
 *
 * <p>Inference from Java types (when a column says {@link #AUTO}): {@code String} and
 * {@code byte[]} (raw bytes, written as-is through Zeek's escaping) → string,
 * {@code boolean/Boolean} → bool, {@code int/long/Integer/Long} → count, {@code double/Double} →
 * double, {@code java.net.InetAddress} → addr, a Java {@code enum} → enum (its
 * {@code toString()} is the Zeek name), {@code java.util.List<E>} → vector[E],
 * {@code java.util.Set<E>} → set[E] (iteration order is the written order), a nested record →
 * flattened columns {@code outer.inner}. {@code time} and {@code interval} are {@code double}
 * seconds (as Zeek holds them) and must be declared.
 *
 * <p>Accepted Java values for declared types: {@link #ADDR} an {@code InetAddress} or a
 * {@code byte[]} of 4 or 16 bytes (v4-mapped 16-byte addresses print as IPv4, as Zeek's
 * {@code IPAddr} does); {@link #SUBNET} a {@code String} already in {@code a/len} form;
 * {@link #INT}/{@link #COUNT}/{@link #PORT} any integral {@code Number} (count is unsigned
 * 64-bit); {@link #ENUM} a {@code String} or an {@code enum}. {@code null} is always "unset".
 */
public enum ZeekType {
    AUTO(null), TIME("time"), INTERVAL("interval"), DOUBLE("double"), COUNT("count"), INT("int"),
    PORT("port"), ADDR("addr"), SUBNET("subnet"), BOOL("bool"), STRING("string"), ENUM("enum"),
    /** {@code set[E]}; the element type is inferred from the generic parameter. */
    SET("set"),
    /** {@code vector[E]}; the element type is inferred from the generic parameter. */
    VECTOR("vector");

    private final String zeekName;

    ZeekType(String zeekName) {
        this.zeekName = zeekName;
    }

    /** The name in {@code #types}, e.g. {@code interval}; null for AUTO. */
    public String zeekName() {
        return zeekName;
    }
}
