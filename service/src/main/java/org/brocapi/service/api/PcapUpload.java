package org.brocapi.service.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.brocapi.service.job.CaptureCheck;
import org.brocapi.service.job.UploadedPcap;
import org.brocapi.service.syslog.TagRule;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * One {@code multipart/form-data} request body, streamed in a single pass from the socket into
 * {@code <staging>/pcaps/}: each file part is checked as a capture ({@link CaptureCheck}) on the
 * request thread as its bytes arrive, and written and SHA-256 hashed by a {@link PartWriter} on
 * two more threads, so memory stays constant whatever the size, an upload uses both cores, and a
 * bad or over-limit upload is refused as soon as it shows.
 *
 * <p>Fields: {@code file[]} (1.0's code) and {@code file} (1.0's README), repeated; {@code tag}
 * (first value). Other fields are read past. Jetty's parser swallows exceptions thrown by a
 * listener, so a failure is kept in {@link #failure} and checked after every {@code parse}
 * (stack.md gotcha 5); chunks are never released here (same gotcha).
 */
final class PcapUpload implements MultiPart.Parser.Listener {
    /** Longer than any DNS name (253), the HOSTNAME field tag ends up in. */
    static final int MAX_TAG_CHARS = 255;
    /**
     * Jetty's socket read size for request bodies ({@link JobRoutes#register} sets it), and so the
     * size of our reads: the largest buffer Jetty's pool keeps (ArrayByteBufferPool's default).
     */
    static final int NETWORK_READ = 64 * 1024;

    private enum Kind { FILE, TAG, OTHER }

    private final Path pcaps;
    private final long maxBytes;
    private final int maxFiles;

    final List<UploadedPcap> files = new ArrayList<>();
    String tag;
    private boolean tagSeen;
    ApiError failure;
    private boolean complete;
    private long bodyBytes;

    private Kind kind;
    private String fieldName;
    private String fileName;
    private int fileCount;
    private Path partFile;
    private FileChannel channel;
    /** Started with the first file part, ended when the body is read. */
    private PartWriter writer;
    private CaptureCheck check;
    private long partSize;
    private ByteArrayOutputStream tagBytes;

    PcapUpload(Path pcaps, long maxBytes, int maxFiles) {
        this.pcaps = pcaps;
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    /** Reads the whole body; throws the first failure. */
    void read(InputStream in, String boundary) throws IOException {
        MultiPart.Parser parser = new MultiPart.Parser(boundary, this);
        parser.setMaxParts(maxFiles * 2L + 64);
        // one array for every read: Jetty's parser hands out content only as slices of the chunk
        // being parsed (a boundary prefix held back at a chunk's end is re-sent from its own
        // pattern: MultiPart.Parser.parseContent), and PartWriter copies them before parse() returns
        byte[] buf = new byte[NETWORK_READ];
        try {
            while (failure == null) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    // the client went away or stalled: its problem, not a server error
                    fail(ApiError.of(400, "bad_request", "the upload was interrupted: " + e.getMessage()));
                    break;
                }
                if (n < 0) {
                    parser.parse(Content.Chunk.EOF);
                    break;
                }
                bodyBytes += n;
                if (bodyBytes > maxBytes) {
                    fail(ApiError.of(413, "too_large", "upload larger than the limit of " + maxBytes + " bytes"));
                    break;
                }
                parser.parse(Content.Chunk.from(ByteBuffer.wrap(buf, 0, n), false));
            }
        } finally {
            closePart();
            if (writer != null) {
                writer.close();
            }
        }
        if (failure != null) {
            throw failure;
        }
        if (!complete) {
            throw ApiError.of(400, "bad_request", "the multipart body ended early");
        }
    }

    private void fail(ApiError e) {
        if (failure == null) {
            failure = e;
        }
    }

    @Override
    public void onPartBegin() {
        kind = Kind.OTHER;
        fieldName = null;
        fileName = null;
    }

    @Override
    public void onPartHeader(String name, String value) {
        if (failure == null && name.equalsIgnoreCase("Content-Disposition")) {
            fieldName = param(value, "name");
            fileName = param(value, "filename");
        }
    }

    @Override
    public void onPartHeaders() {
        if (failure != null) {
            return;
        }
        if (("file[]".equals(fieldName) || "file".equals(fieldName)) && fileName != null) {
            if (++fileCount > maxFiles) {
                fail(ApiError.of(413, "too_many_files", "more than " + maxFiles + " files in one upload"));
                return;
            }
            kind = Kind.FILE;
            try {
                if (writer == null) {
                    writer = new PartWriter();
                }
                partFile = pcaps.resolve(".part-" + fileCount);
                channel = FileChannel.open(partFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                // caught here, not by Jetty's parser, which would swallow it: no threads or file, no upload
                fail(ApiError.of(500, "storage", "cannot store the upload: " + e.getMessage()));
                return;
            }
            writer.begin(channel);
            check = new CaptureCheck();
            partSize = 0;
        } else if ("tag".equals(fieldName) && fileName == null && !tagSeen) {
            kind = Kind.TAG;
            tagBytes = new ByteArrayOutputStream();
        }
    }

    @Override
    public void onPartContent(Content.Chunk chunk) {
        if (failure != null) {
            return;
        }
        ByteBuffer bb = chunk.getByteBuffer().slice();
        int n = bb.remaining();
        switch (kind) {
            case FILE -> {
                check.update(bb.array(), bb.arrayOffset() + bb.position(), n);
                if (check.failed()) {
                    fail(ApiError.submit(400, "bad_pcap", displayName(fileName) + ": " + check.finish(), null, null));
                    return;
                }
                partSize += n;
                try {
                    writer.write(bb);
                } catch (IOException e) {
                    fail(ApiError.of(500, "storage", "cannot store the upload: " + e.getMessage()));
                }
            }
            case TAG -> {
                // keep at most a little more than the limit: a huge tag is refused, not buffered
                int keep = Math.min(n, (MAX_TAG_CHARS * 4 + 1) - tagBytes.size());
                if (keep > 0) {
                    tagBytes.write(bb.array(), bb.arrayOffset() + bb.position(), keep);
                }
            }
            case OTHER -> { }
        }
    }

    @Override
    public void onPartEnd() {
        if (failure != null) {
            return;
        }
        if (kind == Kind.TAG) {
            tagSeen = true;
            String t = tagBytes.toString(StandardCharsets.UTF_8);
            if (t.codePointCount(0, t.length()) > MAX_TAG_CHARS) {
                fail(ApiError.submit(400, "bad_tag", "tag is longer than " + MAX_TAG_CHARS + " characters", null, null));
            } else if (TagRule.validate(t) != null) {
                // rejected, not sanitised: the client learns now, not from misfiled syslog lines later
                fail(ApiError.submit(400, "bad_tag", TagRule.validate(t), null, null));
            } else {
                tag = t.isBlank() ? null : t;
            }
        } else if (kind == Kind.FILE) {
            endFile();
        }
        kind = Kind.OTHER;
    }

    private void endFile() {
        String display = displayName(fileName);
        try {
            String problem = check.finish();
            byte[] digest = null;
            try (FileChannel done = channel) {
                channel = null;
                if (problem == null) {
                    digest = writer.finish();
                } else {
                    writer.abandon(); // not kept: no need to wait for the disk
                }
            }
            if (partSize == 0 && fileName.isEmpty()) {
                // a browser form with no file chosen sends an empty part with an empty file name
                Files.delete(partFile);
                fileCount--;
                return;
            }
            if (problem != null) {
                fail(ApiError.submit(400, "bad_pcap", display + ": " + problem, null, null));
                return;
            }
            String sha = HexFormat.of().formatHex(digest);
            String stored = sha + "." + check.formatName();
            Path target = pcaps.resolve(stored);
            if (Files.exists(target)) {
                Files.delete(partFile); // same content twice in one upload: stored and analysed once
            } else {
                Files.move(partFile, target, StandardCopyOption.ATOMIC_MOVE);
            }
            files.add(new UploadedPcap(display, stored, sha, partSize, check.formatName()));
        } catch (IOException e) {
            fail(ApiError.of(500, "storage", "cannot store the upload: " + e.getMessage()));
        }
    }

    @Override
    public void onComplete() {
        complete = true;
    }

    @Override
    public void onFailure(Throwable failure) {
        fail(ApiError.of(400, "bad_request", "malformed multipart body: " + failure.getMessage()));
    }

    /** After a failure: stops the writer using the part's file and closes it (the staging directory goes). */
    private void closePart() {
        if (channel != null) {
            writer.abandon();
            try {
                channel.close();
            } catch (IOException ignored) {
                // the staging directory is deleted on failure anyway
            }
            channel = null;
        }
    }

    /** The client's name reduced to its last path element: {@code ../../etc/passwd} becomes {@code passwd}. */
    static String displayName(String name) {
        String n = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        n = n.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return n.isEmpty() || n.equals("..") || n.equals(".") ? "upload" : n;
    }

    /** A parameter of a Content-Disposition value (RFC 7578 §4.2), quoted or not; null when absent. */
    static String param(String header, String name) {
        int len = header.length();
        int i = header.indexOf(';');
        while (i >= 0) {
            i++;
            while (i < len && Character.isWhitespace(header.charAt(i))) {
                i++;
            }
            int eq = header.indexOf('=', i);
            int semi = header.indexOf(';', i);
            if (eq < 0 || (semi >= 0 && semi < eq)) {
                i = semi;
                continue;
            }
            String key = header.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < len && header.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                for (i++; i < len && header.charAt(i) != '"'; i++) {
                    char c = header.charAt(i);
                    // only \" is an escape: browsers send Windows paths with bare backslashes
                    if (c == '\\' && i + 1 < len && header.charAt(i + 1) == '"') {
                        c = header.charAt(++i);
                    }
                    sb.append(c);
                }
                value = sb.toString();
                i = header.indexOf(';', Math.min(i, len));
            } else {
                int end = header.indexOf(';', i);
                value = header.substring(i, end < 0 ? len : end).strip();
                i = end;
            }
            if (key.equals(name)) {
                return value;
            }
        }
        return null;
    }
}
