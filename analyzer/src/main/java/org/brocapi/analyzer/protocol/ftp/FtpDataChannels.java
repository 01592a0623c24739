package org.brocapi.analyzer.protocol.ftp;

import java.util.HashMap;
import java.util.Map;

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

    private final Map<Key, Double> lastRead = new HashMap<>();

    /**
     * {@code add_expected_data_channel}: remembers the channel and schedules FTP_DATA for a
     * connection from {@code orig} to {@code resp}:{@code port}; false when the table is full.
     */
    boolean expect(Session control, byte[] orig, byte[] resp, int port) {
        Key k = Key.of(resp, port);
        double now = control.now();
        if (!lastRead.containsKey(k) && lastRead.size() >= MAX_CHANNELS) {
            control.weird("FTP_too_many_expected_data_channels", Integer.toString(lastRead.size()));
            return false;
        }
        lastRead.put(k, now);
        control.scheduleAnalyzer(orig, resp, port, FtpDataProtocol.INSTANCE, this, EXPIRE);
        return true;
    }

    /** Zeek's membership test on the table, which refreshes a read-expiring entry. */
    private boolean lookup(byte[] resp, int port, double now) {
        Key k = Key.of(resp, port);
        Double t = lastRead.get(k);
        if (t == null) return false;
        if (now - t > EXPIRE) {
            lastRead.remove(k);
            return false;
        }
        lastRead.put(k, now);
        return true;
    }

    /** The scheduled FTP_DATA analyzer on an expected connection. */
    @Override
    public StreamAnalyzer stream(Session session) {
        var c = session.conn();
        // scheduled_analyzer_applied: the script adds the service and a removal hook
        if (!lookup(c.respAddr, c.respPort, session.now())) return new StreamAnalyzer() {
            @Override
            public void data(Direction dir, byte[] buf, int off, int len) { }
        };
        c.services.add("ftp-data");
        return new StreamAnalyzer() {
            @Override
            public void data(Direction dir, byte[] buf, int off, int len) {
                // file contents go to the files framework in Zeek; not analysed here
            }

            @Override
            public void end() {
                // finalize_ftp_data: the channel is done once its connection goes
                lastRead.remove(Key.of(c.respAddr, c.respPort));
            }
        };
    }
}
