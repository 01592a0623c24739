package org.brocapi.analyzer.protocol.ftp;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which reply codes answer which command: Zeek's {@code FTP::cmd_reply_code} (RFC 959 §5.4 plus
 * the extensions it lists), used to pair replies with pending commands.
 */
final class FtpCodes {
    private static final Map<String, Set<Integer>> REPLIES = new HashMap<>();

    private static void add(String cmd, Integer... codes) {
        REPLIES.put(cmd, Set.of(codes));
    }

    static {
        // RFC 959; 0 marks the "unexpected command-reply pair" entries
        add("<init>", 120, 220, 421, 0);
        add("USER", 230, 331, 332, 421, 530, 500, 501);
        add("PASS", 230, 202, 332, 421, 530, 500, 501, 503);
        add("ACCT", 230, 202, 421, 530, 500, 501, 503);
        add("CWD", 250, 421, 500, 501, 502, 530, 550);
        add("CDUP", 200, 250, 421, 500, 501, 502, 530, 550);
        add("SMNT", 202, 250, 421, 500, 501, 502, 530, 550);
        add("REIN", 120, 220, 421, 500, 502);
        add("QUIT", 221, 500, 0);
        add("PORT", 200, 421, 500, 501, 530);
        add("PASV", 227, 421, 500, 501, 502, 530);
        add("MODE", 200, 421, 500, 501, 502, 504, 530);
        add("TYPE", 200, 421, 500, 501, 504, 530);
        add("STRU", 200, 421, 500, 501, 504, 530);
        add("ALLO", 200, 202, 421, 500, 501, 504, 530);
        add("REST", 200, 350, 421, 500, 501, 502, 530);
        add("STOR", 110, 125, 150, 226, 250, 421, 425, 426, 451, 551, 552, 532, 450, 452, 553, 500, 501, 530, 550);
        add("STOU", 110, 125, 150, 226, 250, 421, 425, 426, 451, 551, 552, 532, 450, 452, 553, 500, 501, 530, 550);
        add("RETR", 110, 125, 150, 226, 250, 421, 425, 426, 451, 450, 500, 501, 530, 550);
        add("LIST", 125, 150, 226, 250, 421, 425, 426, 451, 450, 500, 501, 502, 530, 550);
        add("NLST", 125, 150, 226, 250, 421, 425, 426, 451, 450, 500, 501, 502, 530, 550);
        add("APPE", 125, 150, 226, 250, 421, 425, 426, 451, 551, 552, 532, 450, 550, 452, 553, 500, 501, 502, 530);
        add("RNFR", 350, 421, 450, 550, 500, 501, 502, 530);
        add("RNTO", 250, 421, 532, 553, 500, 501, 502, 503, 530);
        add("DELE", 250, 421, 450, 550, 500, 501, 502, 530);
        add("RMD", 250, 421, 500, 501, 502, 530, 550);
        add("MKD", 257, 421, 500, 501, 502, 530, 550);
        add("PWD", 257, 421, 500, 501, 502, 550);
        add("ABOR", 225, 226, 421, 500, 501, 502);
        add("SYST", 215, 421, 500, 501, 502, 530);
        add("STAT", 211, 212, 213, 421, 450, 500, 501, 502, 530);
        add("HELP", 200, 211, 214, 421, 500, 501, 502);
        add("SITE", 200, 202, 214, 500, 501, 502, 530);
        add("NOOP", 200, 421, 500);
        add("LPRT", 500, 501, 521); // RFC 1639
        add("FEAT", 211, 500, 502); // RFC 2389
        add("OPTS", 200, 451, 501); // RFC 2389
        add("EPSV", 229, 500, 501); // RFC 2428
        add("EPRT", 200, 500, 501, 522); // RFC 2428
        add("SIZE", 213, 500, 501, 550); // RFC 3659
        add("MDTM", 213, 500, 501, 550); // RFC 3659
        add("MLST", 150, 226, 250, 500, 501, 550); // RFC 3659
        add("MLSD", 150, 226, 250, 500, 501, 550); // RFC 3659
        add("CLNT", 200, 500); // no RFC: client software
        add("MACB", 200, 500, 550); // no RFC: MacBinary support
        add("<missing>", 0);
    }

    private FtpCodes() { }

    static boolean expected(String cmd, int code) {
        Set<Integer> codes = REPLIES.get(cmd);
        return codes != null && codes.contains(code);
    }
}
