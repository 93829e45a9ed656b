package org.wenzheng.knowledge.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The on-disk layout that makes re-indexing atomic: each build writes a new generation folder
 * ({@code gen-000042}) and only when it is complete and committed is the {@code CURRENT} file
 * switched to it with an atomic rename. A crash mid-build leaves the previous generation served;
 * unfinished generations are removed by the next build.
 */
public final class IndexLayout {
    static final String CURRENT = "CURRENT";
    private static final String PREFIX = "gen-";

    private final Path root;

    public IndexLayout(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The generation being served, if any build ever completed. */
    public Optional<Path> current() {
        Path pointer = root.resolve(CURRENT);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        try {
            String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            Path gen = root.resolve(name);
            if (!name.startsWith(PREFIX) || !Files.isDirectory(gen)) {
                throw new IllegalStateException("index pointer " + pointer + " names a missing generation '" + name + "'");
            }
            return Optional.of(gen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer, e);
        }
    }

    /** A fresh, empty folder for the next generation. */
    Path newGeneration() throws IOException {
        Files.createDirectories(root);
        int next = 1;
        for (Path p : generations()) {
            next = Math.max(next, Integer.parseInt(p.getFileName().toString().substring(PREFIX.length())) + 1);
        }
        Path gen = root.resolve(String.format("%s%06d", PREFIX, next));
        Files.createDirectory(gen);
        return gen;
    }

    /** Makes {@code gen} the served generation and removes the others. */
    void publish(Path gen) throws IOException {
        Path tmp = root.resolve(CURRENT + ".tmp");
        Files.writeString(tmp, gen.getFileName().toString() + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING);
        }
        removeAllBut(gen);
    }

    /** Removes every generation but {@code keep} (readers holding old files keep them open on POSIX). */
    void removeAllBut(Path keep) throws IOException {
        for (Path p : generations()) {
            if (!p.equals(keep)) {
                deleteTree(p);
            }
        }
    }

    private List<Path> generations() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d{6}") && Files.isDirectory(p))
                    .sorted().toList();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
