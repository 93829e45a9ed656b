package org.wenzheng.knowledge.semantic;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Vectors already computed, by the SHA-256 of their text, in one append-only file per model:
 * embedding a whole corpus takes minutes, so a rebuilt index embeds only the passages whose text
 * changed. Each batch is appended and forced to disk before the next starts, so a crash or Ctrl-C
 * loses at most one batch and the next run resumes. A torn last record is ignored.
 */
final class EmbeddingCache implements Closeable {
    private static final int KEY_BYTES = 16;

    private final FileChannel file;
    private final int recordBytes;
    private final Map<ByteBuffer, byte[]> vectors = new HashMap<>();

    private EmbeddingCache(FileChannel file, int dimensions) {
        this.file = file;
        this.recordBytes = Int8Vectors.recordBytes(dimensions);
    }

    /** Opens (creating) the cache of {@code embedder}'s vectors in {@code dir}. */
    static EmbeddingCache open(Path dir, Embedder embedder) throws IOException {
        Files.createDirectories(dir);
        Path path = dir.resolve(embedder.id() + ".vectors");
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        EmbeddingCache cache = new EmbeddingCache(channel, embedder.dimensions());
        try {
            cache.load();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw new IOException("cannot read the embedding cache " + path + ": " + e.getMessage(), e);
        }
        return cache;
    }

    private void load() throws IOException {
        int entry = KEY_BYTES + recordBytes;
        long whole = file.size() / entry * entry;
        ByteBuffer buf = ByteBuffer.allocate(entry * 1024);
        long pos = 0;
        while (pos < whole) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), whole - pos));
            while (buf.hasRemaining()) {
                if (file.read(buf, pos + buf.position()) < 0) {
                    throw new IOException("unexpected end of file");
                }
            }
            buf.flip();
            while (buf.remaining() >= entry) {
                byte[] key = new byte[KEY_BYTES];
                byte[] vector = new byte[recordBytes];
                buf.get(key).get(vector);
                vectors.put(ByteBuffer.wrap(key), vector);
            }
            pos += buf.limit();
        }
        // A torn record of an interrupted append is cut off, so new records stay aligned.
        file.truncate(whole);
        file.position(whole);
    }

    /** The stored record of this text's vector, or null. */
    byte[] get(String text) {
        return vectors.get(ByteBuffer.wrap(key(text)));
    }

    int size() {
        return vectors.size();
    }

    /** Adds the vectors of these texts and forces them to disk. */
    void putAll(List<String> texts, List<float[]> embedded) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(texts.size() * (KEY_BYTES + recordBytes));
        for (int i = 0; i < texts.size(); i++) {
            byte[] key = key(texts.get(i));
            byte[] record = Int8Vectors.encode(embedded.get(i));
            out.put(key).put(record);
            vectors.put(ByteBuffer.wrap(key), record);
        }
        out.flip();
        while (out.hasRemaining()) {
            file.write(out);
        }
        file.force(false);
    }

    private static byte[] key(String text) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            byte[] key = new byte[KEY_BYTES];
            System.arraycopy(sha, 0, key, 0, KEY_BYTES);
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
