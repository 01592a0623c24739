package org.brocapi.analyzer.conn;

/**
 * Payload bytes each side sent, as Zeek's UDP and ICMP session adapters keep them
 * ({@code request_len}/{@code reply_len}): -1 until the side sends anything, which is also
 * what makes it "active".
 */
final class EndpointLengths {
    private long request = -1, reply = -1;

    void add(boolean isOrig, long len) {
        if (isOrig) request = request < 0 ? len : request + len;
        else reply = reply < 0 ? len : reply + len;
    }

    boolean active(boolean orig) {
        return (orig ? request : reply) >= 0;
    }

    long size(boolean orig) {
        long s = orig ? request : reply;
        return s < 0 ? 0 : s;
    }

    void flip() {
        long t = request;
        request = reply;
        reply = t;
    }
}
