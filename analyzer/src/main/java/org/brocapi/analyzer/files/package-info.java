/**
 * File analysis, the stage after protocol/: protocols hand file contents to the run's FileManager
 * (Zeek's file_analysis::Manager), which ids, sniffs, hashes and times out files and writes files.log.
 */
package org.brocapi.analyzer.files;
