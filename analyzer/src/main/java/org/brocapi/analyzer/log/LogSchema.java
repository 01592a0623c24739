package org.brocapi.analyzer.log;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The columns of one log, derived from a {@code …LogEntry} record: component order is column
 * order (Zeek's record declaration order), nested records are flattened ({@code id.orig_h}),
 * {@link Column} overrides names and types, and the element type of a List/Set column comes from
 * its generic parameter. The reflection runs once per record class (cached); building a schema
 * for another set of enabled features only filters that cached list.
 *
 * <p>Optional columns: a component annotated {@code @Column(feature = "mac-logging")} exists only
 * when the schema is built with that feature enabled, mirroring Zeek where a policy script's
 * {@code redef record Conn::Info += {…}} adds columns only when the script is loaded. Declare such
 * components where Zeek appends them (usually last).
 *
 * <pre>{@code
 * record ConnId(@Column(type = ZeekType.ADDR) byte[] origH, @Column(type = ZeekType.PORT) int origP,
 *               @Column(type = ZeekType.ADDR) byte[] respH, @Column(type = ZeekType.PORT) int respP) {}
 * record ConnLogEntry(@Column(type = ZeekType.TIME) double ts, String uid, ConnId id,
 *                     @Column(type = ZeekType.ENUM) String proto,
 *                     String service,                          // Zeek 8: a string "ftp,ssl"
 *                     @Column(type = ZeekType.INTERVAL) Double duration, Long origBytes,
 *                     @Column(type = ZeekType.SET) List<String> tunnelParents,
 *                     @Column(feature = "mac-logging") String origL2Addr) {}
 * LogSchema<ConnLogEntry> s = LogSchema.of(ConnLogEntry.class, Set.of("mac-logging"));
 * }</pre>
 */
public final class LogSchema<R extends Record> {
    private static final ClassValue<List<LogField>> ALL_FIELDS = new ClassValue<>() {
        @Override
        protected List<LogField> computeValue(Class<?> type) {
            List<LogField> out = new ArrayList<>();
            collect(type, new ArrayList<>(), new ArrayList<>(), new RecordComponent[0], out);
            return List.copyOf(out);
        }
    };

    /** Spun accessors by record accessor method, shared by every schema and column reading it. */
    private static final Map<Method, Function<Object, Object>> ACCESSORS = new ConcurrentHashMap<>();

    /** Generated accessor tables by record class (see {@link #accessor}); empty when there is none. */
    private static final ClassValue<Optional<List<Function<Object, Object>>>> TABLES = new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected Optional<List<Function<Object, Object>>> computeValue(Class<?> record) {
            String name = record.getName() + "_LogAccessors";
            try {
                Class<?> t = Class.forName(name, true, record.getClassLoader());
                var table = (List<Function<Object, Object>>) t.getField("ACCESSORS").get(null);
                if (table.size() != record.getRecordComponents().length) {
                    throw new IllegalStateException(name + " does not match " + record.getName() + ": rebuild");
                }
                return Optional.of(table);
            } catch (ClassNotFoundException e) {
                return Optional.empty();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("reading " + name, e);
            }
        }
    };

    private final Class<R> recordType;
    private final Predicate<String> featureEnabled;
    /** The enabled features when given as a set (null for a predicate): lets {@link #sameAs} skip deriving. */
    private final Set<String> features;
    /** The kept columns; null until first asked for in a {@link #deferred} schema. */
    private volatile List<LogField> fields;

    private LogSchema(Class<R> recordType, Predicate<String> featureEnabled, Set<String> features) {
        this.recordType = recordType;
        this.featureEnabled = featureEnabled;
        this.features = features;
    }

    /** The schema with no optional features enabled: only columns without a feature. */
    public static <R extends Record> LogSchema<R> of(Class<R> recordType) {
        return of(recordType, Set.of());
    }

    public static <R extends Record> LogSchema<R> of(Class<R> recordType, Set<String> enabledFeatures) {
        LogSchema<R> s = deferred(recordType, enabledFeatures);
        s.fields();
        return s;
    }

    /** The schema, derived (and so checked) now: a record that cannot be a log fails here. */
    public static <R extends Record> LogSchema<R> of(Class<R> recordType, Predicate<String> featureEnabled) {
        LogSchema<R> s = new LogSchema<>(recordType, featureEnabled, null);
        s.fields();
        return s;
    }

    /**
     * The same schema, derived only when first needed (the stream's first row). Deriving reads
     * the record's components and annotations by reflection, about 4 ms per log in a fresh JVM;
     * an analysis opens some twenty logs and writes few of them. For records that
     * {@code LogSchemaTest} checks, so a bad one cannot wait to fail at a first row.
     */
    public static <R extends Record> LogSchema<R> deferred(Class<R> recordType, Set<String> enabledFeatures) {
        Set<String> copy = Set.copyOf(enabledFeatures);
        return new LogSchema<>(recordType, copy::contains, copy);
    }

    /**
     * Whether both schemas have the same columns: the same record and feature set need no
     * deriving (two analyzers opening the same log), anything else compares the columns.
     */
    public boolean sameAs(LogSchema<?> other) {
        if (recordType != other.recordType) return false;
        if (features != null && features.equals(other.features)) return true;
        return fields().equals(other.fields());
    }

    public Class<R> recordType() {
        return recordType;
    }

    public List<LogField> fields() {
        List<LogField> f = fields;
        if (f == null) {
            List<LogField> kept = new ArrayList<>();
            for (LogField c : ALL_FIELDS.get(recordType)) {
                if (c.features().stream().allMatch(featureEnabled)) {
                    kept.add(c);
                }
            }
            fields = f = List.copyOf(kept);
        }
        return f;
    }

    /** Every feature name some column of {@code recordType} declares. */
    public static Set<String> features(Class<? extends Record> recordType) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (LogField f : ALL_FIELDS.get(recordType)) {
            out.addAll(f.features());
        }
        return out;
    }

    private static void collect(Class<?> type, List<String> prefix, List<String> features,
            RecordComponent[] getters,
            List<LogField> out) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        for (RecordComponent rc : type.getRecordComponents()) {
            Column col = rc.getAnnotation(Column.class);
            String name = col != null && !col.name().isEmpty() ? col.name() : snakeCase(rc.getName());
            ZeekType declared = col != null ? col.type() : ZeekType.AUTO;
            ZeekType declaredElement = col != null ? col.element() : ZeekType.AUTO;
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            List<String> feats = new ArrayList<>(features);
            if (col != null && !col.feature().isEmpty()) {
                feats.add(col.feature());
            }
            RecordComponent[] chain = java.util.Arrays.copyOf(getters, getters.length + 1);
            chain[getters.length] = rc;
            Class<?> raw = rc.getType();
            String where = type.getSimpleName() + "." + rc.getName();

            if (Collection.class.isAssignableFrom(raw) || declared == ZeekType.SET || declared == ZeekType.VECTOR) {
                ZeekType container = declared;
                if (container == ZeekType.AUTO) {
                    container = Set.class.isAssignableFrom(raw) ? ZeekType.SET : ZeekType.VECTOR;
                }
                if (container != ZeekType.SET && container != ZeekType.VECTOR) {
                    throw new IllegalArgumentException(where + ": a collection column is a set or a vector, not "
                            + container + " (use element = … for the element type)");
                }
                if (!Collection.class.isAssignableFrom(raw)) {
                    throw new IllegalArgumentException(where + ": a " + container + " column must be a List or Set");
                }
                ZeekType element = declaredElement;
                if (element == ZeekType.AUTO) {
                    element = inferElement(rc.getGenericType(), where);
                } else if (rc.getGenericType() instanceof ParameterizedType p
                        && p.getActualTypeArguments()[0] instanceof Class<?> c) {
                    checkCompatible(element, c, where);
                }
                out.add(new LogField(path, container, element, feats, chain));
            } else if (raw.isRecord() && declared == ZeekType.AUTO) {
                collect(raw, path, feats, chain, out);
            } else {
                ZeekType t = declared != ZeekType.AUTO ? declared : infer(raw);
                if (t == null) {
                    throw new IllegalArgumentException(where + ": cannot infer a Zeek type for " + raw.getName()
                            + "; declare it with @Column(type = …)");
                }
                checkCompatible(t, raw, where);
                out.add(new LogField(path, t, ZeekType.AUTO, feats, chain));
            }
        }
    }

    /**
     * A {@code Function} reading the component: from the record's generated accessor table
     * ({@code <Record>_LogAccessors}, written at compile time by brocapi-log-processor for every
     * {@code …LogEntry} record and the records it nests), else spun by LambdaMetafactory. Both are
     * real classes the JIT inlines like a lambda, unlike a non-constant MethodHandle, which costs a
     * lot per row; but a spun one costs about a millisecond in every new JVM, where the generated
     * ones come linked from the AOT cache. One accessor serves every column reading the same
     * component (ConnId's four in each log).
     */
    static Function<Object, Object> accessor(RecordComponent rc) {
        return ACCESSORS.computeIfAbsent(rc.getAccessor(), m -> {
            Function<Object, Object> g = generated(rc);
            return g != null ? g : spin(m);
        });
    }

    /** Whether {@code type} has a generated accessor table. */
    static boolean hasGeneratedAccessors(Class<?> type) {
        return TABLES.get(type).isPresent();
    }

    /** The generated accessor of {@code rc}, or null when its record has no accessor table. */
    private static Function<Object, Object> generated(RecordComponent rc) {
        Class<?> record = rc.getDeclaringRecord();
        List<Function<Object, Object>> table = TABLES.get(record).orElse(null);
        if (table == null) return null;
        RecordComponent[] all = record.getRecordComponents();
        for (int i = 0; i < all.length; i++) {
            if (all[i].getName().equals(rc.getName())) return table.get(i);
        }
        throw new IllegalStateException(record.getName() + " has no component " + rc.getName());
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, Object> spin(Method m) {
        try {
            var lookup = MethodHandles.privateLookupIn(m.getDeclaringClass(), MethodHandles.lookup());
            MethodHandle h = lookup.unreflect(m);
            var site = LambdaMetafactory.metafactory(lookup, "apply", MethodType.methodType(Function.class),
                    MethodType.methodType(Object.class, Object.class), h,
                    MethodType.methodType(h.type().returnType().isPrimitive()
                            ? MethodType.methodType(h.type().returnType()).wrap().returnType()
                            : h.type().returnType(), m.getDeclaringClass()));
            return (Function<Object, Object>) site.getTarget().invoke();
        } catch (Throwable e) {
            throw new IllegalArgumentException("cannot read record component " + m, e);
        }
    }

    private static ZeekType inferElement(Type generic, String where) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            ZeekType t = infer(c);
            if (t != null) {
                return t;
            }
        }
        throw new IllegalArgumentException(where + ": cannot infer the element type of " + generic
                + "; declare it with @Column(element = …)");
    }

    static ZeekType infer(Class<?> c) {
        if (c == String.class || c == byte[].class) {
            return ZeekType.STRING;
        }
        if (c == boolean.class || c == Boolean.class) {
            return ZeekType.BOOL;
        }
        if (c == int.class || c == long.class || c == Integer.class || c == Long.class
                || c == short.class || c == Short.class) {
            return ZeekType.COUNT;
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return ZeekType.DOUBLE;
        }
        if (InetAddress.class.isAssignableFrom(c)) {
            return ZeekType.ADDR;
        }
        if (c.isEnum()) {
            return ZeekType.ENUM;
        }
        return null;
    }

    // fail when the schema is built, not with a ClassCastException on some row much later
    private static void checkCompatible(ZeekType t, Class<?> c, String where) {
        Class<?> b = c.isPrimitive() ? java.lang.invoke.MethodType.methodType(c).wrap().returnType() : c;
        boolean integral = b == Integer.class || b == Long.class || b == Short.class || b == Byte.class;
        boolean ok = switch (t) {
            case TIME, INTERVAL, DOUBLE -> Number.class.isAssignableFrom(b);
            case COUNT, INT, PORT -> integral;
            case BOOL -> b == Boolean.class;
            case ADDR -> InetAddress.class.isAssignableFrom(b) || b == byte[].class;
            case SUBNET -> CharSequence.class.isAssignableFrom(b);
            case STRING, ENUM -> CharSequence.class.isAssignableFrom(b) || b == byte[].class || b.isEnum();
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException(where + ": a Java " + c.getSimpleName() + " cannot hold a Zeek "
                    + t.zeekName());
        }
    }

    /** {@code origBytes} → {@code orig_bytes}, {@code respL2Addr} → {@code resp_l2_addr}. */
    static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return recordType.getSimpleName() + fields;
    }
}
