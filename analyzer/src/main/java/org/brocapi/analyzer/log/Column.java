package org.brocapi.analyzer.log;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names and types one column of a log schema record, where the Java component alone does not
 * say it. Without the annotation the column name is the component name in snake_case
 * ({@code origBytes} → {@code orig_bytes}) and the type follows from the Java type.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Column {
    /** The Zeek field name; empty means snake_case of the component name. */
    String name() default "";

    /** The Zeek type; {@link ZeekType#AUTO} means inferred from the Java type. */
    ZeekType type() default ZeekType.AUTO;
}
