package org.brocapi.analyzer.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Zeek's conformance corpus is: {@code -Dzeek.conformance=DIR}, else {@code ZEEK_CONFORMANCE},
 * else {@code ../shared/zeek-conformance} beside the repository (as on the developers' machines and
 * in CI). Tests that read it are skipped where it is absent; nothing of it is committed.
 */
public final class Corpus {
    private Corpus() { }

    public static Path dir() {
        String p = System.getProperty("zeek.conformance", System.getenv("ZEEK_CONFORMANCE"));
        if (p != null && !p.isEmpty()) return Path.of(p);
        // surefire runs in the module directory: the repository is its parent
        Path repo = Path.of("").toAbsolutePath().getParent();
        return repo.resolveSibling("shared").resolve("zeek-conformance");
    }

    public static boolean present() {
        return Files.isDirectory(dir().resolve("baselines"));
    }
}
