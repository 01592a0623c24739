/**
 * The durable job queue: JobQueue (enqueue, atomic claim, progress, finish, housekeeping), its SQLite
 * implementation for one host and its Redis implementation for API servers and workers on many hosts.
 */
package org.brocapi.service.queue;
