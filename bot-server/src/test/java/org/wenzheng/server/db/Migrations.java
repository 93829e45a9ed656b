package org.wenzheng.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The migration files the build ships for a database (target/classes/db/migration/<dialect>), read the way Flyway names them. */
final class Migrations {
    private static final Pattern NAME = Pattern.compile("V(\\d+)__.+\\.sql");

    private Migrations() {
    }

    static int count(Dialect dialect) {
        return versions(dialect).size();
    }

    static String latestVersion(Dialect dialect) {
        return String.valueOf(versions(dialect).stream().mapToInt(Integer::intValue).max().orElseThrow());
    }

    private static List<Integer> versions(Dialect dialect) {
        URL folder = Migrations.class.getClassLoader().getResource(dialect.migrations());
        if (folder == null) {
            throw new IllegalStateException("no " + dialect.migrations() + " on the test class path");
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(f -> NAME.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
