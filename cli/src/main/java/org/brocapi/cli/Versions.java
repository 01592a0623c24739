package org.brocapi.cli;

/** Version strings, from the jar's manifest when packaged. */
final class Versions {
    private Versions() { }

    static String brocapi() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v != null ? v : "2.0.0-SNAPSHOT";
    }
}
