/**
 * Per-job log delivery: every line of a job's logs to each syslog destination at least once,
 * with progress persisted in the job directory, retries with back-off, and export to a directory.
 */
package org.brocapi.service.delivery;
