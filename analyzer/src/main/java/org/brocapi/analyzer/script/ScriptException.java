package org.brocapi.analyzer.script;

/** A script, option or command-line argument we cannot honour; the message names it. */
public final class ScriptException extends RuntimeException {
    public ScriptException(String message) {
        super(message);
    }
}
