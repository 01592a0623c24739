package org.brocapi.analyzer.conn;

/**
 * A timer in capture time. Zeek's timers fire when network time passes them (before the packet
 * that moved the time is processed) and, at the end of input, only those made "to expire" run.
 */
public abstract class Timer {
    double time;
    /** Position in {@link TimerQueue}'s heap, -1 when not queued. */
    int offset = -1;
    final boolean expireAtEnd;

    protected Timer(double time, boolean expireAtEnd) {
        this.time = time;
        this.expireAtEnd = expireAtEnd;
    }

    public double time() {
        return time;
    }

    /** Runs the timer; {@code atEnd} is true when the input ended (Zeek's {@code Expire()}). */
    protected abstract void fire(double now, boolean atEnd);
}
