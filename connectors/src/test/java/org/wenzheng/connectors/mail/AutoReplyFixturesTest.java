package org.wenzheng.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wenzheng.connectors.InboundReply;
import org.wenzheng.connectors.InboundReply.Kind;

/**
 * The auto-replies of the mail systems officers use, and officers' own replies that merely talk
 * about leave or office hours, as .eml fixtures under {@code mail/auto-replies/}: {@code automatic/}
 * must be recognised as automatic, {@code doubtful/} as possibly automatic (held for a person),
 * {@code person/} as written by a person.
 */
class AutoReplyFixturesTest {
    private static final Instant AT = Instant.parse("2026-11-26T02:16:02Z");

    static Stream<Path> automatic() {
        return fixtures("automatic");
    }

    static Stream<Path> doubtful() {
        return fixtures("doubtful");
    }

    static Stream<Path> person() {
        return fixtures("person");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("automatic")
    void theAutoRepliesOfCommonMailSystemsAreRecognised(Path eml) {
        InboundReply r = parse(eml);

        assertThat(r.kind()).as(eml.getFileName().toString()).isEqualTo(Kind.AUTO_REPLY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doubtful")
    void aMailWithOnlyOneSignOfAnAutoReplyIsDoubtful(Path eml) {
        InboundReply r = parse(eml);

        assertThat(r.kind()).as(eml.getFileName().toString()).isEqualTo(Kind.POSSIBLE_AUTO_REPLY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("person")
    void officersRepliesThatMentionLeaveOrOfficeHoursAreAnswers(Path eml) {
        InboundReply r = parse(eml);

        assertThat(r.kind()).as(eml.getFileName().toString()).isEqualTo(Kind.PERSON);
        assertThat(r.answer()).isNotBlank();
    }

    static InboundReply parse(Path eml) {
        try {
            // Stored with the line ends the checkout gives them; mail has CRLF.
            String text = Files.readString(eml, StandardCharsets.US_ASCII).replace("\r\n", "\n").replace("\n", "\r\n");
            return ReplyParser.parse(text.getBytes(StandardCharsets.US_ASCII), eml.getFileName().toString(), AT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path fixture(String kind, String name) {
        return folder(kind).resolve(name);
    }

    private static Stream<Path> fixtures(String kind) {
        try (Stream<Path> files = Files.list(folder(kind))) {
            return files.filter(p -> p.toString().endsWith(".eml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder(String kind) {
        try {
            return Path.of(AutoReplyFixturesTest.class.getResource("/mail/auto-replies/" + kind).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
