/**
 * The durable job queue: JobQueue (enqueue, atomic claim, progress, finish, housekeeping) and
 * its SQLite implementation with crash recovery of jobs claimed by dead processes.
 */
package org.brocapi.service.queue;
