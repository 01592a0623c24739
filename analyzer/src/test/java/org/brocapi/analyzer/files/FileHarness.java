package org.brocapi.analyzer.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.brocapi.analyzer.conn.ConnKey;
import org.brocapi.analyzer.conn.ConnTable;
import org.brocapi.analyzer.conn.Connection;
import org.brocapi.analyzer.conn.LocalNets;
import org.brocapi.analyzer.packet.Packet;

/**
 * A FileManager on a real connection table and timer queue, without packets: tests create
 * connections, move network time and feed file bytes as a protocol would, and read the files.log
 * rows and the listener's events.
 */
final class FileHarness implements FileListener {
    final ConnTable table = new ConnTable(c -> { });
    final List<FilesLogEntry> rows = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final FileManager files;
    private int uids;

    FileHarness(FilePolicy policy) {
        this(policy, LocalNets.of(List.of(), false), Map.of());
    }

    FileHarness(FilePolicy policy, LocalNets localNets, Map<String, List<String>> byMime) {
        files = new FileManager(policy, table.timers(), rows::add, localNets, byMime);
    }

    /** Moves network time, running due timers (as the packet loop does before each packet). */
    FileHarness at(double t) {
        table.timers().advance(t);
        return this;
    }

    Connection tcp(String orig, int op, String resp, int rp) {
        byte[] o = addr(orig), r = addr(resp);
        var key = new ConnKey().set(o, op, r, rp, Packet.TCP, false);
        return table.create(key, Packet.TCP, o, op, r, rp, false, table.timers().now(), () -> "C" + (++uids),
                new byte[6], new byte[6], false, 0, 0);
    }

    static byte[] addr(String dotted) {
        byte[] a = new byte[16];
        a[10] = (byte) 0xff;
        a[11] = (byte) 0xff;
        String[] p = dotted.split("\\.");
        for (int i = 0; i < 4; i++) a[12 + i] = (byte) Integer.parseInt(p[i]);
        return a;
    }

    @Override
    public void fileOverConnection(FileState f, boolean isOrig) {
        events.add("over " + f.fuid() + " " + isOrig);
    }

    @Override
    public void fileSniffed(FileState f, String mimeTypeOrNull) {
        events.add("sniff " + mimeTypeOrNull);
    }

    FilesLogEntry row(int i) {
        return rows.get(i);
    }
}
