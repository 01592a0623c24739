/**
 * The {@code brocapi} command line: one picocli top command ({@link org.brocapi.cli.Main}) whose
 * subcommands are classes of their own (serve, worker, submit, jobs, logs; analyze, zeek).
 */
package org.brocapi.cli;
