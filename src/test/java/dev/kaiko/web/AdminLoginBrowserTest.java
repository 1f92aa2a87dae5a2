package dev.kaiko.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.sun.net.httpserver.HttpServer;

import dev.kaiko.support.Corpora;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * In real Chromium: the admin logs in through the form and imports through the upload form; a page on another site
 * (127.0.0.1 is another site than localhost) that posts a form to the admin page or to the API changes nothing,
 * since the browser sends no session cookie (SameSite=Strict) and the API takes no cookie anyway.
 */
@QuarkusTest
class AdminLoginBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theRealAdminFormWorksAndAnotherSitesFormsDoNot() throws Exception {
        Browser.requireInstalled();
        String site = base.toString().replaceAll("/$", "");
        String marker = "Browserformzebra";
        Path upload = Files.createTempFile("kaiko-browser-weekly-", ".txt");
        Files.writeString(
                upload,
                "Browser Weekly (2024-04-05号)\n第3回です。\nセクション\n" + marker + " の話\n本文です。\n",
                StandardCharsets.UTF_8);
        String evilFeed = "http://127.0.0.1:18766/evil-feed.xml";
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        evil.createContext("/", ex -> {
            String target = ex.getRequestURI().getPath().equals("/to-api")
                    ? "<form id=\"f\" method=\"post\" action=\"" + site
                            + "/api/tags/retag\"><input name=\"all\" value=\"true\"></form>"
                    : "<form id=\"f\" method=\"post\" action=\"" + site
                            + "/admin/sources\"><input name=\"url\" value=\"" + evilFeed + "\"></form>";
            byte[] page = ("<!DOCTYPE html><html><body>" + target
                            + "<script>document.getElementById('f').submit()</script></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        evil.start();
        ChromeDriver driver = Browser.start();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        try {
            // the admin page sends a browser without a session to the login form
            driver.get(site + "/admin");
            wait.until(d -> d.getCurrentUrl().endsWith("/login"));
            driver.findElement(By.id("j_password")).sendKeys("not-the-token");
            driver.findElement(By.cssSelector(".login-form button[type=submit]"))
                    .click();
            wait.until(d -> d.getCurrentUrl().endsWith("/login/failed"));
            Browser.loginAsAdmin(driver, site, Corpora.TOKEN);
            assertThat(driver.manage().getCookieNamed("kaiko-session").isHttpOnly())
                    .isTrue();
            assertThat(driver.manage().getCookieNamed("kaiko-session").getSameSite())
                    .isEqualToIgnoringCase("Strict");
            assertThat((String) driver.executeScript("return document.cookie"))
                    .as("scripts see neither the session nor the CSRF cookie")
                    .doesNotContain("kaiko-session")
                    .doesNotContain("kaiko-csrf");

            // the real upload form works (it carries the CSRF token)
            driver.findElement(By.id("file")).sendKeys(upload.toString());
            driver.findElement(By.cssSelector(".upload-form button[type=submit]"))
                    .click();
            wait.until(d -> d.getCurrentUrl().contains("/admin/imports/"));
            wait.until(d -> d.getPageSource().contains("class=\"import-report\""));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> given().queryParam("q", marker)
                            .get("/api/search")
                            .then()
                            .body("total", equalTo(1)));
            Browser.screenshot(driver, "admin-after-login-upload.png");

            // another site's form, posting to the admin page: no session cookie goes along, the login form answers
            driver.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/to-admin");
            wait.until(d -> d.getCurrentUrl().startsWith(site));
            wait.until(d -> d.getCurrentUrl().endsWith("/login"));
            given().header("Authorization", "Bearer " + Corpora.TOKEN)
                    .get("/api/sources")
                    .then()
                    .statusCode(200)
                    .body("sources.url", not(hasItem(evilFeed)));

            // and posting to the API: refused, the API wants a bearer token
            driver.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/to-api");
            wait.until(d -> d.getCurrentUrl().startsWith(site + "/api/tags/retag"));
            assertThat(driver.getPageSource()).contains("Bearer");

            // the admin's own session still works afterwards
            driver.get(site + "/admin/sources");
            wait.until(d -> d.getCurrentUrl().endsWith("/admin/sources"));
            assertThat(driver.findElements(By.name("csrf-token"))).isNotEmpty();
        } finally {
            driver.quit();
            evil.stop(0);
            Files.deleteIfExists(upload);
        }
    }
}
