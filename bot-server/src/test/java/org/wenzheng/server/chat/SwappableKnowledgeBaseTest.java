package org.wenzheng.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.netty.GatedKnowledgeBase;

/**
 * The served knowledge base replaced while questions are in flight, over the real sample index: a
 * question being answered finishes on the knowledge base it started on, which is closed only
 * after it, while new questions already go to the new one.
 */
class SwappableKnowledgeBaseTest {
    private static final String QUESTION = "政府信息公开申请多久答复";

    @TempDir
    static Path data;
    private static KnowledgeConfig knowledge;

    @BeforeAll
    static void index() throws Exception {
        knowledge = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data)).knowledgeConfig();
        KnowledgeBases.index(knowledge, progress -> { }, false);
    }

    @Test
    void aQuestionInFlightFinishesOnTheOldKnowledgeBaseWhichIsClosedAfterIt() throws Exception {
        GatedKnowledgeBase old = new GatedKnowledgeBase(KnowledgeBases.open(knowledge));
        SwappableKnowledgeBase served = new SwappableKnowledgeBase(old);
        CompletableFuture<Answer> inFlight = CompletableFuture.supplyAsync(() -> served.answer(QUESTION));
        old.awaitEntered();

        served.swap(KnowledgeBases.open(knowledge));

        assertThat(old.closed()).as("closed under a question in flight").isFalse();
        assertThat(served.answer(QUESTION).answered()).as("new questions go to the new one").isTrue();
        old.open();
        assertThat(inFlight.get(30, TimeUnit.SECONDS).answered()).isTrue();
        assertThat(old.closed()).isTrue();
        served.close();
    }

    @Test
    void aReplacedKnowledgeBaseNobodyUsesIsClosedAtOnceAndTheVersionChanges() throws Exception {
        GatedKnowledgeBase old = new GatedKnowledgeBase(KnowledgeBases.open(knowledge));
        SwappableKnowledgeBase served = new SwappableKnowledgeBase(old);
        long before = served.stats().indexVersion();

        served.swap(KnowledgeBases.open(knowledge));

        assertThat(old.closed()).isTrue();
        assertThat(served.stats().indexVersion()).as("the answer cache must see the change").isNotEqualTo(before);
        assertThat(served.stats().passages()).isPositive();
        served.close();
    }

    @Test
    void afterCloseTheCurrentKnowledgeBaseIsClosedAndCallsAndSwapsFail() throws Exception {
        GatedKnowledgeBase current = new GatedKnowledgeBase(KnowledgeBases.open(knowledge));
        SwappableKnowledgeBase served = new SwappableKnowledgeBase(current);
        current.open();

        served.close();

        assertThat(current.closed()).isTrue();
        assertThatThrownBy(() -> served.answer(QUESTION)).isInstanceOf(IllegalStateException.class);
        GatedKnowledgeBase late = new GatedKnowledgeBase(KnowledgeBases.open(knowledge));
        assertThatThrownBy(() -> served.swap(late)).isInstanceOf(IllegalStateException.class);
        assertThat(late.closed()).as("a knowledge base swapped in too late is not leaked").isTrue();
    }
}
