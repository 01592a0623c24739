package org.brocapi.service.worker;

/** The engine could not analyse a pcap: one line for the job's {@code error}, plus its stderr tail if any. */
public final class EngineException extends Exception {
    private final String stderrTail;

    public EngineException(String message, String stderrTail) {
        super(message);
        this.stderrTail = stderrTail;
    }

    public String stderrTail() {
        return stderrTail;
    }
}
