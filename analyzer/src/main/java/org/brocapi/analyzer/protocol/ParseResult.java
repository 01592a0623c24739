package org.brocapi.analyzer.protocol;

/**
 * The outcome of offering buffered stream bytes to an incremental parser or framer:
 * {@link #OK} (everything offered was consumed), {@link #needMore} (a prefix was consumed and at
 * least {@code needed} more bytes are required before the next unit can be parsed; the caller
 * keeps the rest), or {@link #ERROR} (the stream is not this protocol; stop feeding it).
 * The two constants allocate nothing; {@code needMore} happens only at buffer boundaries.
 */
public record ParseResult(Status status, int consumed, int needed) {
    public enum Status { OK, NEED_MORE, ERROR }

    public static final ParseResult OK = new ParseResult(Status.OK, -1, 0);
    public static final ParseResult ERROR = new ParseResult(Status.ERROR, 0, 0);

    public static ParseResult needMore(int consumed, int needed) {
        return new ParseResult(Status.NEED_MORE, consumed, needed);
    }
}
