package org.wenzheng.server.letters;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.wenzheng.connectors.TicketNotice;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.InputText;

/**
 * A file sent with a letter or a 补充, checked: a plain name, a size within
 * {@code letters.attachments}, and contents that are a JPEG, PNG or PDF by their first bytes
 * (the client's type and the name's extension are not believed; an extension that names another
 * type is refused, so that a download never opens as something it is not).
 *
 * <p>In a JSON body, {@code attachments} is an array of {@code {name, data}}, {@code data} the
 * file's bytes in base64.
 */
record AttachedFile(String name, Kind kind, byte[] bytes) {
    /** Longest file name kept (the column's width is 255). */
    static final int MAX_NAME_CHARS = 120;

    /** The types accepted, each with its first bytes and the extensions its files may have. */
    enum Kind {
        JPEG("image/jpeg", "JPEG 图片", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, ".jpg", ".jpeg"),
        PNG("image/png", "PNG 图片", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, ".png"),
        PDF("application/pdf", "PDF 文件", new byte[] {'%', 'P', 'D', 'F', '-'}, ".pdf");

        final String contentType;
        final String label;
        private final byte[] magic;
        private final List<String> extensions;

        Kind(String contentType, String label, byte[] magic, String... extensions) {
            this.contentType = contentType;
            this.label = label;
            this.magic = magic;
            this.extensions = List.of(extensions);
        }

        /** The type these bytes are, by their first bytes. */
        static Optional<Kind> of(byte[] bytes) {
            for (Kind k : values()) {
                if (bytes.length >= k.magic.length
                        && Arrays.equals(bytes, 0, k.magic.length, k.magic, 0, k.magic.length)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }

        static Kind ofContentType(String contentType) {
            return Arrays.stream(values()).filter(k -> k.contentType.equals(contentType)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not an attachment type: " + contentType));
        }

        /** The extension a download of this type is named with. */
        String extension() {
            return extensions.get(0);
        }

        private boolean named(String lowerName) {
            return extensions.stream().anyMatch(lowerName::endsWith);
        }
    }

    AttachedFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bytes, "bytes");
    }

    TicketNotice.Attachment listed() {
        return new TicketNotice.Attachment(name, bytes.length);
    }

    /**
     * The files of {@code attachments} (absent or null: none).
     *
     * @throws ApiException 413 for too many files, a file or all of them too large; 415 for a file
     *                      that is no JPEG, PNG or PDF, or whose name says another type; 400 for a
     *                      malformed entry. Each names the file at fault, in Chinese.
     */
    static List<AttachedFile> parse(JsonNode attachments, LettersConfig.Attachments limits) {
        if (attachments == null || attachments.isNull()) {
            return List.of();
        }
        if (!attachments.isArray()) {
            throw ApiException.invalidField("attachments", "附件格式不正确");
        }
        if (attachments.size() > limits.maxFiles()) {
            throw new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_many_attachments",
                    "最多可附 " + limits.maxFiles() + " 个文件，这次有 " + attachments.size() + " 个，请删去一些再提交");
        }
        List<AttachedFile> out = new ArrayList<>(attachments.size());
        long total = 0;
        for (JsonNode entry : attachments) {
            String name = name(entry.path("name").isTextual() ? entry.path("name").textValue() : null);
            JsonNode data = entry.path("data");
            if (!data.isTextual() || data.textValue().isEmpty()) {
                throw ApiException.invalidField("attachments", "文件“" + name + "”没有内容");
            }
            String base64 = data.textValue();
            // The decoded size, from the text's length, before decoding anything large.
            long size = base64.length() / 4L * 3;
            if (size - 2 > limits.maxFileBytes()) {
                throw tooLarge(name, size, limits.maxFileBytes());
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("attachments", "文件“" + name + "”的内容无法读取（须为 base64 编码）");
            }
            if (bytes.length == 0) {
                throw ApiException.invalidField("attachments", "文件“" + name + "”没有内容");
            }
            if (bytes.length > limits.maxFileBytes()) {
                throw tooLarge(name, bytes.length, limits.maxFileBytes());
            }
            total += bytes.length;
            if (total > limits.maxTotalBytes()) {
                throw new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "attachments_too_large",
                        "附件合计最大 " + size(limits.maxTotalBytes()) + "，加上文件“" + name + "”已超过，请删去一些或压缩后再提交");
            }
            Kind kind = Kind.of(bytes).orElseThrow(() -> new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_attachment", "文件“" + name + "”不是 JPEG、PNG 图片或 PDF 文件（按文件内容判断），只能上传这三种文件"));
            String lower = name.toLowerCase(Locale.ROOT);
            Optional<Kind> named = Arrays.stream(Kind.values()).filter(k -> k.named(lower)).findFirst();
            if (named.isPresent() && named.get() != kind) {
                throw new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_attachment",
                        "文件“" + name + "”的内容是" + kind.label + "，与扩展名不符，请检查后重新选择");
            }
            out.add(new AttachedFile(name, kind, bytes));
        }
        return out;
    }

    private static ApiException tooLarge(String name, long size, int max) {
        return new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "attachment_too_large",
                "文件“" + name + "”有 " + size(size) + "，每个附件最大 " + size(max) + "，请压缩后再提交");
    }

    /** A plain file name as the citizen's device gave it (no folder part, nothing invisible). */
    private static String name(String given) {
        String name = given == null ? "" : InputText.clean(given).strip();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1).strip();
        if (name.isEmpty()) {
            throw ApiException.invalidField("attachments", "附件缺少文件名");
        }
        if (InputText.forbiddenInName(name).isPresent() || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalidField("attachments", "文件名“" + LetterRequest.clip(name, 40)
                    + "”含不可见字符，请改名后再上传");
        }
        return LetterRequest.clip(name, MAX_NAME_CHARS);
    }

    /** A size as people read it (the limits are whole megabytes). */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " 字节";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
