package org.brocapi.analyzer.protocol.smtp;

import java.nio.charset.StandardCharsets;

import org.brocapi.analyzer.files.FileHandle;
import org.brocapi.analyzer.files.FileListener;
import org.brocapi.analyzer.files.FileManager;
import org.brocapi.analyzer.files.FileState;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.mime.MimeEntity;
import org.brocapi.analyzer.protocol.mime.MimeText;

/**
 * The mail's MIME entities as base/protocols/smtp/{entities,files}.zeek see them: each
 * {@code mime_begin_entity} counts {@code c$smtp_state$mime_depth} up (for the whole connection,
 * never down), a Content-Disposition filename or Content-Type name becomes the entity's filename,
 * and entity data goes to the files framework under {@code SMTP::get_file_handle}
 * ({@code cat(ANALYZER_SMTP, c$start_time, c$smtp$trans_depth, rfc822_msg_fuid, mime_depth)};
 * {@code SMTP::enable_rfc822_msg_file_analysis} is off, so the fuid part is empty). Each file
 * gets its depth and filename, and its fuid goes to {@code c$smtp$fuids} (outside TLS).
 */
final class SmtpFiles implements MimeEntity.Host, FileListener {
    static final String ANALYZER_TAG = "Analyzer::ANALYZER_SMTP";
    private static final String SOURCE = "SMTP";

    private final Session session;
    private final FileManager manager;
    private final SmtpTransactions smtp;
    private long mimeDepth;
    /** {@code c$smtp$entity} exists, and its filename. */
    private boolean inEntity;
    private byte[] entityFilename;

    SmtpFiles(Session session, FileManager manager, SmtpTransactions smtp) {
        this.session = session;
        this.manager = manager;
        this.smtp = smtp;
    }

    @Override
    public void beginEntity() {
        smtp.beginEntity();
        inEntity = true;
        entityFilename = null;
        mimeDepth++;
    }

    @Override
    public void header(String upperName, byte[] value) {
        smtp.header(upperName, value);
        if (!inEntity) {
            session.weird("missing_SMTP_entity", "", SOURCE);
            return;
        }
        byte[] name = MimeText.entityFilename(upperName, value);
        if (name != null) entityFilename = name;
    }

    @Override
    public void endEntity() {
        inEntity = false;
        entityFilename = null;
    }

    @Override
    public String fileHandle() {
        return new FileHandle().add(ANALYZER_TAG).time(session.conn().startTime).add(smtp.transDepth())
                .add(mimeDepth).toString();
    }

    @Override
    public void setSize(String handle, long size) {
        manager.setSize(handle, SOURCE, session.conn(), true, this, size);
    }

    @Override
    public void dataIn(String handle, long offset, byte[] b, int off, int len) {
        manager.dataIn(handle, SOURCE, session.conn(), true, this, b, off, len);
    }

    @Override
    public void gap(String handle, long len) {
        manager.gap(handle, SOURCE, session.conn(), true, this, len);
    }

    @Override
    public void endOfFile(String handle) {
        manager.endOfFile(handle);
    }

    @Override
    public void weird(String name, String addl) {
        // the header limit is a protocol anomaly in the connection's history too
        if (name.equals("exceeded_mime_max_header_bytes")) session.markUnknownPacket();
        session.weird(name, addl);
    }

    @Override
    public void fileOverConnection(FileState f, boolean isOrig) {
        smtp.fileOverConnection(f.fuid());
        if (inEntity && entityFilename != null) f.filename(new String(entityFilename, StandardCharsets.ISO_8859_1));
        f.depth(mimeDepth);
    }

    @Override
    public void fileSniffed(FileState f, String mimeTypeOrNull) {
    }
}
