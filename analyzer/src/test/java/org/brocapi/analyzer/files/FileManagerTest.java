package org.brocapi.analyzer.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.conn.LocalNets;
import org.junit.jupiter.api.Test;

class FileManagerTest {
    private static final FilePolicy DEFAULTS = FilePolicy.defaults();
    private static final FilePolicy HASH_ALL = DEFAULTS.withScripts(true, false, true);
    // well-known digests of this sentence (RFC 1321 / FIPS 180 example texts)
    private static final byte[] FOX = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
    private static final String FOX_MD5 = "9e107d9d372bb6826bd81d3542a419d6";
    private static final String FOX_SHA1 = "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12";

    /**
     * Zeek 8's files.log for testing/btest scripts/base/frameworks/file-analysis/big-bof-buffer
     * (http/get.trace) shows fuid FMnxxt3xjVcWNS2141 for the response body of the connection
     * 141.142.228.5:59856 → 192.150.187.43:80 whose first packet is at 1362692526.869344. HTTP's
     * get_file_handle is cat(ANALYZER_HTTP, c$start_time, is_orig, trans_depth, mime_depth, id_string(c$id)).
     */
    @Test
    void httpBodyHandleHashesToZeeksFuid() {
        var h = new FileHarness(DEFAULTS).at(1362692526.869344);
        Connection c = h.tcp("141.142.228.5", 59856, "192.150.187.43", 80);
        String handle = new FileHandle().add("Analyzer::ANALYZER_HTTP").time(c.startTime).add(false).add(1).add(1)
                .idString(c).toString();
        assertThat(handle).isEqualTo("Analyzer::ANALYZER_HTTP1362692526.869344F11141.142.228.5:59856 > 192.150.187.43:80");
        assertThat(FileManager.fuid(handle)).isEqualTo("FMnxxt3xjVcWNS2141");
        assertThat(h.files.fuidOf(handle)).isEqualTo("FMnxxt3xjVcWNS2141");
    }

    @Test
    void catRendersTimesLikeZeek() {
        assertThat(new FileHandle().time(1362692526.8693).toString()).isEqualTo("1362692526.8693");
        assertThat(new FileHandle().time(1362692526.0).toString()).isEqualTo("1362692526.0");
        assertThat(new FileHandle().add(true).add(0).toString()).isEqualTo("T0");
    }

    @Test
    void digestSaltKeysTheIds() {
        var salted = new FileHarness(new FilePolicy(4096, 120, "another salt", true, 524288, false, false, false, false));
        assertThat(salted.files.fuidOf("x")).isNotEqualTo(FileManager.fuid("x")).startsWith("F");
        assertThat(FileManager.fuid("x")).isEqualTo(FileManager.fuid("x")).isNotEqualTo(FileManager.fuid("y"));
    }

    @Test
    void aFileWithKnownSizeIsLoggedWhenItsLastByteArrives() {
        var h = new FileHarness(HASH_ALL).at(100.0);
        Connection c = h.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
        h.at(100.5);
        FileState f = h.files.setSize("H1", "HTTP", c, false, h, FOX.length);
        assertThat(f).isNotNull();
        h.files.dataIn("H1", "HTTP", c, false, h, FOX, 0, 10);
        h.at(100.75);
        assertThat(h.rows).isEmpty();
        assertThat(h.files.dataIn("H1", "HTTP", c, false, h, FOX, 10, FOX.length - 10)).isNull();

        assertThat(h.events).containsExactly("over " + f.fuid() + " false", "sniff text/plain");
        assertThat(h.rows).hasSize(1);
        FilesLogEntry r = h.row(0);
        assertThat(r.ts()).isEqualTo(100.5);
        assertThat(r.duration()).isEqualTo(0.25);
        assertThat(r.uid()).isEqualTo(c.uid());
        assertThat(r.id().origP()).isEqualTo(40000);
        assertThat(r.source()).isEqualTo("HTTP");
        assertThat(r.isOrig()).isFalse();
        assertThat(r.localOrig()).isNull(); // Site::local_nets is empty in this run
        assertThat(r.seenBytes()).isEqualTo(FOX.length);
        assertThat(r.totalBytes()).isEqualTo(FOX.length);
        assertThat(r.mimeType()).isEqualTo("text/plain");
        assertThat(r.analyzers()).containsExactly("SHA1", "MD5");
        assertThat(r.md5()).isEqualTo(FOX_MD5);
        assertThat(r.sha1()).isEqualTo(FOX_SHA1);
        assertThat(r.sha256()).isNull();
        assertThat(r.timedout()).isFalse();
        assertThat(h.files.activeFiles()).isZero();
    }

