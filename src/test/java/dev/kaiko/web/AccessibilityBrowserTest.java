package dev.kaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import dev.kaiko.support.TestData;
import dev.kaiko.web.pages.PageExtensions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * WCAG 2.1 AA in real headless Chromium: axe-core (the copy bundled in {@code com.deque.html.axe-core:selenium},
 * injected through our own Selenium) over the search, topic, issue, year and technology pages, plus what axe cannot
 * see: the result count announced in a live region, distinct names for the facet controls, and keyboard use.
 */
@QuarkusTest
class AccessibilityBrowserTest {

    /** The rule sets of WCAG 2.0 and 2.1, levels A and AA. */
    static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    static final Path DUMPS = Path.of("target", "a11y");

    private static ChromeDriver driver;
    private static String axeSource;

    @Inject
    TestData data;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void prepare() {
        if (driver == null) {
            Browser.requireInstalled();
            ArchiveFixtures.importAll(data);
            axeSource = axeSource();
            driver = Browser.start();
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        }
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterAll
    static void quit() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    @Test
    void thePagesHaveNoSeriousOrCriticalViolations() {
        JsonPath ebpf = Browser.searchApi("q=eBPF");
        assertThat(ebpf.getLong("total")).isPositive();
        String topic = "/topics/" + ebpf.getString("hits[0].id");
        String issue = "/issues/" + ebpf.getString("hits[0].issue.id");

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("search-all", "/search?lang=en");
        pages.put("search-results-facet", "/search?q=eBPF&year=2023");
        pages.put("search-nothing-found", "/search?q=" + PageExtensions.encode("zzqqxxyy"));
        pages.put("search-ja", "/search?q=Rust&tag=Rust&lang=ja");
        pages.put("topic-ja", topic);
        pages.put("topic", topic + "?lang=en");
        pages.put("issue", issue);
        pages.put("year", "/years/2023");
        pages.put("tags", "/tags");
        pages.put("tag", "/tags/Rust");

        List<String> serious = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            open(page.getValue());
            serious.addAll(audit(page.getKey()));
        }
        // and after the results were swapped in by script: typing, then a facet and "show more"
        open("/search?lang=en");
        driver.findElement(By.id("q")).sendKeys("Rust");
        Browser.waitFor(driver).until(d -> Browser.decodedUrl(d.getCurrentUrl()).contains("q=Rust"));
        waitForCount(Browser.searchApi("q=Rust").getLong("total"));
        driver.findElement(By.cssSelector(".facet-year input")).click();
        Browser.waitFor(driver).until(d -> Browser.decodedUrl(d.getCurrentUrl()).contains("year="));
        driver.findElements(By.cssSelector(".facet-more")).forEach(WebElement::click);
        serious.addAll(audit("search-updated"));
        // a phone's width: the facets behind their toggle, opened
        driver.manage().window().setSize(new Dimension(390, 844));
        open("/search?q=Rust");
        driver.findElement(By.cssSelector(".facets-toggle")).click();
        Browser.waitFor(driver).until(d -> d.findElement(By.id("facet-panel")).isDisplayed());
        serious.addAll(audit("search-phone"));

        assertThat(serious)
                .as("serious or critical WCAG 2.1 AA violations (axe-core " + WCAG_TAGS + ")")
                .isEmpty();
    }

    @Test
    void theResultCountIsAnnouncedWhenResultsUpdate() {
        open("/search?lang=en");
        WebElement live = driver.findElement(By.cssSelector("[aria-live=polite]"));
        assertThat(live.getAttribute("aria-atomic")).isEqualTo("true");
        assertThat((Boolean) driver.executeScript(
                        "return document.getElementById('results-area').contains(arguments[0]);", live))
                .as("the live region stays in place while the results are swapped")
                .isFalse();
        driver.executeScript("arguments[0].dataset.kept = 'yes';", live);
        assertThat(liveText()).as("nothing to announce on arrival").isEmpty();

        long all = Browser.searchApi("").getLong("total");
        long only2023 = Browser.searchApi("year=2023").getLong("total");
        long ebpf2023 = Browser.searchApi("q=eBPF&year=2023").getLong("total");
        assertThat(List.of(all, only2023, ebpf2023, 0L)).doesNotHaveDuplicates();

        driver.findElement(By.cssSelector(".facet-year input[value='2023']")).click();
        Browser.waitFor(driver).until(d -> liveText().startsWith(only2023 + " "));
        assertThat(liveText()).isEqualTo(Browser.text(driver, ".result-count"));

        driver.findElement(By.id("q")).sendKeys("eBPF");
        Browser.waitFor(driver).until(d -> liveText().startsWith(ebpf2023 + " "));
        assertThat(liveText()).isEqualTo(Browser.text(driver, ".result-count"));

        // one word that nothing has (several words would be answered without the missing one)
        driver.findElement(By.id("q")).sendKeys(Keys.END, "zzqqxxyy");
        Browser.waitFor(driver).until(d -> liveText().startsWith("0 "));
        assertThat(driver.findElement(By.cssSelector("[aria-live=polite]")).getAttribute("data-kept"))
                .isEqualTo("yes");
    }

