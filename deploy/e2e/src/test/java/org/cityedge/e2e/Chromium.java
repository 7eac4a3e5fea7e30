package org.cityedge.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver through Selenium. Both paths are given, so Selenium
 * Manager never runs (it would try to download a driver; this machine has no internet), and the browser gets a
 * fresh profile in {@code dir} that nothing else shares. {@link #close()} quits the browser and the driver.
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Generous: a page's own timers poll every 0.5-5 s, and two cores are shared with a gateway and a simulator. */
    static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Selenium 4.38 carries DevTools bindings up to Chromium 142 and warns at every start that it has none for a newer
     * browser; nothing here uses DevTools. Held strongly: java.util.logging keeps loggers only weakly.
     */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.openqa.selenium.devtools"),
            Logger.getLogger("org.openqa.selenium.chromium"));

    static {
        QUIET.forEach(l -> l.setLevel(Level.SEVERE));
    }

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser with its profile and the driver's log in {@code dir}. */
    static Chromium start(Path dir) {
        for (Path p : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException("no " + p + ": install Debian's chromium and chromium-driver "
                        + "(./cityedge test does)");
            }
        }
        Path profile = TestBed.freshDirectory(dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort()
                .withLogFile(new File(dir.resolve("chromedriver.log").toString()))
                .withEnvironment(Map.of("SE_AVOID_STATS", "true")).build();
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,2000", "--user-data-dir=" + profile.toAbsolutePath());
        try {
            service.start();
        } catch (IOException e) {
            throw new UncheckedIOException("chromedriver did not start", e);
        }
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
            return new Chromium(service, driver, profile);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits (bounded) until {@code condition} gives something other than null or false, and returns it. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).withMessage(what).until(condition);
    }

    /** The text of the first element matching {@code css}, or "" when there is none (yet). */
    String text(String css) {
        return driver.findElements(By.cssSelector(css)).stream().findFirst().map(WebElement::getText).orElse("");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            TestBed.freshDirectory(profile); // emptied: a profile is megabytes of caches, nothing a failure needs
        }
    }
}
