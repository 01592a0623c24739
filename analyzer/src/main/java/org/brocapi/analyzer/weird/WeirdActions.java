package org.brocapi.analyzer.weird;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code Weird::actions} of base/frameworks/notice/weird.zeek: what happens to each weird name.
 * Names not listed are logged every time ({@code &default=ACTION_LOG}).
 */
final class WeirdActions {
    enum Action {
        IGNORE, LOG, LOG_ONCE, LOG_PER_CONN, LOG_PER_ORIG, NOTICE, NOTICE_ONCE, NOTICE_PER_CONN, NOTICE_PER_ORIG;

        boolean limiting() {
            return this != IGNORE && this != LOG && this != NOTICE;
        }

        boolean notice() {
            return name().startsWith("NOTICE");
        }
    }

    private static final Map<String, Action> ACTIONS = new HashMap<>();

    static {
        for (String n : new String[] {"unsolicited_SYN_response", "FIN_after_reset", "spontaneous_FIN",
                "spontaneous_RST"}) ACTIONS.put(n, Action.IGNORE);
        for (String n : new String[] {"bad_ICMP_checksum", "bad_RPC", "bad_TCP_checksum", "bad_UDP_checksum",
                "connection_originator_SYN_ack", "DNS_label_forward_compress_offset", "DNS_label_len_gt_name_len",
                "DNS_label_len_gt_pkt", "DNS_label_too_long", "excess_RPC", "originator_RPC_reply", "partial_RPC",
                "responder_RPC_call", "SYN_with_data", "UDP_datagram_length_mismatch", "excessively_small_fragment",
                "fragment_inconsistency", "fragment_overlap", "fragment_size_inconsistency", "bad_IP_checksum",
                "SSH_max_packet_length_exceeded", "SSH_max_string_length_exceeded"}) {
            ACTIONS.put(n, Action.LOG_PER_ORIG);
        }
        for (String n : new String[] {"FTP_max_command_length_exceeded", "FTP_too_many_pending_commands",
                "FTP_user_too_long", "FTP_reply_msg_too_long", "FTP_arg_too_long", "FTP_password_too_long",
                "simultaneous_open", "smtp_mail_transaction_invalid", "smtp_excessive_invalid_mail_transactions",
                "smb_tree_connect_andx_response_without_tree"}) {
            ACTIONS.put(n, Action.LOG_PER_CONN);
        }
        for (String n : new String[] {"FIN_storm", "successful_RPC_reply_to_invalid_request", "SYN_after_partial"}) {
            ACTIONS.put(n, Action.NOTICE_PER_ORIG);
        }
    }

    private WeirdActions() { }

    static Action of(String name) {
        return ACTIONS.getOrDefault(name, Action.LOG);
    }
}
