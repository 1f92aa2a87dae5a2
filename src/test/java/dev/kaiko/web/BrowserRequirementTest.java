package dev.kaiko.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentest4j.TestAbortedException;

/** The rule every browser test follows when Chromium is missing: fail on CI, skip on a developer's machine. */
class BrowserRequirementTest {

    static final Path MISSING = Path.of("/nonexistent/kaiko-test/chromium");
    static final Path PRESENT = Path.of(System.getProperty("java.home"), "bin", "java");

    @ParameterizedTest(name = "CI={0}")
    @CsvSource({"true", "1", "yes"})
    void missingBrowserFailsOnCi(String ci) {
        assertThatThrownBy(() -> Browser.require(ci, PRESENT, MISSING))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(MISSING.toString())
                .hasMessageContaining("CI is set");
    }

    @ParameterizedTest(name = "CI={0}")
    @CsvSource(
            value = {"NIL", "''", "false", "0"},
            nullValues = "NIL")
    void missingBrowserIsSkippedElsewhere(String ci) {
        assertThatThrownBy(() -> Browser.require(ci, MISSING))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(MISSING.toString())
                .hasMessageContaining("apt-get install chromium");
    }

    @ParameterizedTest(name = "CI={0}")
    @CsvSource(
            value = {"true", "NIL"},
            nullValues = "NIL")
    void installedBrowserPasses(String ci) {
        assertThatCode(() -> Browser.require(ci, PRESENT)).doesNotThrowAnyException();
    }
}
