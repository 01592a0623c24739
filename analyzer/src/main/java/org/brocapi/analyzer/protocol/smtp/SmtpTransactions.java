package org.brocapi.analyzer.protocol.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The script state of base/protocols/smtp/main.zeek for one connection: {@code c$smtp_state}
 * (messages transferred) and the current {@code c$smtp} record, created on the first request or
 * reply and replaced after each mail's "." is answered.
 */
final class SmtpTransactions {
    /** {@code c$smtp}, as far as it is kept. */
    static final class Info {
        final long transDepth;
        boolean tls;
        final List<String> fuids = new ArrayList<>();

        Info(long transDepth) {
            this.transDepth = transDepth;
        }
    }

    private long messagesTransferred;
    private Info current;

    /** {@code set_smtp_session}. */
    Info session() {
        if (current == null) current = new Info(messagesTransferred + 1);
        return current;
    }

    /** {@code c$smtp$trans_depth} (the record exists whenever the mail's data flows). */
    long transDepth() {
        return session().transDepth;
    }

    /** The reply to a mail's ".": the next mail gets a new record. */
    void messageDone() {
        messagesTransferred++;
        current = new Info(messagesTransferred + 1);
    }

    void starttls() {
        session().tls = true;
    }

    void beginEntity() {
    }

    void header(String upperName, byte[] value) {
    }

    /** files.zeek's {@code file_over_new_connection}: the fuid goes to {@code c$smtp$fuids} outside TLS. */
    void fileOverConnection(String fuid) {
        Info i = session();
        if (!i.tls) i.fuids.add(fuid);
    }
}
