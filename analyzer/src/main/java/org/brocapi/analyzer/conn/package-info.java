/**
 * Connections as Zeek keeps them: the 5-tuple table, originator/responder roles, Zeek's timer
 * queue (inactivity and TCP timers in capture time), history letters, and conn.log rows written
 * when a connection is removed.
 */
package org.brocapi.analyzer.conn;
