package org.brocapi.analyzer.log;

/**
 * Zeek's log value types, as they appear in the {@code #types} header line.
 *
 * <p>Inference from Java types (when a column says {@link #AUTO}): {@code String} → string,
 * {@code boolean/Boolean} → bool, {@code int/long/Integer/Long} → count, {@code double/Double} →
 * double, {@code java.net.InetAddress} → addr, {@code java.util.List<E>} → vector[E],
 * {@code java.util.Set<E>} → set[E] (iteration order is the written order), a nested record →
 * flattened columns {@code outer.inner}. {@code time} and {@code interval} are {@code double}
 * seconds (as Zeek holds them) and must be declared.
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
