package dev.kaiko.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real-world corpora (read-only test data) and this package's own fixtures. */
final class Corpora {

    private Corpora() {}

    static Path dir() {
        return Path.of(System.getProperty("kaiko.corpora", "../shared/corpora"));
    }

    static Path path(String relative) {
        return dir().resolve(relative);
    }

    static String text(String relative) {
        return read(path(relative));
    }

    /** A corpus file's text; JSer.info's item files with their series named (see support.Corpora#bytes). */
    static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return file.toString().contains("jser-") && file.toString().endsWith(".json")
                    ? dev.kaiko.support.Corpora.withJserSeries(text)
                    : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture under src/test/resources/archive/. */
    static String fixture(String name) {
        try (var in = Corpora.class.getResourceAsStream("/archive/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
