package org.brocapi.service.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in for the zeek binary, written as a shell script: called as {@code <bin> -C -r PCAP local},
 * it writes a Zeek-style {@code conn.log} whose data lines depend on the pcap (one line per
 * {@code size % 7 + 1}, each carrying the pcap's hash prefix and size), a {@code dns.log} when the
 * pcap holds the text {@code DNSME}, exits 3 with a message on stderr for {@code CRASHME}, sleeps
 * N seconds for {@code SLEEPn}, and appends "hash pid" to {@code journal} beside itself.
 */
public final class FakeZeek {
    private FakeZeek() { }

    public static Path write(Path dir) throws IOException {
        Path script = dir.resolve("fake-zeek");
        Files.writeString(script, """
                #!/bin/bash
                set -e
                [ "$1" = -C ] && [ "$2" = -r ] && [ "$4" = local ] || { echo "usage: $0 -C -r PCAP local" >&2; exit 64; }
                pcap="$3"
                sum=$(sha256sum "$pcap" | cut -c1-16)
                echo "$sum $$" >> "$(dirname "$0")/journal"
                if grep -aq CRASHME "$pcap"; then
                  echo "warning: something odd" >&2
                  echo "fatal error in $pcap: fake zeek cannot read this" >&2
                  exit 3
                fi
                secs=$(grep -ao 'SLEEP[0-9]*' "$pcap" | head -1 | cut -c6- || true)
                [ -n "$secs" ] && sleep "$secs"
                size=$(stat -c %s "$pcap")
                n=$(( size % 7 + 1 ))
                {
                  printf '#separator \\\\x09\\n#set_separator\\t,\\n#path\\tconn\\n#open\\t2024-01-01-00-00-00\\n#fields\\tts\\tuid\\tsize\\n#types\\ttime\\tstring\\tcount\\n'
                  for i in $(seq 1 $n); do printf '%s.000000\\tC%s\\t%s\\n' "$i" "$sum" "$size"; done
                  printf '#close\\t2024-01-01-00-00-01\\n'
                } > conn.log
                if grep -aq DNSME "$pcap"; then
                  printf '#separator \\\\x09\\n#path\\tdns\\n#fields\\tts\\tquery\\n#types\\ttime\\tstring\\n1.0\\t%s.example\\n#close\\tx\\n' "$sum" > dns.log
                fi
                echo "loaded" > loaded_scripts.log
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** Lines of {@code journal}: one per run of the script. */
    public static List<String> journal(Path script) throws IOException {
        Path j = script.resolveSibling("journal");
        return Files.exists(j) ? Files.readAllLines(j) : List.of();
    }

    /** The conn.log data lines the script writes for a pcap of {@code size} bytes. */
    public static int connLines(long size) {
        return (int) (size % 7 + 1);
    }
}
