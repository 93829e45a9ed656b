package org.wenzheng.server.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.staff.AccountStore;

/**
 * 文档: documents uploaded into the uploads folder (one of the knowledge sources) and the
 * re-index that makes them searchable, under {@code /api/v1/admin/documents} and
 * {@code /api/v1/admin/reindex}.
 *
 * <p>An upload is the file's bytes as the body and its name in {@code ?name=}: a plain name with
 * one of the extensions the indexer reads, never a path (no {@code /}, {@code \}, {@code ..} or
 * leading dot), so nothing can be written outside the uploads folder. The file is written beside
 * its final name and moved into place, so a re-index never reads half a file.
 */
final class DocumentsApi {
    /** The extensions an upload may have: the formats the indexer reads. */
    static final Set<String> EXTENSIONS = Set.of(".md", ".txt", ".html");
    /** Longest file name: well within every file system's limit, also in UTF-8. */
    static final int MAX_NAME_CHARS = 100;
    /** Names the indexer deliberately skips (folder descriptions). */
    static final Set<String> IGNORED_NAMES = Set.of("readme.md", "_index.md");

    static final String UPLOADED = "document_uploaded";
    static final String REINDEX_STARTED = "reindex_started";

    private final AdminConfig config;
    private final KnowledgeBase knowledge;
    private final Reindexer reindexer;
    private final AccountStore audit;

    DocumentsApi(AdminConfig config, KnowledgeBase knowledge, Reindexer reindexer, AccountStore audit) {
        this.config = Objects.requireNonNull(config, "config");
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.reindexer = Objects.requireNonNull(reindexer, "reindexer");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    record UploadView(String name, long bytes, String modifiedAt) {
    }

    record IndexView(int documents, int passages, int faqEntries) {
    }

    record DocumentList(List<UploadView> uploads, IndexView index, int maxUploadBytes) {
    }

    record Uploaded(String name, long bytes, boolean replaced) {
    }

    /** {@code GET /api/v1/admin/documents}: the uploaded files and what the served index holds. */
    Guard.StaffEndpoint list() {
        return (request, session) -> {
            KnowledgeBase.Stats s = knowledge.stats();
            return Response.json(HttpResponseStatus.OK, new DocumentList(uploads(),
                    new IndexView(s.documents(), s.passages(), s.faqEntries()), config.maxUploadBytes()));
        };
    }

    /** {@code POST /api/v1/admin/documents?name=…} with the file as the body: 201. */
    Guard.StaffEndpoint upload() {
        return (request, session) -> {
            String name = fileName(request.queryParam("name").orElse(null));
            byte[] body = request.body();
            if (body.length == 0) {
                throw ApiException.invalidField("body", "文件内容为空");
            }
            if (body.length > config.maxUploadBytes()) {
                // The route's limit refuses it before reading; this guards a route declared otherwise.
                throw new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                        "文件最大 " + config.maxUploadBytes() + " 字节，请拆分或压缩后再上传");
            }
            checkUtf8(body);
            Path target = config.uploadsDir().resolve(name);
            boolean replaced = Files.exists(target);
            write(target, body);
            audit.audit(session.account().id(), session.account().username(), UPLOADED, request.clientIp(),
                    name + " (" + body.length + " bytes)");
            return Response.json(HttpResponseStatus.CREATED, new Uploaded(name, body.length, replaced));
        };
    }

    /** {@code POST /api/v1/admin/reindex}: 202 with the run's status, 409 while one runs. */
    Guard.StaffEndpoint startReindex() {
        return (request, session) -> {
            Reindexer.Status started = reindexer.start(session.account().username()).orElseThrow(() ->
                    new ApiException(HttpResponseStatus.CONFLICT, AdminFeature.REINDEX_RUNNING,
                            "正在重建索引，请等待本次完成后再试"));
            audit.audit(session.account().id(), session.account().username(), REINDEX_STARTED, request.clientIp(),
                    null);
            return Response.json(HttpResponseStatus.ACCEPTED, started);
        };
    }

    /** {@code GET /api/v1/admin/reindex}: the latest run's progress or outcome. */
    Guard.StaffEndpoint reindexStatus() {
        return (request, session) -> Response.json(HttpResponseStatus.OK, reindexer.status());
    }

    /**
     * The name an upload is stored under, or 400 naming {@code name}: a plain file name (no
     * folder part, no leading dot, no control, bidirectional or other invisible character: see
     * {@link InputText#forbiddenInName}) with an accepted extension.
     */
    static String fileName(String given) {
        if (given == null || given.isBlank()) {
            throw ApiException.invalidField("name", "请选择要上传的文件（缺少文件名）");
        }
        String name = given.strip();
        if (name.length() > MAX_NAME_CHARS) {
            throw ApiException.invalidField("name", "文件名最多 " + MAX_NAME_CHARS + " 个字符");
        }
        InputText.forbiddenInName(name).ifPresent(c -> {
            throw ApiException.invalidField("name", "文件名不能含控制字符或不可见字符（如双向控制符，会让文件名看起来像另一个名字），发现 "
                    + InputText.describe(c));
        });
        if (name.contains("/") || name.contains("\\") || name.contains("..") || name.startsWith(".")
                || name.chars().anyMatch(c -> Character.isISOControl(c) || c == ':')) {
            throw ApiException.invalidField("name", "文件名须为单纯的文件名：不能含文件夹、“..”、“:”，也不能以“.”开头");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (EXTENSIONS.stream().noneMatch(lower::endsWith)) {
            throw ApiException.invalidField("name", "只能上传 .md、.txt 或 .html 文件");
        }
        if (IGNORED_NAMES.contains(lower)) {
            throw ApiException.invalidField("name", "文件名 " + name + " 不会被索引，请换一个名字");
        }
        return name;
    }

    private static void checkUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw ApiException.invalidField("body", "文件须为 UTF-8 编码的文本，请另存为 UTF-8 后再上传");
        }
    }

    private void write(Path target, byte[] body) throws IOException {
        Files.createDirectories(config.uploadsDir());
        // Not an accepted extension: the indexer never reads a file being written.
        Path tmp = Files.createTempFile(config.uploadsDir(), ".upload-", ".part");
        try {
            Files.write(tmp, body);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private List<UploadView> uploads() {
        if (!Files.isDirectory(config.uploadsDir())) {
            return List.of();
        }
        List<UploadView> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(config.uploadsDir())) {
            for (Path f : files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::getFileName)).toList()) {
                String lower = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (lower.startsWith(".") || EXTENSIONS.stream().noneMatch(lower::endsWith)) {
                    continue;
                }
                out.add(new UploadView(f.getFileName().toString(), Files.size(f),
                        Files.getLastModifiedTime(f).toInstant().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the uploads folder " + config.uploadsDir(), e);
        }
        return out;
    }
}
