package org.wenzheng.knowledge.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wenzheng.knowledge.DocumentMetadata;
import org.wenzheng.knowledge.DocumentStatus;

/**
 * Reads document metadata: YAML front matter or sidecar files ({@code docNumber}, {@code issuer},
 * {@code date}, {@code category}, {@code status}, {@code url}), the version date in a file name
 * ({@code 人口与计划生育法(2021-08-20).md}), and what a law's info block says.
 */
final class Metadata {
    static final Set<String> KEYS = Set.of("docNumber", "issuer", "date", "category", "status", "url");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern FILE_DATE = Pattern.compile("[(（](\\d{4}-\\d{2}-\\d{2})[)）]");
    private static final Pattern CN_DATE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日");
    private static final Pattern DOC_NUMBER = Pattern.compile(
            "[\\u4e00-\\u9fa5]{1,10}[〔\\[［(（]\\d{4}[〕\\]］)）]\\s*第?\\d{1,5}号|[\\u4e00-\\u9fa5]{1,12}令第\\d{1,5}号");
    private static final String[] ISSUERS = {
        "全国人民代表大会常务委员会", "全国人民代表大会", "国务院办公厅", "国务院", "最高人民法院", "最高人民检察院",
        "中央军事委员会",
    };

    private Metadata() {
    }

    /** Parses YAML metadata; unknown keys and bad values are errors naming the key. */
    static DocumentMetadata fromYaml(String source, String yaml, int firstLine) throws ParseException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ParseException(source, "invalid YAML metadata: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return DocumentMetadata.EMPTY;
        }
        if (!root.isObject()) {
            throw new ParseException(source, firstLine, "metadata must be a mapping of keys to values");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new ParseException(source, firstLine, "unknown metadata key '" + key + "' (expected one of "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        LocalDate date = null;
        String dateText = text(root, "date");
        if (!dateText.isEmpty()) {
            try {
                date = LocalDate.parse(dateText);
            } catch (DateTimeParseException e) {
                throw new ParseException(source, firstLine, "metadata 'date' must be YYYY-MM-DD, got '" + dateText + "'");
            }
        }
        DocumentStatus status = null;
        String statusText = text(root, "status");
        if (!statusText.isEmpty()) {
            try {
                status = DocumentStatus.parse(statusText);
            } catch (IllegalArgumentException e) {
                throw new ParseException(source, firstLine, "metadata 'status': " + e.getMessage());
            }
        }
        return new DocumentMetadata(text(root, "docNumber"), text(root, "issuer"), date, text(root, "category"),
                status, text(root, "url"));
    }

    private static String text(JsonNode root, String key) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? "" : n.asText();
    }

    /** The version date carried in a file name, or null. */
    static LocalDate dateFromFileName(String fileName) {
        Matcher m = FILE_DATE.matcher(fileName);
        LocalDate found = null;
        while (m.find()) {
            try {
                found = LocalDate.parse(m.group(1));
            } catch (DateTimeParseException e) {
                // A bracketed text that looks like a date but is not one is part of the name.
            }
        }
        return found;
    }

    /** What an adoption/amendment history (a law's info block) says: latest date, issuer, 文号. */
    static DocumentMetadata fromInfoBlock(String info) {
        LocalDate date = null;
        Matcher m = CN_DATE.matcher(info);
        while (m.find()) {
            try {
                date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            } catch (java.time.DateTimeException e) {
                // An impossible date in a history line is ignored rather than failing the document.
            }
        }
        String issuer = "";
        for (String candidate : ISSUERS) {
            if (info.contains(candidate)) {
                issuer = candidate;
                break;
            }
        }
        Matcher d = DOC_NUMBER.matcher(info);
        String docNumber = d.find() ? d.group() : "";
        return new DocumentMetadata(docNumber, issuer, date, "", null, "");
    }
}
