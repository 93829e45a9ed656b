package org.wenzheng.knowledge.ingest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.wenzheng.knowledge.DocumentMetadata;

/**
 * A published web page (政策文件, 政策解读): the body is kept, navigation, headers, footers,
 * sidebars, scripts and forms are dropped. The title comes from the page's {@code h1} (or its
 * {@code <title>} without the site name); metadata from the {@code <meta>} tags government sites
 * use (ArticleTitle, PubDate, ContentSource) and from a 发布时间/来源 line.
 */
final class HtmlParser implements FormatParser {
    /** Where publishing systems put the body, most specific first. */
    private static final String[] BODY_SELECTORS = {
        "article", "[class*=article-content]", "[class*=article_content]", ".TRS_Editor", "#zoom",
        "[class*=content]", "main", "#content",
    };
    private static final String CHROME = "nav, header, footer, aside, script, style, noscript, form, iframe,"
            + " [class*=breadcrumb], [class*=crumb], [class*=sidebar], [class*=share], [role=navigation]";
    private static final Pattern PUBLISHED = Pattern.compile("发布(?:时间|日期)[:：]\\s*(\\d{4})[-年/.](\\d{1,2})[-月/.](\\d{1,2})");
    private static final Pattern ORIGIN = Pattern.compile("来源[:：]\\s*([\\u4e00-\\u9fa5]{2,30})");
    private static final Pattern TITLE_SUFFIX = Pattern.compile("\\s*[-_|｜—]+\\s*[^-_|｜—]*$");
    /** The elements read as headings and paragraphs, in document order. */
    private static final String BLOCKS =
            "h1, h2, h3, h4, h5, h6, p, li, td, pre, div:not(:has(div, p, h1, h2, h3, h4, h5, h6, ul, ol, table))";

    @Override
    public ParsedDocument parse(String source, String content) throws ParseException {
        org.jsoup.nodes.Document page = Jsoup.parse(content);
        String metaTitle = page.select("meta[name=ArticleTitle]").attr("content").strip();
        String metaDate = page.select("meta[name=PubDate]").attr("content").strip();
        String metaIssuer = page.select("meta[name=ContentSource]").attr("content").strip();
        page.select(CHROME).remove();
        Element body = findBody(page);
        if (body == null) {
            throw new ParseException(source, 0, "no page body found (no <body> text)");
        }
        Element h1 = body.selectFirst("h1");
        if (h1 == null) {
            h1 = page.selectFirst("h1");
        }
        String title = !metaTitle.isEmpty() ? metaTitle
                : h1 != null && !h1.text().isBlank() ? h1.text().strip()
                : TITLE_SUFFIX.matcher(page.title()).replaceFirst("").strip();
        if (title.isEmpty()) {
            throw new ParseException(source, 0, "no title: the page has no <h1>, ArticleTitle or <title>");
        }
        List<Block> blocks = new ArrayList<>();
        StringBuilder headerLine = new StringBuilder();
        for (Element e : body.select(BLOCKS)) {
            String text = textOutsideInnerBlocks(e).strip();
            if (text.isEmpty() || e.tagName().equals("h1")) {
                continue;
            }
            if (PUBLISHED.matcher(text).find() && text.length() < 120) {
                headerLine.append(text).append(' ');
                continue;
            }
            int line = 0;
            if (e.tagName().matches("h[2-6]")) {
                blocks.add(Block.heading(e.tagName().charAt(1) - '0', text, line));
            } else {
                blocks.add(Block.paragraph(text, line));
            }
        }
        if (blocks.isEmpty()) {
            throw new ParseException(source, 0, "the page body has no text");
        }
        LocalDate date = parseDate(metaDate);
        Matcher published = PUBLISHED.matcher(headerLine);
        if (date == null && published.find()) {
            date = LocalDate.of(Integer.parseInt(published.group(1)), Integer.parseInt(published.group(2)),
                    Integer.parseInt(published.group(3)));
        }
        Matcher origin = ORIGIN.matcher(headerLine);
        String issuer = !metaIssuer.isEmpty() ? metaIssuer : origin.find() ? origin.group(1) : "";
        return new ParsedDocument(title, "", new DocumentMetadata("", issuer, date, "", null, ""), blocks);
    }

    /**
     * The text of a block without the text of the blocks inside it (a {@code <p>} in a {@code <td>},
     * a nested list), which are read as blocks of their own and would otherwise be read twice.
     */
    private static String textOutsideInnerBlocks(Element e) {
        if (e.children().select(BLOCKS).isEmpty()) {
            return e.text();
        }
        Element copy = e.clone();
        copy.children().select(BLOCKS).remove();
        return copy.text();
    }

    private static Element findBody(org.jsoup.nodes.Document page) {
        for (String selector : BODY_SELECTORS) {
            Elements found = page.select(selector);
            Element best = null;
            for (Element e : found) {
                if (best == null || e.text().length() > best.text().length()) {
                    best = e;
                }
            }
            if (best != null && best.text().length() >= 50) {
                return best;
            }
        }
        Element body = page.body();
        return body == null || body.text().isBlank() ? null : body;
    }

    private static LocalDate parseDate(String text) {
        if (text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10).replace('/', '-').replace('.', '-'));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
