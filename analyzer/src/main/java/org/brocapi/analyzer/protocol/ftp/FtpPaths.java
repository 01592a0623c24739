package org.brocapi.analyzer.protocol.ftp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.brocapi.analyzer.log.ZeekText;

/**
 * The path helpers ftp.log relies on, as base/utils/paths.zeek and Zeek's {@code compress_path}
 * (util's {@code normalize_path}) define them. Pure.
 */
final class FtpPaths {
    /** {@code absolute_path_pat}: a Unix root or a Windows drive. */
    private static final Pattern ABSOLUTE = Pattern.compile("(/|[A-Za-z]:[\\\\/]).*", Pattern.DOTALL);
    /** {@code extract_path}'s directory pattern; an escaped space continues the path. */
    private static final Pattern DIR = Pattern.compile("(/|[A-Za-z]:[\\\\/])(\\\\ |[^\" ])*");

    private FtpPaths() { }

    /** {@code build_url} without the scheme: host (IPv6 in brackets) and the absolute path. */
    static String url(byte[] host, String cwd, String arg) {
        String path = buildCompressed(cwd, arg);
        if (path.isEmpty() || path.charAt(0) != '/') path = "/" + path;
        String h = ZeekText.addrString(host);
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + path;
    }

    /** {@code build_path_compressed}: {@code file} under {@code dir} unless absolute, normalized. */
    static String buildCompressed(String dir, String file) {
        String sep = dir.endsWith("/") ? "" : "/";
        String p = ABSOLUTE.matcher(file).matches() || dir.isEmpty() ? file : dir + sep + file;
        return normalize(p);
    }

    /** {@code extract_path}: the first absolute path in the text, or "". */
    static String extractPath(String input) {
        var m = DIR.matcher(input);
        return m.find() ? m.group() : "";
    }

    /** Zeek's {@code normalize_path}: drops empty and "." components and folds "..". */
    static String normalize(String path) {
        if (!path.contains("/.") && !path.contains("//")) {
            return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }
        List<String> parts = new ArrayList<>();
        String[] components = path.split("/", -1);
        for (int i = 0; i < components.length; i++) {
            String c = components[i];
            if (c.isEmpty() || c.equals(".") && i != 0) continue;
            parts.add(c);
            if (c.equals("..") && parts.size() > 1) {
                String last = parts.get(parts.size() - 2);
                if (last.equals("/") || last.equals("~") || last.equals("..")) continue;
                if (last.equals(".")) {
                    parts.set(parts.size() - 2, "..");
                    parts.remove(parts.size() - 1);
                } else {
                    parts.remove(parts.size() - 1);
                    parts.remove(parts.size() - 1);
                }
            }
        }
        var out = new StringBuilder(path.startsWith("/") ? "/" : "");
        for (String p : parts) out.append(p).append('/');
        if (out.length() > 1 && out.charAt(out.length() - 1) == '/') out.setLength(out.length() - 1);
        return out.toString();
    }
}
