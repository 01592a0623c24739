package org.brocapi.analyzer.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import org.brocapi.analyzer.CaptureFormatException;

/**
 * Opens a capture of any supported format, told apart by its first four bytes: classic pcap (any
 * byte order, µs or ns), pcapng, or a gzip of either (decompressed on the fly, then detected again).
 */
public final class Captures {
    private Captures() { }

    private static final int GZIP_BUFFER = 1 << 20;

    /** Opens a file. Throws {@link CaptureFormatException} when it is not a capture. */
    public static PacketSource open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ByteBuffer head = ByteBuffer.allocate(4);
            while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                // positional reads leave the channel at offset 0 for the reader
            }
            if (head.position() >= 2 && isGzip(head.array())) {
                ch.close();
                return open(gunzip(Files.newInputStream(file)), 1);
            }
            long size = ch.size();
            // small files need no full-size buffer; the floor keeps room for the largest record
            int capacity = (int) Math.max(Math.min(ChunkInput.DEFAULT_CAPACITY, size), 2 * CaptureReader.MAX_CAPLEN + 64);
            return detect(new ChunkInput(ch, capacity));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Opens a stream such as stdin ({@code zeek -r -}). The stream is closed with the source. */
    public static PacketSource open(InputStream in) throws IOException {
        return open(in, 0);
    }

    private static PacketSource open(InputStream raw, int depth) throws IOException {
        // Pushback, not BufferedInputStream: the latter keeps reading while available() > 0 and
        // loses a whole chunk when GZIPInputStream then fails at a cut-off end
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        try {
            byte[] head = in.readNBytes(2);
            in.unread(head);
            if (head.length == 2 && isGzip(head)) {
                if (depth > 0) throw new CaptureFormatException("gzip inside gzip: not a capture");
                return open(gunzip(in), depth + 1);
            }
            return detect(new ChunkInput(in, ChunkInput.DEFAULT_CAPACITY));
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            // only a GZIPInputStream throws these here: its data is corrupt or ends too early
            in.close();
            throw new CaptureFormatException("corrupt or truncated gzip stream: not a capture");
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads the gzip header; a cut-off or corrupt one means the input is not a capture. */
    private static InputStream gunzip(InputStream compressed) throws IOException {
        try {
            return new GZIPInputStream(compressed, GZIP_BUFFER);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            compressed.close();
            throw new CaptureFormatException("corrupt or truncated gzip header: not a capture");
        }
    }

    private static boolean isGzip(byte[] b) {
        return (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    private static PacketSource detect(ChunkInput in) throws IOException {
        try {
            in.ensure(4);
            if (in.available() < 4 && in.damaged()) throw new CaptureFormatException("corrupt or truncated gzip stream");
            if (in.available() < 4) {
                throw new CaptureFormatException(in.available() == 0
                        ? "empty input: not a pcap or pcapng capture"
                        : "only " + in.available() + " bytes: not a pcap or pcapng capture");
            }
            int be = (int) CaptureReader.I32_BE.get(in.buf, in.pos);
            int le = Integer.reverseBytes(be);
            if (be == PcapngReader.SHB) return new PcapngReader(in);
            for (int m : new int[] {PcapReader.MAGIC_US, PcapReader.MAGIC_NS, PcapReader.MAGIC_MODIFIED}) {
                if (be == m || le == m) return new PcapReader(in);
            }
            throw new CaptureFormatException("not a pcap or pcapng capture: starts with " + describe(in.buf, in.pos, Math.min(8, in.available())));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** "3c 68 74 6d 6c 3e 0a 3c ("<html>.<")": what a user needs to recognise the file. */
    private static String describe(byte[] b, int off, int n) {
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = b[off + i] & 0xff;
            if (i > 0) hex.append(' ');
            hex.append(String.format("%02x", c));
            text.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return hex + " (\"" + text + "\")";
    }
}
