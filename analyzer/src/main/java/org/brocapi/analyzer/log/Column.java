package org.brocapi.analyzer.log;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names and types one column of a log schema record, where the Java component alone does not
 * say it. Without the annotation the column name is the component name in snake_case
 * ({@code origBytes} → {@code orig_bytes}) and the type follows from the Java type.
 *
 * <p>Example: {@code @Column(type = ZeekType.SET) List<String> tunnelParents} is Zeek's
 * {@code set[string]} written in list order (Zeek writes non-{@code &ordered} sets in its hash
 * order, so the producer supplies that order);
 * {@code @Column(element = ZeekType.INTERVAL) List<Double> rtt} is {@code vector[interval]};
 * {@code @Column(feature = "mac-logging") String origL2Addr} exists only when the schema is
 * built with feature {@code mac-logging} enabled.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Column {
    /** The Zeek field name; empty means snake_case of the component name. */
    String name() default "";

    /**
     * The Zeek type; {@link ZeekType#AUTO} means inferred from the Java type. On a List/Set
     * component only {@link ZeekType#SET} or {@link ZeekType#VECTOR} (the container) is allowed.
     */
    ZeekType type() default ZeekType.AUTO;

    /** Element type of a List/Set column; {@link ZeekType#AUTO} means inferred from the generic. */
    ZeekType element() default ZeekType.AUTO;

    /**
     * The optional script ("feature") that adds this column, as Zeek's {@code redef record … +=}
     * in a policy script does (e.g. {@code "mac-logging"} for conn's {@code orig_l2_addr}).
     * Empty means always present. A column whose feature is not enabled in
     * {@link LogSchema#of(Class, java.util.function.Predicate)} is left out entirely (no
     * {@code #fields} entry, no value). On a nested record it applies to all its columns.
     */
    String feature() default "";
}
