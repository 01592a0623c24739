package org.brocapi.analyzer.log;

import java.time.Clock;
import java.util.Map;

/**
 * Writer options, each mirroring a Zeek script option.
 *
 * @param json             {@code LogAscii::use_json}: one JSON object per line, no header lines
 * @param utf8             {@code LogAscii::enable_utf_8} (default T): valid UTF-8 passes unescaped in TSV
 * @param scopeSep         {@code Log::default_scope_sep} (default {@code .}): joins nested names
 * @param fieldNameMap     {@code Log::default_field_name_map}: renames, keyed by the name built
 *                         with {@code scopeSep} (Zeek applies the map after joining)
 * @param jsonTimestamps   {@code LogAscii::json_timestamps}
 * @param jsonIncludeUnset {@code LogAscii::json_include_unset_fields}: unset fields as {@code null}
 * @param clock            wall clock for {@code #open}/{@code #close} (local time of its zone)
 */
public record LogOptions(boolean json, boolean utf8, String scopeSep, Map<String, String> fieldNameMap,
        JsonTimestamps jsonTimestamps, boolean jsonIncludeUnset, Clock clock) {

    /** {@code JSON::TimestampFormat}. */
    public enum JsonTimestamps { EPOCH, MILLIS, MILLIS_UNSIGNED, ISO8601 }

    public LogOptions {
        fieldNameMap = Map.copyOf(fieldNameMap);
        if (scopeSep == null || jsonTimestamps == null || clock == null) {
            throw new IllegalArgumentException("scopeSep, jsonTimestamps and clock are required");
        }
    }

    /** Zeek's defaults: TSV, UTF-8 enabled, scope separator {@code .}, no renames, system clock. */
    public static LogOptions defaults() {
        return new LogOptions(false, true, ".", Map.of(), JsonTimestamps.EPOCH, false, Clock.systemDefaultZone());
    }

    public LogOptions withJson(boolean v) {
        return new LogOptions(v, utf8, scopeSep, fieldNameMap, jsonTimestamps, jsonIncludeUnset, clock);
    }

    public LogOptions withUtf8(boolean v) {
        return new LogOptions(json, v, scopeSep, fieldNameMap, jsonTimestamps, jsonIncludeUnset, clock);
    }

    public LogOptions withScopeSep(String v) {
        return new LogOptions(json, utf8, v, fieldNameMap, jsonTimestamps, jsonIncludeUnset, clock);
    }

    public LogOptions withFieldNameMap(Map<String, String> v) {
        return new LogOptions(json, utf8, scopeSep, v, jsonTimestamps, jsonIncludeUnset, clock);
    }

    public LogOptions withJsonTimestamps(JsonTimestamps v) {
        return new LogOptions(json, utf8, scopeSep, fieldNameMap, v, jsonIncludeUnset, clock);
    }

    public LogOptions withJsonIncludeUnset(boolean v) {
        return new LogOptions(json, utf8, scopeSep, fieldNameMap, jsonTimestamps, v, clock);
    }

    public LogOptions withClock(Clock v) {
        return new LogOptions(json, utf8, scopeSep, fieldNameMap, jsonTimestamps, jsonIncludeUnset, v);
    }

    /** The column names a schema gets under these options: joined with scopeSep, then renamed. */
    public String[] columnNames(LogSchema<?> schema) {
        String[] names = new String[schema.fields().size()];
        for (int i = 0; i < names.length; i++) {
            String n = schema.fields().get(i).name(scopeSep);
            names[i] = fieldNameMap.getOrDefault(n, n);
        }
        return names;
    }
}
