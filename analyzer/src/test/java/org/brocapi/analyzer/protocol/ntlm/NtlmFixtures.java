package org.brocapi.analyzer.protocol.ntlm;

import org.brocapi.analyzer.bytes.Hex;

/** Hand-made NTLM messages (MS-NLMP §2.2.1), one structure per line; names are UTF-16LE. */
public final class NtlmFixtures {
    private NtlmFixtures() { }

    /** NEGOTIATE with OEM domain "AB" and workstation "PC" supplied. */
    public static final byte[] NEGOTIATE = Hex.bytes("""
            4e544c4d53535000 01000000
            01300000
            0400 0400 20000000
            0400 0400 24000000
            41004200 50004300
            """);

    private static final String CHALLENGE_HEAD = """
            4e544c4d53535000 02000000
            0c00 0c00 30000000
            05008000
            0123456789abcdef
            0000000000000000
            2600 2600 3c000000
            530041005400550052004e00
            """;

    /** CHALLENGE, target "SATURN", TargetInfo: NbComputerName SATURN, DnsComputerName sat.lab, EOL. */
    public static final byte[] CHALLENGE = Hex.bytes(CHALLENGE_HEAD + """
            0100 0c00 530041005400550052004e00
            0300 0e00 7300610074002e006c0061006200
            0000 0000
            """);

    /** The same CHALLENGE without its MsvAvEOL: the message ends after the last pair. */
    public static final byte[] CHALLENGE_UNTERMINATED = Hex.bytes(CHALLENGE_HEAD + """
            0100 0c00 530041005400550052004e00
            0300 0e00 7300610074002e006c0061006200
            """);

    /** A CHALLENGE whose TargetInfo (length 38) points at the end of the message: no pairs at all. */
    public static final byte[] CHALLENGE_EMPTY_TARGET_INFO = Hex.bytes("""
            4e544c4d53535000 02000000
            0000 0000 30000000
            01008000
            0123456789abcdef
            0000000000000000
            2600 2600 30000000
            """);

    /** AUTHENTICATE from CORP\\alice on workstation PC. */
    public static final byte[] AUTHENTICATE = Hex.bytes("""
            4e544c4d53535000 03000000
            0000 0000 40000000
            0000 0000 40000000
            0800 0800 40000000
            0a00 0a00 48000000
            0400 0400 52000000
            0000 0000 56000000
            01000000
            43004f0052005000 61006c0069006300 6500 50004300
            """);
}
