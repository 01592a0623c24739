package org.brocapi.analyzer.protocol.ssh;

import java.util.List;

/** Values parsed from SSH's unencrypted key-exchange packets. */
public sealed interface SshMessage {
    /**
     * SSH_MSG_KEXINIT (RFC 4253 §7.1): each side's name-lists, split at commas as Zeek's
     * {@code tokenize_string} does (an empty list is one empty name).
     */
    record KexInit(List<String> kex, List<String> hostKey, List<String> cipherC2s, List<String> cipherS2c,
            List<String> macC2s, List<String> macS2c, List<String> compressionC2s, List<String> compressionS2c)
            implements SshMessage {
    }
}
