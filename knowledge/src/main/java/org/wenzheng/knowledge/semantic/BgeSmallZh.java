package org.wenzheng.knowledge.semantic;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * BAAI's bge-small-zh-v1.5 (MIT licence), int8-quantized, run in process by ONNX Runtime: a
 * Chinese sentence-embedding model of 24 M parameters shipped inside its Maven artifact, so it
 * needs no download and no GPU. On this project's 2-core reference machine a question takes about
 * 2 ms and an article about 10-20 ms. Loading it costs about 0.7 s and 100 MB of native memory, so
 * one instance per process is shared ({@link #shared()}).
 */
public final class BgeSmallZh implements Embedder {
    /** Longest text embedded, in characters: the model reads at most 512 tokens, and an article's head carries its topic. */
    public static final int MAX_CHARS = 256;

    private static final Object LOCK = new Object();
    private static volatile BgeSmallZh shared;

    private final EmbeddingModel model = new BgeSmallZhV15QuantizedEmbeddingModel();

    private BgeSmallZh() {
    }

    /** The process's instance, loaded on first use. */
    public static BgeSmallZh shared() {
        BgeSmallZh s = shared;
        if (s == null) {
            synchronized (LOCK) {
                s = shared;
                if (s == null) {
                    s = new BgeSmallZh();
                    shared = s;
                }
            }
        }
        return s;
    }

    @Override
    public String id() {
        return "bge-small-zh-v1.5-q";
    }

    @Override
    public int dimensions() {
        return 512;
    }

    @Override
    public float[] embed(String text) {
        return unit(model.embed(clip(text)).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(clip(t)));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (Embedding e : model.embedAll(segments).content()) {
            out.add(unit(e.vector()));
        }
        return out;
    }

    private static String clip(String text) {
        String t = text.isBlank() ? "。" : text;
        return t.length() > MAX_CHARS ? t.substring(0, MAX_CHARS) : t;
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
