package org.brocapi.service.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer. Every error body is a JSON object with {@code status} (one line for people),
 * {@code success: false} and {@code error} (a stable code for programs: {@code not_found},
 * {@code bad_pcap}, {@code too_large}, …). Errors of {@code POST /submit/pcap} also carry 1.0's
 * {@code tag} and {@code job_id}, in 1.0's key order; the two bodies 1.0 itself sent ("no pcaps
 * supplied", "error creating job dirs") are kept byte for byte, without {@code error}.
 */
public final class ApiError extends RuntimeException {
    private final int httpStatus;
    private final String code;
    private final Map<String, Object> body;

    private ApiError(int httpStatus, String code, String message, Map<String, Object> body) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.body = body;
    }

    public static ApiError of(int httpStatus, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", message);
        body.put("success", false);
        body.put("error", code);
        return new ApiError(httpStatus, code, message, body);
    }

    /** A submit error in 1.0's shape; {@code code} null for the bodies 1.0 sent itself. */
    public static ApiError submit(int httpStatus, String code, String message, String tag, String jobId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", message);
        body.put("tag", tag);
        body.put("job_id", jobId);
        body.put("success", false);
        if (code != null) {
            body.put("error", code);
        }
        return new ApiError(httpStatus, code, message, body);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> body() {
        return body;
    }
}
