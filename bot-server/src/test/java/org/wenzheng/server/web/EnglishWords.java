package org.wenzheng.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The English a Chinese reader would meet on a page: ASCII words of three letters or more in the
 * rendered text ({@code innerText}, so hidden elements and markup are left out), other than
 * codes and names that are meant to be read as they are. A test asserts the list is empty, and a
 * failure shows the words, which says at once which message is still in English.
 */
final class EnglishWords {
    /**
     * Codes and names a Chinese page shows as they are (case-insensitive): formats and protocols
     * (UTF-8 among them), and the names printed on the keys of a keyboard, which staff pages name
     * as the keycaps do (Ctrl+Enter, Esc), as Chinese software does.
     */
    static final Set<String> ALLOWED = Set.of("api", "pdf", "url", "csv", "faq", "json", "html", "docx", "xlsx", "txt",
            "wenzheng", "https", "http", "www", "utf",
            "ctrl", "alt", "shift", "enter", "esc", "tab", "delete", "del", "space", "home", "end");

    /** Text that is no sentence: e-mail addresses, links, ticket codes (WZ-20261120-0102). */
    private static final Pattern NOT_WORDS = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|https?://\\S+|\\bWZ-\\d{8}-\\d{4}\\b");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]{3,}");

    private EnglishWords() {
    }

    /** The English words on the whole page. */
    static List<String> onPage(WebDriver driver, String... names) {
        return in((String) ((JavascriptExecutor) driver).executeScript("return document.body.innerText;"), names);
    }

    /**
     * The English words on the whole page once {@code data} is taken out: what a citizen typed (a
     * test's injected markup among it) is shown as it was typed, and is no message of ours.
     */
    static List<String> onPageWithout(WebDriver driver, String data, String... names) {
        return in(((String) ((JavascriptExecutor) driver).executeScript("return document.body.innerText;"))
                .replace(data, " "), names);
    }

    /** The English words in one part of the page. */
    static List<String> within(WebDriver driver, WebElement part, String... names) {
        return in((String) ((JavascriptExecutor) driver).executeScript("return arguments[0].innerText;", part), names);
    }

    /**
     * @param names further names this page shows as data (a username such as xiaoli)
     */
    static List<String> in(String text, String... names) {
        Set<String> extra = Set.of(names);
        List<String> found = new ArrayList<>();
        Matcher m = WORD.matcher(NOT_WORDS.matcher(text).replaceAll(" "));
        while (m.find()) {
            String w = m.group();
            if (!ALLOWED.contains(w.toLowerCase(Locale.ROOT)) && !extra.contains(w)) {
                found.add(w);
            }
        }
        return found;
    }
}
