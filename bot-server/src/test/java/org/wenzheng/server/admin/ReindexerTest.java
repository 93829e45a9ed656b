package org.wenzheng.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.faq.ApprovedAnswers;

/**
 * A re-index of the real sample sources plus an upload, watched step by step: it reports its
 * progress while running (documents of the total, passages, rate), then serves the new index
 * with the approved FAQ entries put into it; a broken source leaves the served index as it was.
 */
class ReindexerTest {
    @TempDir
    Path data;

    private KnowledgeConfig knowledge() throws Exception {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        Path uploads = Files.createDirectories(data.resolve("uploads"));
        KnowledgeConfig k = AdminFeature.withSource(app.knowledgeConfig(), uploads);
        KnowledgeBases.index(k, p -> { }, false);
        return k;
    }

    private static Reindexer.Status await(Reindexer r) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (r.status().state() == Reindexer.State.RUNNING && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return r.status();
    }

    @Test
    void aRunReportsItsProgressThenServesTheNewIndexWithTheApprovedAnswers() throws Exception {
        KnowledgeConfig k = knowledge();
        SwappableKnowledgeBase served = new SwappableKnowledgeBase(KnowledgeBases.open(k));
        int before = served.stats().documents();
        Files.writeString(data.resolve("uploads/绿道.md"), "# 示例市城市绿道管理办法\n\n## 第一条\n\n"
                + "城市绿道夜间照明开放时间为每日十九时至二十二时三十分。\n");
        FaqEntry faq = new FaqEntry("proposal-1", "熊猫馆几点开门？", List.of(), "熊猫馆每天八点半开门。",
                List.of("《示例市城市绿道管理办法》第一条"), "");
        List<Reindexer.Status> seen = new CopyOnWriteArrayList<>();
        try (Reindexer r = new Reindexer(k, served, () -> new ApprovedAnswers(List.of(faq)), new Object(),
                Clock.systemUTC(), seen::add)) {
            assertThat(r.status().state()).isEqualTo(Reindexer.State.IDLE);

            assertThat(r.start("boss")).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(Reindexer.State.RUNNING));
            Reindexer.Status done = await(r);

            assertThat(done.state()).as(done.toString()).isEqualTo(Reindexer.State.DONE);
            assertThat(seen.get(0).state()).isEqualTo(Reindexer.State.RUNNING);
            assertThat(seen).filteredOn(s -> s.state() == Reindexer.State.RUNNING && s.totalDocuments() > 0
                    && s.stage().equals("text"))
                    .as("progress while running").isNotEmpty()
                    .allSatisfy(s -> {
                        assertThat(s.totalDocuments()).isEqualTo(before + 1);
                        assertThat(s.documents()).isBetween(0, s.totalDocuments());
                    })
                    .last().satisfies(s -> {
                        assertThat(s.documents()).isEqualTo(before + 1);
                        assertThat(s.passages()).isPositive();
                    });
            assertThat(seen).filteredOn(s -> s.stage().equals("semantic")).as("semantic vectors after the text")
                    .isNotEmpty().last().satisfies(s -> assertThat(s.documents()).isEqualTo(s.totalDocuments()));
            assertThat(seen.get(seen.size() - 1)).isEqualTo(done);
            assertThat(done.documents()).isEqualTo(before + 1);
            assertThat(done.startedBy()).isEqualTo("boss");
            assertThat(served.stats().documents()).isEqualTo(before + 1);
            assertThat(served.answer("熊猫馆几点开门").text()).contains("八点半开门");
            assertThat(served.stats().answeredQuestions()).as("the approved answers are learned again").isEqualTo(1);
        } finally {
            served.close();
        }
    }

    @Test
    void aFailedRunIsReportedAndTheServedIndexStays() throws Exception {
        KnowledgeConfig k = knowledge();
        SwappableKnowledgeBase served = new SwappableKnowledgeBase(KnowledgeBases.open(k));
        long version = served.stats().indexVersion();
        Files.delete(data.resolve("uploads"));
        try (Reindexer r = new Reindexer(k, served, () -> ApprovedAnswers.NONE, new Object(), Clock.systemUTC())) {
            r.start("boss");
            Reindexer.Status failed = await(r);

            assertThat(failed.state()).isEqualTo(Reindexer.State.FAILED);
            assertThat(failed.error()).contains("uploads");
            assertThat(served.stats().indexVersion()).isEqualTo(version);
            assertThat(served.answer("政府信息公开申请多久答复").answered()).isTrue();
            assertThat(r.start("boss")).as("a failed run does not block the next").isPresent();
            await(r);
        } finally {
            served.close();
        }
    }
}