    @Test
    void theSniffRunsOnceOnTheFirstBofBufferBytes() {
        var small = new FilePolicy(16, 120, FilePolicy.DEFAULT_DIGEST_SALT, true, 524288, false, false, false, false);
        var h = new FileHarness(small);
        Connection c = h.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
        byte[] body = "<html><body>0123456789 and much more".getBytes(StandardCharsets.US_ASCII);
        h.files.dataIn("H", "HTTP", c, false, h, body, 0, 8);
        assertThat(h.events).hasSize(1); // the bof buffer is not full yet
        h.files.dataIn("H", "HTTP", c, false, h, body, 8, 20);
        h.files.dataIn("H", "HTTP", c, false, h, body, 28, body.length - 28);
        h.files.endOfFile("H");
        assertThat(h.events).endsWith("sniff text/html").filteredOn(e -> e.startsWith("sniff")).hasSize(1);
        assertThat(h.row(0).seenBytes()).isEqualTo(body.length);
        assertThat(h.row(0).totalBytes()).isNull();
    }

    @Test
    void anEmptyFileIsNeverSniffed() {
        var h = new FileHarness(HASH_ALL);
        Connection c = h.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
        h.files.dataIn("E", "HTTP", c, true, h, new byte[0], 0, 0);
        h.files.endOfFile("E");
        assertThat(h.events).hasSize(1).allMatch(e -> e.startsWith("over"));
        FilesLogEntry r = h.row(0);
        assertThat(r.mimeType()).isNull();
        assertThat(r.md5()).isNull(); // Zeek's hash analyzers report nothing for no data
        assertThat(r.analyzers()).containsExactly("SHA1", "MD5");
        assertThat(r.isOrig()).isTrue();
    }

    @Test
    void aGapCostsTheHashesButNotTheRow() {
        var h = new FileHarness(HASH_ALL);
        Connection c = h.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
        h.files.dataIn("G", "HTTP", c, false, h, FOX, 0, 20);
        h.files.gap("G", 100);
        h.files.dataIn("G", "HTTP", c, false, h, FOX, 20, 5);
        h.files.endOfFile("G");
        FilesLogEntry r = h.row(0);
        assertThat(r.missingBytes()).isEqualTo(100);
        assertThat(r.seenBytes()).isEqualTo(25);
        assertThat(r.md5()).isNull();
        assertThat(r.sha1()).isNull();
        // the gap filled the bof buffer early: the sniff ran on the 20 bytes before it
        assertThat(r.mimeType()).isEqualTo("text/plain");
    }

    @Test
    void anIdleFileTimesOutAndActivityPostponesIt() {
        var h = new FileHarness(DEFAULTS).at(1000.0);
        Connection c = h.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
        h.files.dataIn("T", "HTTP", c, false, h, FOX, 0, 5);
        h.at(1100.0);
        h.files.dataIn("T", "HTTP", c, false, h, FOX, 5, 5);
        h.at(1120.0); // the first check: active 20 s ago, so a new timer for 1240
        h.at(1239.9);
        assertThat(h.rows).isEmpty();
        h.at(1240.0);
        assertThat(h.rows).hasSize(1);
        FilesLogEntry r = h.row(0);
        assertThat(r.timedout()).isTrue();
        assertThat(r.duration()).isEqualTo(100.0);
        assertThat(r.seenBytes()).isEqualTo(10);
    }

    @Test
    void theEndOfInputTimesOutTheOpenFilesInFuidOrder() {
        var h = new FileHarness(DEFAULTS).at(5.0);
        Connection c = h.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
        for (String handle : List.of("a", "b", "c", "d")) h.files.dataIn(handle, "HTTP", c, false, h, FOX, 0, 3);
        h.table.finish();
        assertThat(h.rows).isEmpty(); // not idle long enough for the expiring timers
        h.files.finish();
        assertThat(h.rows).extracting(FilesLogEntry::fuid).isSorted().hasSize(4);
        assertThat(h.rows).allMatch(FilesLogEntry::timedout);
    }

    @Test
    void chunksAheadOfTheStreamWaitForTheHole() {
        var h = new FileHarness(HASH_ALL);
        Connection c = h.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
        h.files.setSize("R", "HTTP", c, false, h, FOX.length);
        h.files.dataInAt("R", "HTTP", c, false, h, 20, FOX, 20, FOX.length - 20);
        assertThat(h.files.lookup(FileManager.fuid("R")).seenBytes()).isZero();
        h.files.dataInAt("R", "HTTP", c, false, h, 0, FOX, 0, 20);
        FilesLogEntry r = h.row(0);
        assertThat(r.seenBytes()).isEqualTo(FOX.length);
        assertThat(r.missingBytes()).isZero();
        assertThat(r.md5()).isEqualTo(FOX_MD5);
    }

    @Test
    void anUnfilledHoleBecomesMissingBytesAtTheEnd() {
        var h = new FileHarness(DEFAULTS);
        Connection c = h.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
        h.files.dataInAt("R", "HTTP", c, false, h, 0, FOX, 0, 10);
        h.files.dataInAt("R", "HTTP", c, false, h, 30, FOX, 30, 5);
        h.files.endOfFile("R");
        assertThat(h.row(0).seenBytes()).isEqualTo(15);
        assertThat(h.row(0).missingBytes()).isEqualTo(20);
    }

