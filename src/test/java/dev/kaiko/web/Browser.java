package dev.kaiko.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.CapabilityType;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Headless Debian Chromium driven by Debian's chromedriver: explicit paths, so Selenium Manager never downloads
 * anything, and the flags that keep Chromium off the (closed) network.
 *
 * <p>Every browser-dependent test goes through {@link #requireInstalled()} (Selenium) or {@link #requireChromium()}
 * (Chromium's command line): when Chromium or chromedriver is missing, the test <em>fails</em> on CI (the environment variable {@code CI} is set, as CI services do with
 * {@code CI=true}) and is skipped, with a message saying what to install, on a developer's machine.
 */
public final class Browser {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {}

    /** The Chromium binary ({@code -Dkaiko.chromium}, default {@code /usr/bin/chromium}). */
    public static Path chromium() {
        return Path.of(System.getProperty("kaiko.chromium", "/usr/bin/chromium"));
    }

    /** The chromedriver binary ({@code -Dkaiko.chromedriver}, default {@code /usr/bin/chromedriver}). */
    public static Path chromedriver() {
        return Path.of(System.getProperty("kaiko.chromedriver", "/usr/bin/chromedriver"));
    }

    /** True when the environment variable {@code CI} is set to anything but {@code false} or {@code 0}. */
    static boolean onCi(String ci) {
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }

    /**
     * Returns the Chromium binary when it and chromedriver are installed (for tests driving a browser through
     * Selenium). Otherwise fails the calling test on CI and aborts it (skipped) elsewhere.
     */
    public static Path requireInstalled() {
        require(System.getenv("CI"), chromium(), chromedriver());
        return chromium();
    }

    /** Returns the Chromium binary when it is installed (for tests running Chromium's command line); as above. */
    public static Path requireChromium() {
        require(System.getenv("CI"), chromium());
        return chromium();
    }

    /** Fails ({@link AssertionError}) when {@code ci} is set, else aborts the test, unless every binary is there. */
    static void require(String ci, Path... binaries) {
        StringBuilder missing = new StringBuilder();
        for (Path p : binaries) {
            if (!Files.isExecutable(p)) {
                missing.append(missing.length() == 0 ? "" : ", ").append(p);
            }
        }
        if (missing.length() > 0) {
            String message = "headless Chromium is required but not installed (missing: " + missing
                    + "; apt-get install chromium chromium-driver, or set -Dkaiko.chromium / -Dkaiko.chromedriver)";
            if (onCi(ci)) {
                throw new AssertionError(message + " - failing because the environment variable CI is set");
            }
            Assumptions.abort(message + " - skipped because the environment variable CI is not set");
        }
    }

    static ChromeDriver start() {
        requireInstalled();
        String driverPath = chromedriver().toString();
        String chromium = chromium().toString();
        System.setProperty("webdriver.chrome.driver", driverPath);
        System.setProperty("SE_OFFLINE", "true");
        Path profile;
        try {
            profile = Files.createTempDirectory("kaiko-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--lang=en-US",
                "--user-data-dir=" + profile,
                "--window-size=1280,900");
        // an alert() must stay visible to the test instead of being dismissed silently
        options.setCapability(CapabilityType.UNHANDLED_PROMPT_BEHAVIOUR, UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverPath))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Logs the browser in to the admin pages through the login form (the admin pages take the session only). */
    static void loginAsAdmin(ChromeDriver driver, String site, String token) {
        driver.get(site + "/login");
        driver.findElement(org.openqa.selenium.By.id("j_password")).sendKeys(token);
        driver.findElement(org.openqa.selenium.By.cssSelector(".login-form button[type=submit]"))
                .click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().endsWith("/admin"));
    }

    static Path screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name);
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A wait that ignores elements swapped out while it looks (results are replaced in place). */
    static WebDriverWait waitFor(ChromeDriver driver) {
        return (WebDriverWait)
                new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class);
    }

    static String text(ChromeDriver driver, String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** The page's URL decoded, to compare its query with plain text. */
    static String decodedUrl(String url) {
        return URLDecoder.decode(url, StandardCharsets.UTF_8);
    }

    /** The search API's answer for a query string (what the page should show). */
    static JsonPath searchApi(String query) {
        return RestAssured.given()
                .get(query.isEmpty() ? "/api/search" : "/api/search?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
