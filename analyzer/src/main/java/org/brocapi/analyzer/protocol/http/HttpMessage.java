package org.brocapi.analyzer.protocol.http;

/** Values parsed from HTTP/1.x start lines. Versions are {@code major * 10 + minor}; 0 = unknown. */
public final class HttpMessage {
    /** No version seen (Zeek's default {@code HTTP_VersionNumber}). */
    public static final int VERSION_UNKNOWN = 0;
    public static final int VERSION_09 = 9;

    private HttpMessage() { }

    /**
     * A request line. {@code version} keeps the previous request's value when {@code HTTP/} is
     * present but too short to read (Zeek then only raises the {@code bad_HTTP_version} event).
     */
    public record RequestLine(String method, String uri, String unescapedUri, int version, boolean versionPresent) { }

    /** A status line; {@code code} is Zeek's {@code HTTP_ReplyCode} (0 when not three digits). */
    public record ReplyLine(int version, int code, String reason, boolean lowercaseKeyword) { }

    /** Why a request line was rejected: Zeek's weird name. */
    public record BadRequest(String weird) { }
}
