package org.brocapi.analyzer.protocol.ftp;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.brocapi.analyzer.script.Redef;
import org.brocapi.analyzer.script.RedefValue;
import org.brocapi.analyzer.script.ZeekInvocation;

/** The {@code FTP::} options of base/protocols/ftp that shape ftp.log, with Zeek's defaults and the run's redefs. */
record FtpOptions(Set<String> loggedCommands, boolean defaultCapturePassword, Set<String> guestIds,
                  int maxUserLength, int maxPasswordLength, int maxArgLength, int maxReplyMsgLength) {

    static FtpOptions of(ZeekInvocation inv) {
        var logged = new LinkedHashSet<>(List.of("APPE", "DELE", "RETR", "STOR", "STOU", "ACCT", "PORT", "PASV",
                "EPRT", "EPSV"));
        var guests = new LinkedHashSet<>(List.of("anonymous", "ftp", "ftpuser", "guest"));
        boolean capture = false;
        int user = 128, password = 128, arg = 4096, reply = 4096;
        for (Redef r : inv.redefs()) {
            switch (r.name()) {
                case "FTP::logged_commands" -> update(logged, r);
                case "FTP::guest_ids" -> update(guests, r);
                case "FTP::default_capture_password" -> capture = RedefValue.bool(r);
                case "FTP::max_user_length" -> user = (int) RedefValue.count(r);
                case "FTP::max_password_length" -> password = (int) RedefValue.count(r);
                case "FTP::max_arg_length" -> arg = (int) RedefValue.count(r);
                case "FTP::max_reply_msg_length" -> reply = (int) RedefValue.count(r);
                default -> { }
            }
        }
        return new FtpOptions(Set.copyOf(logged), capture, Set.copyOf(guests), user, password, arg, reply);
    }

    private static void update(Set<String> set, Redef r) {
        var values = RedefValue.stringSet(r);
        switch (r.op()) {
            case "=" -> {
                set.clear();
                set.addAll(values);
            }
            case "-=" -> values.forEach(set::remove);
            default -> set.addAll(values);
        }
    }
}
