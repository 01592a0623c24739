package org.brocapi.analyzer.protocol.ftp;

import java.util.HashMap;
import java.util.Map;

import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.files.FileHandle;
import org.brocapi.analyzer.files.FileListener;
import org.brocapi.analyzer.files.FileManager;
import org.brocapi.analyzer.files.FileState;
import org.brocapi.analyzer.log.ZeekText;

import org.brocapi.analyzer.protocol.Direction;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;

/**
 * The data channels FTP control connections announced in one run: Zeek's
 * {@code ftp_data_expected} table (keyed by the data connection's responder, entries read-expire
 * after 5 minutes) together with the scheduled FTP_DATA analyzers that mark those connections
 * {@code ftp-data}.
 */
final class FtpDataChannels implements Protocol.Instance {
    /** {@code &read_expire=5mins} on ftp_data_expected, and the timeout of schedule_analyzer. */
    static final double EXPIRE = 300;
    /** {@code FTP::max_expected_data_channels}. */
    static final int MAX_CHANNELS = 100_000;

    private record Key(long hi, long lo, int port) {
        static Key of(byte[] a, int port) {
            long hi = 0, lo = 0;
            for (int i = 0; i < 8; i++) hi = hi << 8 | (a[i] & 0xff);
            for (int i = 8; i < 16; i++) lo = lo << 8 | (a[i] & 0xff);
            return new Key(hi, lo, port);
        }
    }

    /** What the table holds: the control session's state (Zeek stores its {@code FTP::Info}) and the last read. */
    private static final class Entry {
        final FtpAnalyzer control;
        double lastRead;

        Entry(FtpAnalyzer control, double lastRead) {
            this.control = control;
            this.lastRead = lastRead;
        }
    }

    private final Map<Key, Entry> lastRead = new HashMap<>();
    private final FileManager files;

    FtpDataChannels(FileManager files) {
        this.files = files;
    }

    /**
     * {@code add_expected_data_channel}: remembers the channel and schedules FTP_DATA for a
     * connection from {@code orig} to {@code resp}:{@code port}; false when the table is full.
     */
    boolean expect(Session control, FtpAnalyzer owner, byte[] orig, byte[] resp, int port) {
        Key k = Key.of(resp, port);
        double now = control.now();
        if (!lastRead.containsKey(k) && lastRead.size() >= MAX_CHANNELS) {
            control.weird("FTP_too_many_expected_data_channels", Integer.toString(lastRead.size()));
            return false;
        }
        lastRead.put(k, new Entry(owner, now));
        control.scheduleAnalyzer(orig, resp, port, FtpDataProtocol.INSTANCE, this, EXPIRE);
        return true;
    }

    /** Zeek's membership test on the table, which refreshes a read-expiring entry. */
    private Entry lookup(byte[] resp, int port, double now) {
        Key k = Key.of(resp, port);
        Entry e = lastRead.get(k);
        if (e == null) return null;
        if (now - e.lastRead > EXPIRE) {
            lastRead.remove(k);
            return null;
        }
        e.lastRead = now;
        return e;
    }

    /**
     * The scheduled FTP_DATA analyzer on an expected connection: the service, and the contents
     * to the files framework under base/protocols/ftp/files.zeek's handle, whose file id and
     * sniffed type go to the control session's next ftp.log row.
     */
    @Override
    public StreamAnalyzer stream(Session session) {
        var c = session.conn();
        // scheduled_analyzer_applied: the script adds the service and a removal hook
        Entry entry = lookup(c.respAddr, c.respPort, session.now());
        if (entry == null) return (dir, buf, off, len) -> { };
        c.services.add("ftp-data");
        FileListener listener = new FileListener() {
            @Override
            public void fileOverConnection(FileState f, boolean isOrig) {
                entry.control.dataFile(f.fuid());
            }

            @Override
            public void fileSniffed(FileState f, String mimeTypeOrNull) {
                if (mimeTypeOrNull != null) entry.control.dataMimeType(mimeTypeOrNull);
            }
        };
        return new StreamAnalyzer() {
            @Override
            public void data(Direction dir, byte[] buf, int off, int len) {
                files.dataIn(handle(c, dir.isOrig()), "FTP_DATA", c, dir.isOrig(), listener, buf, off, len);
            }

            @Override
            public void gap(Direction dir, long len) {
                files.gap(handle(c, dir.isOrig()), "FTP_DATA", c, dir.isOrig(), listener, len);
            }

            @Override
            public void end() {
                files.endOfFile(handle(c, true));
                files.endOfFile(handle(c, false));
                // finalize_ftp_data: the channel is done once its connection goes
                lastRead.remove(Key.of(c.respAddr, c.respPort));
            }
        };
    }

    /** FTP::get_file_handle: {@code cat(Analyzer::ANALYZER_FTP_DATA, c$start_time, c$id, is_orig)}. */
    static String handle(Connection c, boolean isOrig) {
        // cat() of a conn_id record: every field, including proto and the empty ctx record
        String id = "[orig_h=" + ZeekText.addrString(c.origAddr) + ", orig_p=" + c.origPort
                + "/tcp, resp_h=" + ZeekText.addrString(c.respAddr) + ", resp_p=" + c.respPort
                + "/tcp, proto=" + c.ipProto + ", ctx=[]]";
        return new FileHandle().add("Analyzer::ANALYZER_FTP_DATA").time(c.startTime).add(id).add(isOrig).toString();
    }
}