    @Test
    void facetControlsAndShowMoreButtonsHaveDistinctNames() {
        open("/search?lang=en");
        List<WebElement> more = driver.findElements(By.cssSelector(".facet-more"));
        assertThat(more)
                .as("the technology facet has more values than it first shows")
                .isNotEmpty();
        Map<String, Long> names = new LinkedHashMap<>();
        for (WebElement button : more) {
            assertThat(button.isDisplayed()).isTrue();
            assertThat(button.getAttribute("aria-expanded")).isEqualTo("false");
            assertThat(button.getAccessibleName())
                    .contains("Show more")
                    .contains(legend(button.getAttribute("data-facet")));
            names.merge(button.getAccessibleName(), 1L, Long::sum);
        }

        // "show more" reveals every value of its facet, and says so
        WebElement button = more.get(0);
        String facet = button.getAttribute("data-facet");
        int shown = visible(".facet-" + facet + " .facet-value").size();
        int all = driver.findElements(By.cssSelector(".facet-" + facet + " .facet-value"))
                .size();
        assertThat(shown).isLessThan(all);
        button.click();
        Browser.waitFor(driver).until(d -> "true".equals(button.getAttribute("aria-expanded")));
        assertThat(visible(".facet-" + facet + " .facet-value")).hasSize(all);
        assertThat(button.getAccessibleName()).contains("Show fewer").contains(legend(facet));
        more.stream().skip(1).forEach(WebElement::click);

        List<WebElement> boxes = driver.findElements(By.cssSelector(".facet input[type=checkbox]"));
        assertThat(boxes).hasSizeGreaterThan(10);
        for (WebElement box : boxes) {
            String name = box.getAccessibleName();
            assertThat(name)
                    .as("the name of a %s checkbox says its facet and value", box.getAttribute("name"))
                    .contains(legend(box.getAttribute("name")))
                    .contains(box.getAttribute("value"));
            names.merge(name, 1L, Long::sum);
        }
        assertThat(names.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
                .as("accessible names used more than once")
                .isEmpty();
    }

    private String legend(String facet) {
        return driver.findElement(By.cssSelector(".facet-" + facet + " legend"))
                .getAttribute("textContent")
                .strip();
    }

    @Test
    void everythingWorksByKeyboardWithAVisibleFocus() {
        open("/search?lang=en");
        List<String> reached = new ArrayList<>();
        String firstFacet = null;
        for (int i = 0; i < 120 && !reached.contains("hit"); i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            WebElement focused = driver.switchTo().activeElement();
            String kind = kind(focused);
            if (!reached.contains(kind)) {
                reached.add(kind);
            }
            if (!kind.equals("other")) {
                assertThat(focusRing(focused)).as("visible focus on " + kind).isTrue();
            }
            if (kind.equals("facet") && firstFacet == null) {
                firstFacet = focused.getAttribute("value");
            }
        }
        reached.remove("other");
        assertThat(reached).as("Tab order").containsSubsequence("skip-link", "search-box", "facet", "hit");

        // Space and Enter toggle a focused facet; focus stays on it while the results are swapped in
        WebElement facet = driver.findElement(By.cssSelector(".facet input[value='" + firstFacet + "']"));
        String param = facet.getAttribute("name");
        driver.executeScript("arguments[0].focus();", facet);
        new Actions(driver).sendKeys(Keys.SPACE).perform();
        String selected = param + "=" + firstFacet;
        Browser.waitFor(driver).until(d -> Browser.decodedUrl(d.getCurrentUrl()).contains(selected));
        Browser.waitFor(driver).until(d -> firstFacet(d.switchTo().activeElement(), selected));
        assertThat(driver.switchTo().activeElement().isSelected()).isTrue();
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        Browser.waitFor(driver)
                .until(d -> !Browser.decodedUrl(d.getCurrentUrl()).contains(selected));
        Browser.waitFor(driver).until(d -> firstFacet(d.switchTo().activeElement(), selected));
        assertThat(driver.switchTo().activeElement().isSelected()).isFalse();

        // the skip link, shown when focused, moves focus past the header
        open("/search?lang=en");
        new Actions(driver).sendKeys(Keys.TAB).perform();
        WebElement skip = driver.switchTo().activeElement();
        assertThat(skip.getAttribute("class")).contains("skip-link");
        assertThat(skip.getRect().getX()).isNotNegative();
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        Browser.waitFor(driver).until(d -> d.getCurrentUrl().endsWith("#main"));
    }

    private static boolean firstFacet(WebElement active, String selected) {
        return (active.getAttribute("name") + "=" + active.getAttribute("value")).equals(selected);
    }

    private static String kind(WebElement e) {
        String cls = String.valueOf(e.getAttribute("class"));
        if (cls.contains("skip-link")) return "skip-link";
        if ("q".equals(e.getAttribute("id"))) return "search-box";
        if ("checkbox".equals(e.getAttribute("type"))
                && (Boolean) driver.executeScript("return !!arguments[0].closest('.facet');", e)) return "facet";
        if ((Boolean) driver.executeScript("return !!arguments[0].closest('.hit-title');", e)) return "hit";
        return "other";
    }

    /** An outline or a box shadow drawn around the focused element (what :focus-visible gives). */
    private static boolean focusRing(WebElement e) {
        return (Boolean) driver.executeScript(
                "var s = getComputedStyle(arguments[0]);"
                        + "return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)"
                        + " || (s.boxShadow && s.boxShadow !== 'none');",
                e);
    }

    /** Runs axe over the current page; returns the serious and critical violations, one line per element. */
    @SuppressWarnings("unchecked")
    private List<String> audit(String name) {
        dump(name);
        if (!(Boolean) driver.executeScript("return typeof window.axe !== 'undefined';")) {
            driver.executeScript(axeSource);
        }
        Object result = driver.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                        + ".then(function (r) { done(r.violations.map(function (v) { return {id: v.id, impact: v.impact,"
                        + " help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(' ') + ' → '"
                        + " + (n.failureSummary || '').replace(/\\s+/g, ' '); }) }; })); })"
                        + ".catch(function (e) { done('axe failed: ' + e); });",
                WCAG_TAGS);
        assertThat(result).as("axe ran on " + name).isInstanceOf(List.class);
        List<String> serious = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result) {
            String impact = String.valueOf(v.get("impact"));
            for (String node : (List<String>) v.get("nodes")) {
                String line = name + ": [" + impact + "] " + v.get("id") + " – " + v.get("help") + " – " + node;
                System.out.println("axe " + line);
                if (impact.equals("serious") || impact.equals("critical")) {
                    serious.add(line);
                }
            }
        }
        return serious;
    }

    /** The page as rendered, kept next to the screenshots for looking into a failure. */
    private static void dump(String name) {
        try {
            Files.createDirectories(DUMPS);
            Files.writeString(DUMPS.resolve(name + ".html"), driver.getPageSource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Browser.screenshot(driver, "a11y-" + name + ".png");
    }

    private static String axeSource() {
        try (InputStream in = AccessibilityBrowserTest.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            assertThat(in).as("axe.min.js on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<WebElement> visible(String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed)
                .collect(Collectors.toList());
    }

    private String liveText() {
        return driver.findElement(By.cssSelector("[aria-live=polite]"))
                .getAttribute("textContent")
                .strip();
    }

    private void waitForCount(long total) {
        Browser.waitFor(driver).until(d -> Browser.text(driver, ".result-count").startsWith(total + " "));
    }

    private void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
        Browser.waitFor(driver)
                .until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
    }
}
