package org.brocapi.analyzer.protocol.ftp;

import org.brocapi.analyzer.conn.ConnId;
import org.brocapi.analyzer.log.Column;
import org.brocapi.analyzer.log.ZeekType;

/** One row of ftp.log (Zeek's {@code FTP::Info}): a command and its reply. */
public record FtpLogEntry(
        /* Time when the command was sent. */
        @Column(type = ZeekType.TIME) double ts,
        /* Unique ID for the connection. */
        String uid,
        /* The connection's 4-tuple of endpoint addresses/ports. */
        ConnId id,
        /* User name for the current FTP session. */
        String user,
        /* Password for the current FTP session if captured. */
        String password,
        /* Command given by the client. */
        String command,
        /* Argument for the command if one is given. */
        String arg,
        /* Sniffed mime type of file. */
        String mimeType,
        /* Size of the file if the command indicates a file transfer. */
        @Column(type = ZeekType.COUNT) Long fileSize,
        /* Reply code from the server in response to the command. */
        @Column(type = ZeekType.COUNT) Long replyCode,
        /* Reply message from the server in response to the command. */
        String replyMsg,
        /* Expected FTP data channel. */
        DataChannel dataChannel,
        /* File unique ID. */
        String fuid) {

    /** Zeek's {@code FTP::ExpectedDataChannel}. */
    public record DataChannel(
            /* Whether PASV mode is toggled for control channel. */
            boolean passive,
            /* The host that will be initiating the data connection. */
            @Column(type = ZeekType.ADDR) byte[] origH,
            /* The host that will be accepting the data connection. */
            @Column(type = ZeekType.ADDR) byte[] respH,
            /* The port at which the acceptor is listening for the data connection. */
            @Column(type = ZeekType.PORT) int respP) {
    }
}
