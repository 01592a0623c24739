package org.brocapi.analyzer.log;

import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * One column of a {@link LogSchema}: its name path ({@code ["id", "orig_h"]}), Zeek type and,
 * for set/vector columns, the element type. Reads its value from a row record, following the
 * nested record accessors; an unset (null) outer record makes the column unset.
 */
public final class LogField {
    private final List<String> path;
    private final ZeekType type;
    private final ZeekType element;
    private final List<String> features;
    private final MethodHandle[] getters;

    LogField(List<String> path, ZeekType type, ZeekType element, List<String> features, MethodHandle[] getters) {
        this.path = List.copyOf(path);
        this.type = type;
        this.element = element;
        this.features = List.copyOf(features);
        this.getters = getters;
    }

    /** The name parts, outermost first; joined with the scope separator they make the column name. */
    public List<String> path() {
        return path;
    }

    /** The name joined with Zeek's default scope separator {@code .}. */
    public String name() {
        return name(".");
    }

    public String name(String scopeSep) {
        return String.join(scopeSep, path);
    }

    public ZeekType type() {
        return type;
    }

    /** Element type of a set/vector column, {@link ZeekType#AUTO} otherwise. */
    public ZeekType element() {
        return element;
    }

    /** The features (see {@link Column#feature()}) that must all be enabled for this column to exist. */
    public List<String> features() {
        return features;
    }

    /** The {@code #types} entry: {@code time}, {@code set[string]}, {@code vector[interval]}. */
    public String typeName() {
        if (type == ZeekType.SET || type == ZeekType.VECTOR) {
            return type.zeekName() + "[" + element.zeekName() + "]";
        }
        return type.zeekName();
    }

    /** This column's value in {@code row}, null when unset. */
    public Object get(Object row) {
        Object v = row;
        try {
            for (MethodHandle g : getters) {
                if (v == null) {
                    return null;
                }
                v = (Object) g.invokeExact(v);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("reading log column " + name(), t);
        }
        return v;
    }

    @Override
    public String toString() {
        return name() + ":" + typeName();
    }
}
