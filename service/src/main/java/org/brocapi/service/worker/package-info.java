/**
 * Workers: claim a job, run the engine per pcap into its own directory, merge the logs, then the
 * post-analysis JobSteps (delivery plugs in here).
 */
package org.brocapi.service.worker;
