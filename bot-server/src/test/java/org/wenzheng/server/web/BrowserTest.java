package org.wenzheng.server.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * A test class that drives real headless Chromium ({@link HeadlessChromium}): tagged
 * {@code browser}, and left out, reported as skipped, when {@code WENZHENG_SKIP_BROWSER_TESTS=1}.
 * Without that variable a missing browser fails the class instead of skipping it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@DisabledIfEnvironmentVariable(named = HeadlessChromium.SKIP_ENV, matches = "1",
        disabledReason = HeadlessChromium.SKIP_ENV + "=1: browser tests left out")
@interface BrowserTest {
}
