package org.wenzheng.server.admin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The admin pages' settings, validated once at start; each value is named after its key in the
 * {@code admin:} section of {@code config/wenzheng.yaml}, and so are the messages rejecting one.
 *
 * @param uploadsDir     where uploaded documents are stored; it is one of the knowledge sources,
 *                       so a re-index reads them with the configured ones
 * @param maxUploadBytes largest document accepted by an upload; larger ones are answered 413
 *                       before they are read
 */
public record AdminConfig(Path uploadsDir, int maxUploadBytes) {
    /** Name of the uploads folder inside the data folder, unless configured otherwise. */
    public static final String UPLOADS_FOLDER = "uploads";
    /** 2 MiB: a long regulation in HTML is a few hundred KB; the body is held in memory once. */
    public static final int DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
    /** The server's own ceiling for any body. */
    static final int MAX_UPLOAD_BYTES_LIMIT = 16 * 1024 * 1024;

    public AdminConfig {
        Objects.requireNonNull(uploadsDir, "uploadsDir");
        if (maxUploadBytes < 1 || maxUploadBytes > MAX_UPLOAD_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxUploadBytes must be in [1," + MAX_UPLOAD_BYTES_LIMIT + "], got "
                    + maxUploadBytes);
        }
    }

    /** The defaults: uploads in {@code <data>/uploads}. */
    public static AdminConfig defaults(Path dataDir) {
        return new AdminConfig(dataDir.resolve(UPLOADS_FOLDER), DEFAULT_MAX_UPLOAD_BYTES);
    }
}
