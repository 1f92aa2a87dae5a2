package dev.kaiko.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.kaiko.support.TestData;
import dev.kaiko.web.pages.PageExtensions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The search and archive pages in real headless Chromium, against the running service with real corpora. */
@QuarkusTest
class SearchPagesBrowserTest {

    private static ChromeDriver driver;

    @Inject
    TestData data;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void prepare() {
        if (driver == null) {
            Browser.requireInstalled();
            ArchiveFixtures.importAll(data);
            driver = Browser.start();
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
    void typingShowsHighlightedResultsWithoutReload() {
        open("/search");
        Object marker = driver.executeScript("return window.kaikoMarker = Math.random();");
        WebElement q = driver.findElement(By.id("q"));
        q.sendKeys("eBPF");
        List<WebElement> marks = Browser.waitFor(driver)
                .until(ExpectedConditions.presenceOfAllElementsLocatedBy(By.cssSelector(".hit mark")));
        assertTrue(
                marks.stream().anyMatch(m -> m.getText().equalsIgnoreCase("ebpf")), "a <mark>ed eBPF in the results");
        Browser.waitFor(driver).until(d -> Browser.decodedUrl(d.getCurrentUrl()).contains("q=eBPF"));
        assertEquals(marker, driver.executeScript("return window.kaikoMarker;"), "results came without a reload");
        long apiTotal = Browser.searchApi("q=eBPF").getLong("total");
        assertTrue(apiTotal > 0);
        assertTrue(
                Browser.text(driver, ".result-count").startsWith(apiTotal + " "),
                Browser.text(driver, ".result-count"));
        Browser.screenshot(driver, "search-desktop.png");
    }

    @Test
    void typingOffersSuggestionsFromTheSuggestApi() {
        open("/search");
        driver.findElement(By.id("q")).sendKeys("サイドカ");
        Browser.waitFor(driver)
                .until(d -> d.findElements(By.cssSelector("#suggestions option")).stream()
                        .anyMatch(o -> "Sidecar containers".equals(o.getAttribute("value"))));
    }

    @Test
    void facetsNarrowTheResultsAndBackRestores() {
        open("/search");
        long all = Browser.searchApi("").getLong("total");
        assertCount(all);

        click("input[name=year][value='2023']");
        Browser.waitFor(driver).until(d -> Browser.decodedUrl(d.getCurrentUrl()).contains("year=2023"));
        long only2023 = Browser.searchApi("year=2023").getLong("total");
        assertNotEquals(all, only2023, "the fixtures of 2024 are filtered out");
        assertCount(only2023);
        String url2023 = driver.getCurrentUrl();

        String tag = driver.findElement(By.cssSelector(".facet-tag .facet-value input:not(:checked)"))
                .getAttribute("value");
        click(".facet-tag input[value='" + tag + "']");
        Browser.waitFor(driver).until(d -> Browser.decodedUrl(d.getCurrentUrl()).contains("tag=" + tag));
        String params = "year=2023&tag=" + PageExtensions.encode(tag);
        JsonPath both = Browser.searchApi(params);
        assertCount(both.getLong("total"));
        assertTrue(both.getLong("total") < only2023);
        // facet counts on the page are the API's disjunctive counts
        for (String facet : List.of("year", "tag", "label", "presenter", "series")) {
            Map<String, Long> expected = new LinkedHashMap<>();
            List<Map<String, Object>> values = both.getList("facets." + facet);
            values.forEach(v -> expected.put(String.valueOf(v.get("value")), ((Number) v.get("count")).longValue()));
            assertEquals(expected, shownFacet(facet), facet + " facet counts");
        }
        assertTrue(driver.findElement(By.cssSelector(".facet-tag input[value='" + tag + "']"))
                .isSelected());
        assertEquals(
                2,
                driver.findElements(By.cssSelector(".selected-filters .chip-removable"))
                        .size());

        driver.navigate().back();
        Browser.waitFor(driver).until(d -> d.getCurrentUrl().equals(url2023));
        Browser.waitFor(driver)
                .until(d -> !d.findElement(By.cssSelector(".facet-tag input[value='" + tag + "']"))
                        .isSelected());
        assertCount(only2023);
        assertTrue(driver.findElement(By.cssSelector("input[name=year][value='2023']"))
                .isSelected());

        driver.navigate().back();
        Browser.waitFor(driver)
                .until(d -> !Browser.decodedUrl(d.getCurrentUrl()).contains("year="));
        assertCount(all);
    }

    @Test
    void aTopicPageShowsItsTagsAndLinksToItsIssue() {
        open("/search?q=eBPF");
        WebElement first = driver.findElement(By.cssSelector(".hit-title a"));
        String title = first.getText();
        first.click();
        Browser.waitFor(driver).until(d -> d.getCurrentUrl().contains("/topics/"));
        assertEquals(title, Browser.text(driver, ".topic-title"));
        List<WebElement> tags = driver.findElements(By.cssSelector(".topic-tags .chip"));
        assertFalse(tags.isEmpty(), "tags shown");
        assertTrue(tags.stream().anyMatch(t -> t.getText().equals("eBPF")), "eBPF among the tags");
        Browser.screenshot(driver, "topic-desktop.png");
        WebElement issue = driver.findElement(By.cssSelector("a.topic-issue"));
        assertTrue(issue.getAttribute("href").contains("/issues/"));
        issue.click();
        Browser.waitFor(driver).until(d -> d.getCurrentUrl().contains("/issues/"));
        assertTrue(
                driver.findElements(By.cssSelector(".topic-list .topic-item-title")).stream()
                        .anyMatch(a -> a.getText().equals(title)),
                "the issue lists the topic");
        open("/tags/Rust?lang=ja");
        assertEquals("ja", driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertFalse(driver.findElements(By.cssSelector(".year-chart rect")).isEmpty(), "a per-year chart");
        Browser.screenshot(driver, "tag-ja.png");
        open("/search?lang=en");
    }

    @Test
    void phoneWidthHidesTheFacetsBehindAToggle() {
        driver.manage().window().setSize(new Dimension(390, 844));
        open("/search?q=Rust");
        WebElement toggle = driver.findElement(By.cssSelector(".facets-toggle"));
        WebElement panel = driver.findElement(By.id("facet-panel"));
        assertTrue(toggle.isDisplayed());
        assertFalse(panel.isDisplayed(), "facets hidden on a phone");
        assertEquals("false", toggle.getAttribute("aria-expanded"));
        Long overflow = (Long) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, overflow, "no horizontal scrolling at phone width");
        Browser.screenshot(driver, "search-phone.png");
        toggle.click();
        Browser.waitFor(driver).until(d -> d.findElement(By.id("facet-panel")).isDisplayed());
        assertEquals("true", toggle.getAttribute("aria-expanded"));
        Browser.screenshot(driver, "search-phone-filters.png");
    }

    @Test
    void archiveTextWithScriptsIsShownAndRunsNothing() {
        open("/search?q=" + PageExtensions.encode("検証"));
        assertTrue(
                driver.findElement(By.id("results-area")).getText().contains(ArchiveFixtures.SCRIPT),
                "the snippet shows the script as text");
        assertNothingRuns();

        for (String title : List.of(ArchiveFixtures.PLAIN_XSS_TITLE, ArchiveFixtures.MARKDOWN_XSS_TITLE)) {
            open("/search?q=" + PageExtensions.encode("検証"));
            driver.findElement(By.linkText(title)).click();
            Browser.waitFor(driver).until(d -> d.getCurrentUrl().contains("/topics/"));
            String body = Browser.text(driver, ".topic-body");
            assertTrue(body.contains("本文"), body);
            if (title.equals(ArchiveFixtures.PLAIN_XSS_TITLE)) {
                assertTrue(body.contains(ArchiveFixtures.SCRIPT) && body.contains(ArchiveFixtures.IMG), body);
            } else {
                assertTrue(body.contains("太字") && body.contains("危ないリンク"), body);
                assertEquals(
                        0L,
                        driver.executeScript(
                                "return document.querySelectorAll("
                                        + "'main a[href^=\"javascript:\"], main iframe, main [style], main [onclick]').length;"));
            }
            assertNothingRuns();
        }
    }

    private void assertNothingRuns() {
        try {
            new WebDriverWait(driver, Duration.ofMillis(700)).until(ExpectedConditions.alertIsPresent());
            throw new AssertionError("an alert() from archive text ran");
        } catch (TimeoutException expected) {
            // no alert: good
        }
        assertEquals(
                0L,
                driver.executeScript(
                        "return document.querySelectorAll('main script, main img, main [onerror]').length;"));
    }

    @Test
    void seriesFacetFiltersWithoutReloadAndLinksToTheSeriesPage() {
        open("/search");
        Object marker = driver.executeScript("return window.kaikoMarker = Math.random();");
        click(".facet-series input[value='Neco Weekly']");
        Browser.waitFor(driver).until(d -> Browser.decodedUrl(d.getCurrentUrl()).contains("series=Neco"));
        long neco = given().queryParam("series", "Neco Weekly")
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("total");
        assertTrue(neco > 0 && neco < Browser.searchApi("").getLong("total"));
        assertCount(neco);
        assertEquals(marker, driver.executeScript("return window.kaikoMarker;"), "filtered without a reload");
        // every hit names its issue with the series: "Neco Weekly #47", never a bare "#47"
        for (WebElement issue : driver.findElements(By.cssSelector(".hit-issue"))) {
            assertTrue(issue.getText().startsWith("Neco Weekly #"), issue.getText());
        }
        click(".facet-series a.facet-link[href='/series/Neco%20Weekly']");
        Browser.waitFor(driver).until(d -> d.getCurrentUrl().endsWith("/series/Neco%20Weekly"));
        assertEquals("Neco Weekly", Browser.text(driver, "h1"));
        assertEquals(1, driver.findElements(By.cssSelector(".issue-item")).size());
    }

    private void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
        Browser.waitFor(driver)
                .until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
        Browser.waitFor(driver).until(d -> (Boolean)
                ((ChromeDriver) d).executeScript("return document.documentElement.classList.contains('js');"));
    }

    private void click(String css) {
        Browser.waitFor(driver)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)))
                .click();
    }

    private void assertCount(long total) {
        Browser.waitFor(driver).until(d -> Browser.text(driver, ".result-count").startsWith(total + " "));
    }

    private Map<String, Long> shownFacet(String facet) {
        Map<String, Long> shown = new LinkedHashMap<>();
        for (WebElement label : driver.findElements(By.cssSelector(".facet-" + facet + " .facet-value"))) {
            shown.put(
                    label.findElement(By.tagName("input")).getAttribute("value"),
                    // textContent: values past the first ten are hidden behind "show more"
                    Long.parseLong(label.findElement(By.cssSelector(".facet-count"))
                            .getAttribute("textContent")
                            .strip()));
        }
        return shown;
    }
}
