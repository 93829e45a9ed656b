package org.wenzheng.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder, found from the module folder surefire runs in. */
public final class RepoRoot {
    private RepoRoot() {
    }

    /** The nearest folder at or above the working folder holding config/wenzheng.yaml. */
    public static Path find() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("config/wenzheng.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("config/wenzheng.yaml not found above " + System.getProperty("user.dir"));
    }
}
