package io.newssignals.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page in headless Chromium (Debian's chromium and chromium-driver, driven by Selenium
 * with explicit paths, so Selenium Manager never downloads anything): the backlog shows newest
 * first, an alert accepted after the page opened appears without a reload, filters work. Leaves a
 * screenshot at {@code target/alerts-page.png}.
 */
class AlertPageTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir Path profile;

  @BeforeAll
  static void needsChromium() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      System.out.println("AlertPageTest skipped: " + CHROMIUM + " or " + CHROMEDRIVER
          + " is missing (apt-get install chromium chromium-driver)");
    }
    Assumptions.assumeTrue(present, "chromium and chromedriver are not installed");
  }

  @Test
  void showsTheBacklogNewestFirstThenALiveAlertAndFilters() throws Exception {
    try (AlertPage page = new AlertPage(0, 100)) {
      page.accept(TestAlerts.momentum("acme", "Acme", Instant.parse("2026-03-04T05:00:00Z")));
      page.accept(TestAlerts.momentum("bolt", "Bolt", Instant.parse("2026-03-04T06:00:00Z")));
      assertEquals(404, HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(page.url().resolve("/nothing")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode());

      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort()
          .build();
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu",
          "--disable-dev-shm-usage", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run",
          "--user-data-dir=" + profile.toAbsolutePath());
      ChromeDriver browser = new ChromeDriver(service, options);
      try {
        browser.manage().window().setSize(new Dimension(1280, 800));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(page.url().toString());
        wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".alert"), 2));
        assertEquals(List.of("Bolt", "Acme"), companies(browser));

        page.accept(TestAlerts.momentum("cora", "Cora", Instant.parse("2026-03-04T07:00:00Z")));

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".alert"), 3));
        assertEquals(List.of("Cora", "Bolt", "Acme"), companies(browser));
        WebElement newest = browser.findElement(By.cssSelector(".alert"));
        assertEquals("Cora shows momentum: FUNDING and HIRING signals within 14 days",
            newest.findElement(By.cssSelector(".summary")).getText());
        assertEquals("WARNING", newest.findElement(By.cssSelector(".severity")).getText());
        screenshot(browser, Path.of("target", "alerts-page.png"));

        browser.findElement(By.id("company")).sendKeys("bol");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".alert"), 1));
        assertEquals(List.of("Bolt"), companies(browser));
        assertEquals(URI.create(browser.getCurrentUrl()).getQuery(), "company=bol");

        browser.get(page.url() + "?rule=hiring-surge");
        wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
        assertEquals(List.of(), companies(browser));
        new Select(browser.findElement(By.id("rule"))).selectByValue("momentum");
        assertEquals(List.of("Cora", "Bolt", "Acme"), companies(browser));
      } finally {
        browser.quit();
        service.stop();
      }
    }
  }

  private static List<String> companies(ChromeDriver browser) {
    return browser.findElements(By.cssSelector(".alert .company")).stream()
        .map(WebElement::getText).toList();
  }

  private static void screenshot(ChromeDriver browser, Path file) throws IOException {
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.createDirectories(file.getParent());
    Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
