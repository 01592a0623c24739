/**
 * HTTP routes (defined once in JobRoutes), the streaming multipart upload, and the JSON shapes
 * the routes answer with (1.0 byte-compatible for /submit/pcap).
 */
package org.brocapi.service.api;
