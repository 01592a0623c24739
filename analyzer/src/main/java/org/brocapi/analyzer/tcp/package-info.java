/**
 * TCP as Zeek tracks it: per-endpoint state machines and sequence spaces, the history letters,
 * close/reset/attempt timers, and stream reassembly with Zeek's gap accounting.
 */
package org.brocapi.analyzer.tcp;
