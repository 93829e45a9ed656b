package org.wenzheng.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.interviews.InterviewConfig;

/** The {@code interviews:} section: read, defaulted when left out, and refused naming the key at fault. */
class InterviewsConfigTest {
    /** What every configuration needs besides the section under test. */
    private static final String BASE = "data: state\nknowledge:\n  sources: [docs]\n  maxQuestionChars: 200\n"
            + "departments:\n  - {id: office, name: 办公室, mailboxes: [a@b.cn], officers: [a@b.cn],"
            + " supervisor: s@b.cn}\ntickets:\n  defaultDepartment: office\n";

    @TempDir
    Path dir;

    private AppConfig load(String interviews) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        return AppConfig.load(Files.writeString(dir.resolve("w.yaml"), BASE + interviews), "w.yaml", Optional.empty());
    }

    @Test
    void theShippedSectionIsRead() {
        InterviewConfig c = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.empty()).interviews();

        assertThat(c).isEqualTo(InterviewConfig.defaults());
    }

    @Test
    void eachKeyIsReadAndTheOthersDefault() throws IOException {
        InterviewConfig c = load("interviews:\n  maxNameChars: 10\n  duplicateThreshold: 0.8\n"
                + "  sessionRateLimit: {burst: 2}\n  feedCacheMillis: 0\n").interviews();

        assertThat(c.maxNameChars()).isEqualTo(10);
        assertThat(c.duplicateThreshold()).isEqualTo(0.8);
        assertThat(c.sessionRateLimit()).isEqualTo(new ServerConfig.RateLimit(3, 2));
        assertThat(c.feedCache()).isEqualTo(Duration.ZERO);
        assertThat(c.maxQuestionChars()).as("the default, within the engine's 200").isEqualTo(200);
        assertThat(c.addressRateLimit()).isEqualTo(InterviewConfig.DEFAULT_ADDRESS_RATE_LIMIT);
    }

    @Test
    void withoutTheSectionQuestionsStayWithinTheEnginesLimit() throws IOException {
        assertThat(load("").interviews().maxQuestionChars()).isEqualTo(200);
    }

    @Test
    void aQuestionLongerThanTheEngineAcceptsIsRefused() throws IOException {
        assertThatThrownBy(() -> load("interviews:\n  maxQuestionChars: 201\n")).isInstanceOf(ConfigException.class)
                .hasMessage("w.yaml: interviews.maxQuestionChars must be at most knowledge.maxQuestionChars (200),"
                        + " got 201");
    }

    @Test
    void badValuesAreRefusedNamingTheirKey() {
        assertThatThrownBy(() -> load("interviews:\n  duplicateThreshold: 0\n"))
                .hasMessage("w.yaml: interviews.duplicateThreshold must be in (0,1], got 0.0");
        assertThatThrownBy(() -> load("interviews:\n  addressRateLimit: {requestsPerMinute: 0}\n"))
                .hasMessage("w.yaml: interviews.addressRateLimit.requestsPerMinute must be at least 1, got 0");
        assertThatThrownBy(() -> load("interviews:\n  maxAnswerChars: 20001\n"))
                .hasMessage("w.yaml: interviews.maxAnswerChars must be in [1,20000], got 20001");
        assertThatThrownBy(() -> load("interviews:\n  feedCacheMillis: 60001\n"))
                .hasMessage("w.yaml: interviews.feedCacheMillis must be in [0,60000], got 60001");
        assertThatThrownBy(() -> load("interviews:\n  duplicateTreshold: 0.5\n"))
                .hasMessageStartingWith("w.yaml: unknown key interviews.duplicateTreshold");
    }
}
