package org.brocapi.service.job;

/**
 * One uploaded file of a job.
 *
 * @param name    the client's file name, reduced to its last path element (what {@code files} lists)
 * @param stored  the name under {@code pcaps/}: content hash plus the format's extension, so two
 *                uploads never collide and the same content is stored (and analysed) once
 * @param format  {@code pcap}, {@code pcapng}, {@code pcap.gz} or {@code pcapng.gz}
 */
public record UploadedPcap(String name, String stored, String sha256, long size, String format) { }
