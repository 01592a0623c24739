package org.brocapi.analyzer.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every value of every Zeek baseline log in the conformance corpus (when the corpus is on this
 * machine; nothing of it is committed), read back into a Java value and written again, must come
 * out byte-identical. Exercises the formatters on real Zeek output: doubles, times, addresses,
 * escaped strings, sets and vectors.
 */
class ZeekBaselineRoundTripTest {
    private static final Path CORPUS = org.brocapi.analyzer.testing.Corpus.dir().resolve("baselines");

    record Raw(byte[] s) {}

    record RawVec(@Column(type = ZeekType.VECTOR) List<byte[]> v) {}

    @Test
    void everyBaselineValueRoundTrips() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS), "conformance corpus not on this machine");
        List<Path> files;
        try (Stream<Path> s = Files.walk(CORPUS)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        List<String> mismatches = new ArrayList<>();
        long checked = 0;
        ZeekTsvWriter str = new ZeekTsvWriter("x", LogSchema.of(Raw.class), LogOptions.defaults());
        ZeekTsvWriter vec = new ZeekTsvWriter("x", LogSchema.of(RawVec.class), LogOptions.defaults());
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
            String[] types = null;
            for (String line : lines) {
                if (line.startsWith("#types\t")) {
                    types = line.substring(7).split("\t", -1);
                    continue;
                }
                if (types == null || line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] vals = line.split("\t", -1);
                if (vals.length != types.length) {
                    continue;
                }
                for (int i = 0; i < vals.length; i++) {
                    String v = vals[i];
                    if (v.equals("-") || v.contains("XXX") || (i == 0 && v.startsWith("\\x23"))) {
                        continue;
                    }
                    String got = render(types[i], v, str, vec);
                    if (got == null) {
                        continue;
                    }
                    checked++;
                    if (!got.equals(v)) {
                        mismatches.add(f.getParent().getFileName() + "/" + f.getFileName() + " " + types[i] + ": "
                                + v + " -> " + got);
                    }
                }
            }
        }
        System.out.println("baseline values round-tripped: " + checked);
        assertThat(checked).isGreaterThan(10_000);
        assertThat(mismatches).isEmpty();
    }

    /** Our rendering of the parsed value, as ISO-8859-1 text like the file was read; null when not parseable. */
    private static String render(String type, String v, ZeekTsvWriter str, ZeekTsvWriter vec) {
        LineBuffer b = new LineBuffer();
        try {
            switch (type) {
                case "time", "interval" -> ZeekText.time(b, Double.parseDouble(v));
                case "double" -> ZeekText.dbl(b, Double.parseDouble(v));
                case "count", "port" -> b.unsignedDecimal(Long.parseUnsignedLong(v));
                case "int" -> b.decimal(Long.parseLong(v));
                case "addr" -> ZeekText.addr(b, literal(v));
                case "string", "enum" -> {
                    str.row(new Raw(v.equals("(empty)") ? new byte[0] : unescape(v)), b);
                    b.truncate(b.size() - 1);
                }
                case "set[string]", "set[enum]", "vector[string]" -> {
                    List<byte[]> elems = new ArrayList<>();
                    if (!v.equals("(empty)")) {
                        for (String e : v.split(",", -1)) {
                            elems.add(e.equals("(empty)") ? new byte[0] : unescape(e));
                        }
                    }
                    vec.row(new RawVec(elems), b);
                    b.truncate(b.size() - 1);
                }
                case "vector[interval]" -> {
                    String[] parts = v.split(",");
                    for (int i = 0; i < parts.length; i++) {
                        if (i > 0) {
                            b.append((byte) ',');
                        }
                        ZeekText.time(b, Double.parseDouble(parts[i]));
                    }
                }
                case "vector[addr]" -> {
                    String[] parts = v.split(",");
                    for (int i = 0; i < parts.length; i++) {
                        if (i > 0) {
                            b.append((byte) ',');
                        }
                        ZeekText.addr(b, literal(parts[i]));
                    }
                }
                default -> {
                    return null;
                }
            }
        } catch (NumberFormatException | IOException e) {
            return null;
        }
        return new String(b.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    // only address literals: InetAddress.getByName would resolve anything else through DNS
    private static byte[] literal(String v) throws IOException {
        return org.brocapi.analyzer.testing.ZeekLogValues.addressLiteral(v);
    }

    private static byte[] unescape(String s) {
        return org.brocapi.analyzer.testing.ZeekLogValues.unescape(s);
    }
}
