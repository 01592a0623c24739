package org.brocapi.analyzer.protocol.quic;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Removes Initial packet protection (RFC 9001 §5): secrets from HKDF over the client's first
 * Destination Connection ID with the version's salt (RFC 9001 §5.2, RFC 9369 §3.3.1), header
 * protection with AES-128-ECB over a 16-byte sample (§5.4), payload with AES-128-GCM (§5.3). The
 * checks and their order follow Zeek's {@code decrypt_crypto.cc}, whose messages become the
 * violation reasons. Not thread-safe: one instance per analyzer.
 */
public final class QuicInitialDecryptor {
    public static final long VERSION_1 = 0x00000001L, VERSION_2 = 0x6b3343cfL;

    private static final byte[] SALT_V1 = hex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    private static final byte[] SALT_V2 = hex("0dede3def700a6db819381be6e269dcbf9bd2ed9");
    private static final byte[] SALT_DRAFT22 = hex("7fbcdb0e7c66bbe9193a96cd21519ebd7a02644a");
    private static final byte[] SALT_DRAFT23 = hex("c3eef712c72ebb5a11a7d2432bb46365bef9f502");
    private static final byte[] SALT_DRAFT29 = hex("afbfec289993d24c9e9786f19c6111e04390a899");

    private static final int SAMPLE_LEN = 16, TAG_LEN = 16, MAX_PN_LEN = 4;

    private final Mac hmac;
    private final Cipher ecb, gcm;

    public QuicInitialDecryptor() {
        try {
            hmac = Mac.getInstance("HmacSHA256");
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without HmacSHA256/AES-GCM", e);
        }
    }

    /** The Initial keys of one side: AEAD key, IV and header-protection key. */
    public record Keys(byte[] key, byte[] iv, byte[] hp) { }

    /** The Initial salt of v1 and its drafts/Facebook variants (RFC 9001 §5.2) or v2; null for others. */
    private static byte[] salt(long v) {
        if (v == VERSION_2) return SALT_V2;
        if (v == VERSION_1) return SALT_V1;
        if (v == 0xff000016L || v == 0xfaceb001L) return SALT_DRAFT22;
        if (v >= 0xff000017L && v <= 0xff00001cL || v >= 0xfaceb002L && v <= 0xfaceb013L) return SALT_DRAFT23;
        if (v >= 0xff00001dL && v <= 0xff000020L) return SALT_DRAFT29;
        if (v >= 0xff000021L && v <= 0xff000022L) return SALT_V1;
        return null;
    }

    /** The Initial keys for {@code version}, the client's first DCID and the sending side. */
    public Keys keys(long version, byte[] dcid, boolean fromClient) throws QuicParseException {
        byte[] salt = salt(version);
        if (salt == null) throw new QuicParseException(String.format("unable to decrypt QUIC version 0x%x", version));
        boolean v2 = version == VERSION_2;
        byte[] initial = hmac(salt, dcid);
        byte[] secret = expandLabel(initial, fromClient ? "client in" : "server in", 32);
        return new Keys(expandLabel(secret, v2 ? "quicv2 key" : "quic key", 16),
                expandLabel(secret, v2 ? "quicv2 iv" : "quic iv", 12),
                expandLabel(secret, v2 ? "quicv2 hp" : "quic hp", 16));
    }

    /**
     * The plaintext frames of the Initial packet {@code packet[off, off+len)} whose packet number
     * starts at {@code pnOffset} (relative to {@code off}) and whose Length field is
     * {@code payloadLength}.
     */
    public byte[] decrypt(long version, byte[] packet, int off, int len, byte[] dcid, int pnOffset,
            long payloadLength, boolean fromClient) throws QuicParseException {
        if (payloadLength < 20) throw new QuicParseException("payload too small " + payloadLength + " < 20");
        if (len < pnOffset + payloadLength) {
            throw new QuicParseException("packet too small " + len + " " + (pnOffset + payloadLength));
        }
        Keys k = keys(version, dcid, fromClient);
        try {
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k.hp(), "AES"));
            byte[] mask = ecb.doFinal(packet, off + pnOffset + MAX_PN_LEN, SAMPLE_LEN);
            int first = packet[off] & 0xff;
            first ^= mask[0] & ((first & 0x80) != 0 ? 0x0f : 0x1f);
            int pnLen = (first & 0x03) + 1;
            byte[] header = Arrays.copyOfRange(packet, off, off + pnOffset + pnLen);
            header[0] = (byte) first;
            long pn = 0;
            for (int i = 0; i < pnLen; i++) {
                header[pnOffset + i] ^= mask[1 + i];
                pn = pn << 8 | header[pnOffset + i] & 0xff;
            }
            if (payloadLength < pnLen + TAG_LEN) {
                throw new QuicParseException("payload too small " + payloadLength + " < " + (pnLen + TAG_LEN));
            }
            if (payloadLength > 10000) throw new QuicParseException("payload_length too large " + payloadLength);
            int cipherLen = (int) payloadLength - pnLen - TAG_LEN;
            byte[] nonce = k.iv().clone();
            for (int i = 0; i < 8; i++) nonce[nonce.length - 1 - i] ^= (byte) (pn >>> (8 * i));
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k.key(), "AES"), new GCMParameterSpec(TAG_LEN * 8, nonce));
            gcm.updateAAD(header);
            return gcm.doFinal(packet, off + header.length, cipherLen + TAG_LEN);
        } catch (AEADBadTagException e) {
            throw new QuicParseException("decryption failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    /** HKDF-Expand-Label with an empty context (RFC 8446 §7.1); one HMAC block suffices here. */
    private byte[] expandLabel(byte[] secret, String label, int length) {
        byte[] l = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + l.length + 1 + 1];
        info[0] = (byte) (length >> 8);
        info[1] = (byte) length;
        info[2] = (byte) l.length;
        System.arraycopy(l, 0, info, 3, l.length);
        info[3 + l.length] = 0; // empty context
        info[4 + l.length] = 1; // HKDF-Expand block counter T(1)
        return Arrays.copyOf(hmac(secret, info), length);
    }

    private byte[] hmac(byte[] key, byte[] data) {
        try {
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return hmac.doFinal(data);
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
