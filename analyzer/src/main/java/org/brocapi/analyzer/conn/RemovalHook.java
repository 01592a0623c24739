package org.brocapi.analyzer.conn;

/**
 * Runs when a connection is removed, after its transport finished and before its conn.log row
 * is built (Zeek's analyzer {@code Done()} and {@code Conn::register_removal_hook}).
 */
public interface RemovalHook {
    void removed(Connection c);
}