    @Test
    void withoutReassemblyOutOfOrderDataIsOverflow() {
        var noReassembly = new FilePolicy(4096, 120, FilePolicy.DEFAULT_DIGEST_SALT, false, 524288, false, false, false, false);
        var h = new FileHarness(noReassembly);
        Connection c = h.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
        h.files.dataInAt("O", "HTTP", c, false, h, 7, FOX, 7, 10);
        h.files.endOfFile("O");
        assertThat(h.row(0).overflowBytes()).isEqualTo(10);
        assertThat(h.row(0).seenBytes()).isZero();
    }

    @Test
    void oneFileOverTwoConnectionsGetsOneRowPerConnection() {
        var h = new FileHarness(DEFAULTS);
        Connection c1 = h.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
        Connection c2 = h.tcp("10.0.0.1", 40001, "10.0.0.2", 80);
        h.files.dataInAt("S", "HTTP", c1, false, h, 0, FOX, 0, 10);
        h.files.dataInAt("S", "HTTP", c2, false, h, 10, FOX, 10, 10);
        // in-order data never adds a connection (Manager::DataIn without offset)
        Connection c3 = h.tcp("10.0.0.1", 40002, "10.0.0.2", 80);
        h.files.dataIn("S", "HTTP", c3, false, h, FOX, 20, 5);
        h.files.endOfFile("S");
        assertThat(h.events).filteredOn(e -> e.startsWith("over")).hasSize(2);
        assertThat(h.rows).extracting(FilesLogEntry::uid).containsExactly(c1.uid(), c2.uid());
        assertThat(h.rows).extracting(FilesLogEntry::seenBytes).containsOnly(25L);
    }

    @Test
    void localOrigFollowsTheSendingSideWhenLocalNetsAreKnown() {
        var h = new FileHarness(DEFAULTS, LocalNets.of(List.of("10.0.0.0/8"), false), java.util.Map.of());
        Connection c = h.tcp("192.0.2.1", 40000, "10.0.0.2", 80);
        h.files.dataIn("L1", "HTTP", c, false, h, FOX, 0, 5);
        h.files.dataIn("L2", "HTTP", c, true, h, FOX, 0, 5);
        h.files.endOfFile("L1");
        h.files.endOfFile("L2");
        assertThat(h.row(0).localOrig()).isTrue();  // sent by the responder 10.0.0.2
        assertThat(h.row(1).localOrig()).isFalse(); // sent by the originator 192.0.2.1
    }

    @Test
    void aTypeGivenByTheProtocolReplacesSniffingAndAttachesItsAnalyzers() {
        var logX509 = new FilePolicy(4096, 120, FilePolicy.DEFAULT_DIGEST_SALT, true, 524288, true, false, false, true);
        var h = new FileHarness(logX509, LocalNets.of(List.of(), false), FileManager.mimeAnalyzers(true, false));
        Connection c = h.tcp("10.0.0.1", 40000, "10.0.0.2", 443);
        h.files.dataIn("X", "SSL", c, false, h, "application/x-x509-user-cert", FOX, 0, FOX.length);
        h.files.endOfFile("X");
        assertThat(h.events).endsWith("sniff application/x-x509-user-cert");
        FilesLogEntry r = h.row(0);
        assertThat(r.mimeType()).isEqualTo("application/x-x509-user-cert");
        assertThat(r.md5()).isEqualTo(FOX_MD5);
        assertThat(r.sha1()).isEqualTo(FOX_SHA1);
        assertThat(r.sha256()).isEqualTo("d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
    }

    @Test
    void certificatesStayOutOfFilesLogByDefault() {
        var h = new FileHarness(DEFAULTS.withScripts(true, false, false), LocalNets.of(List.of(), false),
                FileManager.mimeAnalyzers(true, false));
        Connection c = h.tcp("10.0.0.1", 40000, "10.0.0.2", 443);
        h.files.dataIn("X", "SSL", c, false, h, "application/x-x509-ca-cert", FOX, 0, FOX.length);
        h.files.dataIn("P", "HTTP", c, false, h, FOX, 0, FOX.length);
        h.files.endOfFile("X");
        h.files.endOfFile("P");
        assertThat(h.rows).extracting(FilesLogEntry::source).containsExactly("HTTP");
        assertThat(h.files.activeFiles()).isZero();
    }

    @Test
    void analyzersAddedAtTheSniffCatchUpWithTheBofBufferOnce() {
        // a hash registered for the sniffed type joins mid-stream and must still cover every byte once
        var h = new FileHarness(DEFAULTS, LocalNets.of(List.of(), false),
                java.util.Map.of("text/plain", List.of("MD5")));
        Connection c = h.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
        byte[] big = new byte[6000];
        java.util.Arrays.fill(big, (byte) 'a');
        h.files.dataIn("B", "HTTP", c, false, h, big, 0, 3000);
        h.files.dataIn("B", "HTTP", c, false, h, big, 3000, 3000); // the bof buffer (4096) fills here
        h.files.endOfFile("B");
        assertThat(h.row(0).md5()).isEqualTo(md5Hex(big));
    }

    private static String md5Hex(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
