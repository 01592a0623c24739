/**
 * PostgreSQL frontend/backend protocol 3.0 (SSLRequest, StartupMessage, typed messages) as Zeek's
 * Spicy PostgreSQL analyzer parses it: confirmation, violations, postgresql.log and the SSL handover.
 */
package org.brocapi.analyzer.protocol.postgresql;
