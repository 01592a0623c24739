package org.brocapi.service.job;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Decides while an upload streams past whether it is a capture: pcap (µs or ns, either byte
 * order), pcapng, or a gzip of one. Checked by content, never by name. For pcap and pcapng the
 * record/block structure is walked to the end, touching only headers, so a truncated last record
 * is caught without a second pass; for gzip only the inner magic is checked (from the first
 * {@value #GZIP_PEEK} bytes), a full inflate would cost more than the upload.
 *
 * <p>Feed with {@link #update}, then call {@link #finish}; one instance per file.
 */
public final class CaptureCheck {
    static final int GZIP_PEEK = 64 * 1024;
    /** Larger than any snaplen in use (262144 is tcpdump's maximum) yet small enough to catch garbage. */
    private static final long MAX_RECORD = 256L << 20;
    private static final int PCAPNG_SHB = 0x0A0D0D0A;

    private enum Format { UNKNOWN, PCAP, PCAPNG, GZIP }

    private Format format = Format.UNKNOWN;
    private boolean bigEndian;
    private boolean nanos;
    private boolean globalHeaderDone;
    private long pos;
    private long skipUntil;
    private long recordStart;
    private final byte[] hdr = new byte[24];
    private int hdrFill;
    private int hdrNeed = 4;
    private String error;
    private byte[] gzipPeek;
    private int gzipFill;

    public void update(byte[] b, int off, int len) {
        if (error != null) {
            return;
        }
        if (format == Format.GZIP) {
            int n = Math.min(len, gzipPeek.length - gzipFill);
            System.arraycopy(b, off, gzipPeek, gzipFill, n);
            gzipFill += n;
            pos += len;
            return;
        }
        int end = off + len;
        while (off < end && error == null) {
            if (pos < skipUntil) {
                int n = (int) Math.min(end - off, skipUntil - pos);
                off += n;
                pos += n;
                continue;
            }
            if (hdrFill == 0) {
                recordStart = pos;
            }
            int n = Math.min(end - off, hdrNeed - hdrFill);
            System.arraycopy(b, off, hdr, hdrFill, n);
            hdrFill += n;
            off += n;
            pos += n;
            if (hdrFill == hdrNeed) {
                header();
                if (format == Format.GZIP) {
                    update(b, off, end - off);
                    return;
                }
            }
        }
    }

    /** True once the bytes so far cannot be a capture: the upload can be refused without reading on. */
    public boolean failed() {
        return error != null;
    }

    /** Null when the whole file was a capture, else one line saying what is wrong. */
    public String finish() {
        if (error != null) {
            return error;
        }
        if (pos == 0) {
            return "empty file";
        }
        switch (format) {
            case UNKNOWN:
                return "not a pcap, pcapng or gzip of one (file too short)";
            case GZIP:
                return checkGzip();
            default:
                if (!globalHeaderDone) {
                    return "truncated " + name() + " (the file ends inside its header)";
                }
                if (hdrFill > 0 || pos < skipUntil) {
                    return "truncated " + name() + " (the " + (format == Format.PCAP ? "record" : "block")
                            + " at byte " + recordStart + " is cut off at byte " + pos + ")";
                }
                return null;
        }
    }

    /** {@code pcap}, {@code pcapng}, {@code pcap.gz} or {@code pcapng.gz}; valid after a successful {@link #finish}. */
    public String formatName() {
        return name();
    }

    public boolean nanosecond() {
        return nanos;
    }

    private String name() {
        return switch (format) {
            case PCAP -> "pcap";
            case PCAPNG -> "pcapng";
            case GZIP -> gzipInner == Format.PCAPNG ? "pcapng.gz" : "pcap.gz";
            case UNKNOWN -> "unknown";
        };
    }

    private Format gzipInner = Format.UNKNOWN;

    private String checkGzip() {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipPeek, 0, gzipFill))) {
            byte[] m = in.readNBytes(4);
            if (m.length < 4) {
                return "truncated gzip (no capture inside)";
            }
            Format inner = magic(m);
            if (inner != Format.PCAP && inner != Format.PCAPNG) {
                return "gzip that does not hold a pcap or pcapng";
            }
            gzipInner = inner;
            return null;
        } catch (java.io.EOFException e) {
            return "truncated gzip (no capture inside)";
        } catch (IOException e) {
            return "corrupt gzip (" + e.getMessage() + ")";
        }
    }

    private Format magic(byte[] m) {
        int be = u32(m, 0, true);
        int le = u32(m, 0, false);
        if (be == 0xA1B2C3D4 || le == 0xA1B2C3D4 || be == 0xA1B23C4D || le == 0xA1B23C4D) {
            return Format.PCAP;
        }
        if (be == PCAPNG_SHB) {
            return Format.PCAPNG;
        }
        if ((m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
            return Format.GZIP;
        }
        return Format.UNKNOWN;
    }

    private void header() {
        switch (format) {
            case UNKNOWN -> {
                format = magic(hdr);
                switch (format) {
                    case PCAP -> {
                        // pcap global header: magic, version, thiszone, sigfigs, snaplen, linktype (24 bytes)
                        bigEndian = u32(hdr, 0, true) == 0xA1B2C3D4 || u32(hdr, 0, true) == 0xA1B23C4D;
                        nanos = u32(hdr, 0, bigEndian) == 0xA1B23C4D;
                        hdrNeed = 24;
                    }
                    case PCAPNG -> hdrNeed = 12; // SHB: type, total length, byte-order magic
                    case GZIP -> {
                        gzipPeek = new byte[GZIP_PEEK];
                        System.arraycopy(hdr, 0, gzipPeek, 0, 4);
                        gzipFill = 4;
                        hdrFill = 0;
                    }
                    default -> error = "not a pcap, pcapng or gzip of one (unknown magic "
                            + String.format("%02x%02x%02x%02x", hdr[0], hdr[1], hdr[2], hdr[3]) + ")";
                }
            }
            case PCAP -> {
                if (!globalHeaderDone) {
                    globalHeaderDone = true;
                    hdrFill = 0;
                    hdrNeed = 16;
                    return;
                }
                // record header: ts_sec, ts_frac, incl_len, orig_len
                long incl = u32(hdr, 8, bigEndian) & 0xffffffffL;
                if (incl > MAX_RECORD) {
                    error = "corrupt pcap (the record at byte " + recordStart + " claims " + incl + " bytes)";
                    return;
                }
                skipUntil = pos + incl;
                hdrFill = 0;
            }
            case PCAPNG -> {
                int type = u32(hdr, 0, bigEndian);
                if (hdrNeed == 8 && type == PCAPNG_SHB) {
                    hdrNeed = 12; // a new section may switch byte order: read its byte-order magic first
                    return;
                }
                if (hdrNeed == 12) {
                    int bom = u32(hdr, 8, true);
                    if (bom == 0x1A2B3C4D) {
                        bigEndian = true;
                    } else if (bom == 0x4D3C2B1A) {
                        bigEndian = false;
                    } else {
                        error = "corrupt pcapng (bad byte-order magic at byte " + (recordStart + 8) + ")";
                        return;
                    }
                }
                long total = u32(hdr, 4, bigEndian) & 0xffffffffL;
                if (total < 12 || total % 4 != 0 || total > MAX_RECORD) {
                    error = "corrupt pcapng (the block at byte " + recordStart + " claims " + total + " bytes)";
                    return;
                }
                globalHeaderDone = true;
                skipUntil = recordStart + total;
                hdrFill = 0;
                hdrNeed = 8;
            }
            default -> { }
        }
    }

    private static int u32(byte[] b, int off, boolean big) {
        int a = b[off] & 0xff, c = b[off + 1] & 0xff, d = b[off + 2] & 0xff, e = b[off + 3] & 0xff;
        return big ? (a << 24) | (c << 16) | (d << 8) | e : (e << 24) | (d << 16) | (c << 8) | a;
    }
}
