/**
 * What a job is: its id, state machine, stored pcaps, per-pcap results, the on-disk layout
 * (JobDirectory) and the capture check done on upload.
 */
package org.brocapi.service.job;
