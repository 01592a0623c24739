package org.brocapi.analyzer.log;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.function.Function;

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
    private final RecordComponent[] components;
    /** The accessors of {@link #components}, made on the first {@link #get}; fully built before published. */
    private volatile Function<Object, Object>[] getters;

    LogField(List<String> path, ZeekType type, ZeekType element, List<String> features,
            RecordComponent[] components) {
        this.path = List.copyOf(path);
        this.type = type;
        this.element = element;
        this.features = List.copyOf(features);
        this.components = components;
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
        Function<Object, Object>[] getters = this.getters;
        if (getters == null) {
            getters = accessors();
        }
        if (getters.length == 1) {
            return getters[0].apply(row);
        }
        Object v = row;
        for (Function<Object, Object> g : getters) {
            if (v == null) {
                return null;
            }
            v = g.apply(v);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private Function<Object, Object>[] accessors() {
        Function<Object, Object>[] made = new Function[components.length];
        for (int i = 0; i < made.length; i++) {
            made[i] = LogSchema.accessor(components[i]);
        }
        getters = made;
        return made;
    }

    @Override
    public String toString() {
        return name() + ":" + typeName();
    }
}
