package io.shoal.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium}, headless, driven through Debian's {@code chromium-driver} (whose version is the
 * browser's): both named by path, so that Selenium never looks for or downloads a driver of its own.
 * {@code ./verify} installs the two packages when they are missing.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Screenshots are build artifacts of shoal-cli. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A browser window of {@code width} x {@code height} CSS pixels. */
    static HeadlessChromium start(int width, int height) {
        for (Path needed : new Path[] {BROWSER, DRIVER}) {
            if (!Files.isExecutable(needed)) {
                throw new IllegalStateException(needed + " is missing: ./verify installs it (apt-get install chromium chromium-driver)");
            }
        }
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=" + width + "," + height, "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    /** An attribute (or the text, for "textContent") of every element matching {@code css}, read at once. */
    @SuppressWarnings("unchecked")
    List<String> texts(String css, String attribute) {
        return (List<String>) driver.executeScript("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(e => arguments[1] === 'textContent' ? e.textContent : e.getAttribute(arguments[1]));", css, attribute);
    }

    /** Saves what the window shows as {@code target/screenshots/NAME}. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File taken = driver.getScreenshotAs(OutputType.FILE);
        return Files.copy(taken.toPath(), SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
