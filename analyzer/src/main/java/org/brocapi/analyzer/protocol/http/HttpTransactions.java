package org.brocapi.analyzer.protocol.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.brocapi.analyzer.protocol.Session;

/**
 * The request/reply pairing of base/protocols/http/main.zeek ({@code HTTP::State}:
 * {@code current_request}, {@code current_response}, {@code pending}), so far only for the weirds
 * that script raises. Script weirds are raised from event handlers, which run after the
 * analyzer's own weirds of the same delivery; {@link #flushWeirds} keeps that order.
 */
final class HttpTransactions {
    /** {@code HTTP::http_methods}: methods outside it raise {@code unknown_HTTP_method}. */
    static final Set<String> KNOWN_METHODS = Set.of("GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE",
            "CONNECT", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "POLL", "REPORT",
            "SUBSCRIBE", "BMOVE", "SEARCH");
    private static final int NO_STATUS = -1;

    private final Session session;
    private int currentRequest, currentResponse;
    /** Pending transactions by index → their status code so far. */
    private final Map<Integer, Integer> pending = new HashMap<>();
    private final List<String[]> weirds = new ArrayList<>(2);

    HttpTransactions(Session session) {
        this.session = session;
    }

    /** The {@code http_request} handler. */
    void request(String method) {
        // more responses than requests: fast-forward so the next response matches this request
        if (currentRequest < currentResponse) {
            weirds.add(new String[] {"HTTP_response_before_request", ""});
            currentRequest = currentResponse;
        }
        currentRequest++;
        pending.putIfAbsent(currentRequest, NO_STATUS);
        if (!KNOWN_METHODS.contains(method)) weirds.add(new String[] {"unknown_HTTP_method", method});
    }

    /** The {@code http_reply} handler: after a 1xx the same transaction takes the final reply. */
    void reply(int code) {
        Integer status = pending.get(currentResponse);
        if (status == null || status != NO_STATUS && !informational(status)) currentResponse++;
        pending.put(currentResponse, code);
    }

    /** The {@code http_message_done} handler for a reply: a final reply completes its transaction. */
    void replyDone() {
        Integer status = pending.get(currentResponse);
        if (status == null || !informational(status)) pending.remove(currentResponse);
    }

    void flushWeirds() {
        for (String[] w : weirds) session.weird(w[0], w[1], "");
        weirds.clear();
    }

    private static boolean informational(int code) {
        return code >= 100 && code <= 199;
    }
}
