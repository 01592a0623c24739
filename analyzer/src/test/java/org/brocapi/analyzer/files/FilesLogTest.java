package org.brocapi.analyzer.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.log.LogOptions;
import org.brocapi.analyzer.log.LogOutput;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.script.ScriptConfig;
import org.brocapi.analyzer.script.ZeekInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * files.log as a run writes it: the run's context (script config → FileManager → files.log
 * stream) fed by a tiny protocol of our own, compared as whole text with Zeek's layout (the
 * columns are those of Zeek 8's big-bof-buffer baseline for the same scripts).
 */
class FilesLogTest {
    /**
     * A made-up protocol carrying files: each message is {@code SIZE <n>\n} then n bytes. Its
     * file handle is {@code cat("TOY", c$start_time, is_orig, n-th file)}, as a Zeek
     * get_file_handle would build one; it remembers the fuids as http.log's resp_fuids does.
     */
    static final class ToyAnalyzer implements FileListener {
        final RunContext run;
        final Connection conn;
        final List<String> fuids = new java.util.ArrayList<>();
        final List<String> mimeTypes = new java.util.ArrayList<>();
        private final StringBuilder line = new StringBuilder();
        private long remaining = -1;
        private int count;
        private String handle;

        ToyAnalyzer(RunContext run, Connection conn) {
            this.run = run;
            this.conn = conn;
        }

        void data(boolean isOrig, byte[] b) {
            int i = 0;
            while (i < b.length) {
                if (remaining < 0) {
                    char ch = (char) b[i++];
                    if (ch != '\n') {
                        line.append(ch);
                        continue;
                    }
                    remaining = Long.parseLong(line.substring("SIZE ".length()));
                    line.setLength(0);
                    handle = new FileHandle().add("TOY").time(conn.startTime).add(isOrig).add(++count).toString();
                    run.files().setSize(handle, "TOY", conn, isOrig, this, remaining);
                    if (remaining == 0) remaining = -1;
                    continue;
                }
                int n = (int) Math.min(remaining, b.length - i);
                run.files().dataIn(handle, "TOY", conn, isOrig, this, b, i, n);
                i += n;
                remaining -= n;
                if (remaining == 0) remaining = -1;
            }
        }

        @Override
        public void fileOverConnection(FileState f, boolean isOrig) {
            fuids.add(f.fuid());
            f.filename("file" + count + ".txt");
        }

        @Override
        public void fileSniffed(FileState f, String mimeTypeOrNull) {
            if (mimeTypeOrNull != null) mimeTypes.add(mimeTypeOrNull);
        }
    }

    @Test
    void filesLogWithHashAllFiles(@TempDir Path dir) throws Exception {
        var config = new ScriptConfig(ZeekInvocation.parse(List.of("-b", "-r", "x.pcap", "base/files/hash",
                "base/files/extract", "frameworks/files/hash-all-files")));
        var logs = new LogOutput(dir, LogOptions.defaults().withClock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
        var h = new FileHarness(FilePolicy.defaults()); // for its connection table and timers only
        var table = h.table;
        var run = new RunContext(config, logs, table.timers());
        table.timers().advance(1362692526.869344);
        Connection c = h.tcp("141.142.228.5", 59856, "192.150.187.43", 80);
        var toy = new ToyAnalyzer(run, c);

        table.timers().advance(1362692527.0);
        toy.data(false, ("SIZE 43\nThe quick brown fox").getBytes(StandardCharsets.US_ASCII));
        table.timers().advance(1362692527.000263);
        toy.data(false, " jumps over the lazy dogSIZE 6\n<html".getBytes(StandardCharsets.US_ASCII));
        table.timers().advance(1362692527.5);
        run.files().finish(); // the second file never completes: the end of input times it out
        logs.close();

        String text = Files.readString(dir.resolve("files.log"), StandardCharsets.UTF_8);
        String f1 = toy.fuids.get(0), f2 = toy.fuids.get(1);
        assertThat(f1).isEqualTo(FileManager.fuid("TOY1362692526.869344F1"));
        assertThat(text).isEqualTo("""
                #separator \\x09
                #set_separator\t,
                #empty_field\t(empty)
                #unset_field\t-
                #path\tfiles
                #open\t1970-01-01-00-00-00
                #fields\tts\tfuid\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tsource\tdepth\tanalyzers\tmime_type\tfilename\tduration\tlocal_orig\tis_orig\tseen_bytes\ttotal_bytes\tmissing_bytes\toverflow_bytes\ttimedout\tparent_fuid\tmd5\tsha1\tsha256\textracted\textracted_cutoff\textracted_size
                #types\ttime\tstring\tstring\taddr\tport\taddr\tport\tstring\tcount\tset[string]\tstring\tstring\tinterval\tbool\tbool\tcount\tcount\tcount\tcount\tbool\tstring\tstring\tstring\tstring\tstring\tbool\tcount
                1362692527.000000\t%s\tC1\t141.142.228.5\t59856\t192.150.187.43\t80\tTOY\t0\tSHA1,MD5\ttext/plain\tfile1.txt\t0.000263\tF\tF\t43\t43\t0\t0\tF\t-\t9e107d9d372bb6826bd81d3542a419d6\t2fd4e1c67a2d28fced849ee1bb76e7391b93eb12\t-\t-\t-\t-
                1362692527.000263\t%s\tC1\t141.142.228.5\t59856\t192.150.187.43\t80\tTOY\t0\tSHA1,MD5\ttext/html\tfile2.txt\t0.000000\tF\tF\t5\t6\t0\t0\tT\t-\t%s\t%s\t-\t-\t-\t-
                #close\t1970-01-01-00-00-00
                """.formatted(f1, f2, hex("MD5", "<html"), hex("SHA-1", "<html")));
        // the short second file is sniffed at its end, on what the bof buffer holds
        assertThat(toy.mimeTypes).containsExactly("text/plain", "text/html");
    }

    private static String hex(String alg, String s) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.US_ASCII)));
    }
}
