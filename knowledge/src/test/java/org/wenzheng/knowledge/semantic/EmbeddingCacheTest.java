package org.wenzheng.knowledge.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
    @TempDir
    Path dir;

    private final Embedder model = BgeSmallZh.shared();

    @Test
    void vectorsSurviveReopeningAndATornLastRecordIsDropped() throws IOException {
        List<String> texts = List.of("劳动者提前三十日以书面形式通知用人单位，可以解除劳动合同。", "出租人应当履行租赁物的维修义务。");
        try (EmbeddingCache cache = EmbeddingCache.open(dir, model)) {
            cache.putAll(texts, model.embedAll(texts));
        }
        Path file = dir.resolve(model.id() + ".vectors");
        // An append cut short by a crash: half a record at the end.
        Files.write(file, new byte[300], StandardOpenOption.APPEND);

        try (EmbeddingCache cache = EmbeddingCache.open(dir, model)) {
            assertThat(cache.size()).isEqualTo(2);
            assertThat(cache.get(texts.get(0))).isEqualTo(Int8Vectors.encode(model.embed(texts.get(0))));
            assertThat(cache.get("不在缓存里的文本")).isNull();
            cache.putAll(List.of("第三段"), List.of(model.embed("第三段")));
        }
        try (EmbeddingCache cache = EmbeddingCache.open(dir, model)) {
            assertThat(cache.size()).as("the record after the torn one is readable").isEqualTo(3);
        }
    }

    @Test
    void quantizedVectorsKeepTheirSimilarities() {
        float[] a = model.embed("夫妻双方自愿离婚的，应当签订书面离婚协议");
        float[] b = model.embed("两口子都同意离婚要办什么手续");
        float[] c = model.embed("承租人逾期不支付租金的，出租人可以解除合同");
        java.nio.ByteBuffer stored = java.nio.ByteBuffer.wrap(Int8Vectors.encode(a));

        double related = Int8Vectors.dot(stored, 0, b);
        double unrelated = Int8Vectors.dot(stored, 0, c);

        assertThat(related).isCloseTo(dot(a, b), org.assertj.core.data.Offset.offset(0.01));
        assertThat(related).isGreaterThan(unrelated + 0.1);
        assertThat(Int8Vectors.dot(stored, 0, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
