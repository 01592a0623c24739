/**
 * Zeek's command line and scripts, understood as configuration: which scripts are loaded (and
 * so which logs and columns exist) and which options are redefined. No Zeek script is executed.
 */
package org.brocapi.analyzer.script;
