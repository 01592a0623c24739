package org.brocapi.analyzer.protocol;

/** Which endpoint sent the bytes: the connection's originator or its responder. */
public enum Direction {
    ORIG, RESP;

    public static Direction of(boolean isOrig) {
        return isOrig ? ORIG : RESP;
    }

    public boolean isOrig() {
        return this == ORIG;
    }

    public Direction reverse() {
        return this == ORIG ? RESP : ORIG;
    }
}
