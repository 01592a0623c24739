package org.brocapi.analyzer.protocol.ntlm;

/**
 * The NTLM messages Zeek raises events for. Names are the raw UTF-16LE bytes of the message
 * (null when absent); {@link NtlmParser#utf16ToUtf8} converts them as Zeek does.
 */
sealed interface NtlmMessage {
    record Negotiate(byte[] domainName, byte[] workstation) implements NtlmMessage { }

    /**
     * A CHALLENGE. {@code targetInfo} is null without NTLMSSP_NEGOTIATE_TARGET_INFO;
     * {@code targetInfoUnderflow} says its AV pairs ended without MsvAvEOL although
     * TargetInfoFields.Len is not zero (Zeek's "NTLM AV Pair loop underflow").
     */
    record Challenge(byte[] targetName, TargetInfo targetInfo, boolean targetInfoUnderflow) implements NtlmMessage { }

    record Authenticate(byte[] domainName, byte[] userName, byte[] workstation) implements NtlmMessage { }

    /** A token with another message type: Zeek skips it. */
    record Other(long type) implements NtlmMessage { }

    /** The AV pairs of a CHALLENGE's TargetInfo (MS-NLMP §2.2.2.1) that Zeek records. */
    record TargetInfo(byte[] nbComputerName, byte[] nbDomainName, byte[] dnsComputerName, byte[] dnsDomainName,
                      byte[] dnsTreeName, byte[] targetName) { }
}
