package org.wenzheng.app.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version the jar was built as (from its manifest), and the Java running it. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "wenzheng " + (v == null ? "(development build)" : v),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"
        };
    }
}
