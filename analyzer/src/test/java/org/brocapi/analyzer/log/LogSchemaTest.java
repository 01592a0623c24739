package org.brocapi.analyzer.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogSchemaTest {
    record Id(InetAddress origH, @Column(type = ZeekType.PORT) int origP) {}

    record Tunnel(String parent, @Column(name = "kind") String tunnelType) {}

    record Entry(@Column(type = ZeekType.TIME) double ts, Id id, Set<String> tags, List<Long> sizes,
            @Column(feature = "mac-logging") String origL2Addr, @Column(feature = "mac-logging") String respL2Addr,
            @Column(feature = "community-id") String communityId,
            @Column(feature = "tunnels") Tunnel tunnel) {}

    private static List<String> names(LogSchema<?> s) {
        return s.fields().stream().map(LogField::name).toList();
    }

    @Test
    void componentsBecomeColumnsInOrderFlattenedAndSnakeCased() {
        LogSchema<Entry> s = LogSchema.of(Entry.class);
        assertThat(names(s)).containsExactly("ts", "id.orig_h", "id.orig_p", "tags", "sizes");
        assertThat(s.fields().stream().map(LogField::typeName).toList())
                .containsExactly("time", "addr", "port", "set[string]", "vector[count]");
    }

    @Test
    void optionalColumnsExistOnlyWithTheirFeature() {
        assertThat(names(LogSchema.of(Entry.class, Set.of("mac-logging"))))
                .containsExactly("ts", "id.orig_h", "id.orig_p", "tags", "sizes", "orig_l2_addr", "resp_l2_addr");
        assertThat(names(LogSchema.of(Entry.class, f -> true))).containsExactly("ts", "id.orig_h", "id.orig_p", "tags",
                "sizes", "orig_l2_addr", "resp_l2_addr", "community_id", "tunnel.parent", "tunnel.kind");
        assertThat(LogSchema.features(Entry.class)).containsExactly("mac-logging", "community-id", "tunnels");
    }

    @Test
    void reflectionIsCachedPerRecordClass() {
        LogField a = LogSchema.of(Entry.class).fields().get(0);
        LogField b = LogSchema.of(Entry.class, Set.of("mac-logging")).fields().get(0);
        assertThat(a).isSameAs(b);
    }

    @Test
    void nestedValuesAreReadAndNullOuterIsUnset() throws Exception {
        LogSchema<Entry> s = LogSchema.of(Entry.class, f -> true);
        Entry e = new Entry(1.0, new Id(InetAddress.getByName("10.1.2.3"), 53), Set.of(), List.of(), "aa", null, null,
                null);
        assertThat(s.fields().get(2).get(e)).isEqualTo(53);
        assertThat(s.fields().get(8).get(e)).isNull();
    }

    @Test
    void columnNamesHonourScopeSepAndRenames() {
        LogOptions o = LogOptions.defaults().withScopeSep("_").withFieldNameMap(Map.of("id_orig_h", "src"));
        assertThat(o.columnNames(LogSchema.of(Entry.class))).containsExactly("ts", "src", "id_orig_p", "tags", "sizes");
    }

    record NoType(Object thing) {}

    record BadSet(@Column(type = ZeekType.SET) String notACollection) {}

    record RawList(@SuppressWarnings("rawtypes") List things) {}

    record TimeAsString(@Column(type = ZeekType.TIME) String ts) {}

    record PortAsDouble(@Column(type = ZeekType.PORT) double p) {}

    record VectorOfAddrAsStrings(@Column(element = ZeekType.ADDR) List<String> v) {}

    @Test
    void javaTypeMustFitTheDeclaredZeekType() {
        assertThatThrownBy(() -> LogSchema.of(TimeAsString.class)).hasMessageContaining("TimeAsString.ts")
                .hasMessageContaining("String cannot hold a Zeek time");
        assertThatThrownBy(() -> LogSchema.of(PortAsDouble.class)).hasMessageContaining("cannot hold a Zeek port");
        assertThatThrownBy(() -> LogSchema.of(VectorOfAddrAsStrings.class)).hasMessageContaining("Zeek addr");
    }

    @Test
    void undeclarableTypesAreClearErrors() {
        assertThatThrownBy(() -> LogSchema.of(NoType.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NoType.thing").hasMessageContaining("@Column(type");
        assertThatThrownBy(() -> LogSchema.of(BadSet.class)).hasMessageContaining("must be a List or Set");
        assertThatThrownBy(() -> LogSchema.of(RawList.class)).hasMessageContaining("element type");
    }

    @Test
    void aDeferredSchemaIsDerivedOnFirstUseAndFailsThere() {
        LogSchema<NoType> bad = LogSchema.deferred(NoType.class, Set.of());
        assertThat(bad.recordType()).isEqualTo(NoType.class);
        assertThatThrownBy(bad::fields).hasMessageContaining("NoType.thing");
        assertThat(names(LogSchema.deferred(Entry.class, Set.of("mac-logging"))))
                .isEqualTo(names(LogSchema.of(Entry.class, Set.of("mac-logging"))));
    }

    @Test
    void twoRequestsForTheSameRecordAndFeaturesAreTheSameSchemaWithoutDerivingIt() {
        // NoType cannot be derived: sameAs must not try
        assertThat(LogSchema.deferred(NoType.class, Set.of()).sameAs(LogSchema.deferred(NoType.class, Set.of()))).isTrue();
        assertThat(LogSchema.deferred(Entry.class, Set.of("mac-logging"))
                .sameAs(LogSchema.deferred(Entry.class, Set.of()))).isFalse();
        assertThat(LogSchema.deferred(Entry.class, Set.of("no-such-feature"))
                .sameAs(LogSchema.of(Entry.class, f -> false))).as("same columns, derived").isTrue();
        assertThat(LogSchema.deferred(Entry.class, Set.of()).sameAs(LogSchema.deferred(Id.class, Set.of()))).isFalse();
    }

    /** The analyzer opens its logs with deferred schemas: every log record is derived here instead. */
    @Test
    void everyLogEntryRecordOfTheAnalyzerIsAValidLog() throws Exception {
        Path classes = Path.of("target", "classes");
        List<String> names;
        try (var walk = Files.walk(classes)) {
            names = walk.map(p -> classes.relativize(p).toString())
                    .filter(n -> n.endsWith("LogEntry.class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(20);
        for (String n : names) {
            Class<? extends Record> type = Class.forName(n).asSubclass(Record.class);
            LogSchema<?> all = LogSchema.of(type, f -> true);
            assertThat(all.fields()).as(n).isNotEmpty();
            for (LogField f : all.fields()) assertThat(f.name()).as(n).isNotBlank();
            // brocapi-log-processor wrote its accessor table (no class spinning at run time)
            assertThat(LogSchema.hasGeneratedAccessors(type)).as(n + "_LogAccessors").isTrue();
        }
    }

    /** The processor also ran on this test source: the table reads the same values as the record. */
    record SampleLogEntry(@Column(type = ZeekType.TIME) double ts, Id id, Set<String> tags, long n) {}

    record Plain(String a) {}

    @Test
    void generatedAccessorTablesReadEachComponentInOrder() throws Exception {
        assertThat(LogSchema.hasGeneratedAccessors(SampleLogEntry.class)).isTrue();
        assertThat(LogSchema.hasGeneratedAccessors(Id.class)).as("nested in a LogEntry").isTrue();
        assertThat(LogSchema.hasGeneratedAccessors(Plain.class)).as("not a LogEntry").isFalse();
        var row = new SampleLogEntry(1.5, new Id(InetAddress.getByName("10.0.0.1"), 80), Set.of("x"), 7L);
        LogSchema<SampleLogEntry> s = LogSchema.of(SampleLogEntry.class);
        assertThat(s.fields().stream().map(f -> f.get(row)).toList())
                .containsExactly(1.5, InetAddress.getByName("10.0.0.1"), 80, Set.of("x"), 7L);
        // a record without a table reads through spun accessors, with the same results
        assertThat(LogSchema.of(Plain.class).fields().getFirst().get(new Plain("v"))).isEqualTo("v");
    }

    @Test
    void snakeCase() {
        assertThat(LogSchema.snakeCase("respL2Addr")).isEqualTo("resp_l2_addr");
        assertThat(LogSchema.snakeCase("ts")).isEqualTo("ts");
        assertThat(LogSchema.snakeCase("origIpBytes")).isEqualTo("orig_ip_bytes");
    }
}
