/**
 * Bounds-checked reading of wire bytes: {@link org.brocapi.analyzer.bytes.ByteCursor} with a sticky
 * truncation flag (check it once after a run of reads), and {@link org.brocapi.analyzer.bytes.Hex}.
 */
package org.brocapi.analyzer.bytes;
