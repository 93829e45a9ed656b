package org.wenzheng.knowledge.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.DocumentMetadata;
import org.wenzheng.knowledge.Passage;

/**
 * Reads one file into a {@link Document}: picks the parser by extension, decodes UTF-8 (or
 * GB18030, which many government sites still publish in), merges the metadata of the file name,
 * the file itself and its sidecar {@code <file>.meta.yaml}, and splits the body into passages.
 */
public final class DocumentReader {
    /** Files larger than this are refused: no published document is that large. */
    public static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
    static final String SIDECAR_SUFFIX = ".meta.yaml";
    private static final Charset GB18030 = Charset.forName("GB18030");

    private final FormatParser markdown = new MarkdownParser();
    private final FormatParser text = new PlainTextParser();
    private final FormatParser html = new HtmlParser();

    /** Whether this reader takes the file: Markdown, text or HTML, and not a folder index. */
    public static boolean accepts(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.equals("_index.md") || name.equals("readme.md") || name.startsWith(".")) {
            return false;
        }
        return name.endsWith(".md") || name.endsWith(".markdown") || name.endsWith(".txt")
                || name.endsWith(".html") || name.endsWith(".htm");
    }

    /**
     * @param root the source folder, so that ids and messages use the path relative to it
     * @param file the file to read
     * @throws ParseException naming the file and what is wrong with it
     */
    public Document read(Path root, Path file) throws ParseException {
        return load(root, file).document();
    }

    /** A document with the key that groups its versions: the title and the part (民法典 合同编). */
    record Loaded(Document document, String versionKey) {
    }

    Loaded load(Path root, Path file) throws ParseException {
        String relative = root.relativize(file).toString().replace('\\', '/');
        String source = root.getFileName() + "/" + relative;
        String content;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ParseException(source, 0, "file larger than " + MAX_FILE_BYTES + " bytes");
            }
            content = decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ParseException(source, "cannot read: " + e.getMessage(), e);
        }
        if (content.isBlank()) {
            throw new ParseException(source, 0, "the file is empty");
        }
        ParsedDocument parsed = parserFor(file).parse(source, stripBom(content));
        DocumentMetadata meta = parsed.metadata();
        LocalDate fileDate = Metadata.dateFromFileName(file.getFileName().toString());
        if (fileDate != null) {
            meta = meta.overriddenBy(new DocumentMetadata("", "", fileDate, "", null, ""));
        }
        Path sidecar = file.resolveSibling(file.getFileName() + SIDECAR_SUFFIX);
        if (Files.isRegularFile(sidecar)) {
            try {
                meta = meta.overriddenBy(Metadata.fromYaml(source + SIDECAR_SUFFIX, Files.readString(sidecar), 1));
            } catch (IOException e) {
                throw new ParseException(source + SIDECAR_SUFFIX, "cannot read: " + e.getMessage(), e);
            }
        }
        String id = idOf(source);
        String chapterPrefix = parsed.part();
        List<Passage> passages = PassageSplitter.split(id, parsed.blocks(), chapterPrefix);
        if (passages.isEmpty()) {
            throw new ParseException(source, 0, "no text after the title: nothing to cite");
        }
        return new Loaded(new Document(id, parsed.title(), meta, source, passages),
                parsed.title() + "|" + parsed.part());
    }

    private FormatParser parserFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return html;
        }
        if (name.endsWith(".txt")) {
            return text;
        }
        return markdown;
    }

    static String decode(byte[] bytes) throws CharacterCodingException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return GB18030.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        }
    }

    private static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    static String idOf(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
