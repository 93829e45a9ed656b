package org.wenzheng.server.letters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The publication masker over thirty letters written with names, addresses and numbers in many
 * forms ({@code letters/publication-pii.txt}): every personal datum is removed, and the words of the
 * letter that are not personal data stay.
 */
class PublicationMaskerTest {

    record Letter(int number, String name, String text, List<String> pii, List<String> keep) {
    }

    static List<Letter> fixture() throws IOException {
        String all;
        try (InputStream in = PublicationMaskerTest.class.getResourceAsStream("/letters/publication-pii.txt")) {
            all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Letter> out = new ArrayList<>();
        for (String block : all.split("\n---\n")) {
            String name = null;
            String text = null;
            List<String> pii = List.of();
            List<String> keep = List.of();
            for (String line : block.split("\n")) {
                if (line.startsWith("name: ")) {
                    String n = line.substring(6).strip();
                    name = n.equals("-") ? null : n;
                } else if (line.startsWith("text: ")) {
                    text = line.substring(6).replace("\\n", "\n");
                } else if (line.startsWith("pii: ")) {
                    pii = Arrays.stream(line.substring(5).split(" \\| ")).map(String::strip).toList();
                } else if (line.startsWith("keep: ")) {
                    keep = Arrays.stream(line.substring(6).split(" \\| ")).map(String::strip).toList();
                }
            }
            out.add(new Letter(out.size() + 1, name, text, pii, keep));
        }
        return out;
    }

    @Test
    void removesEveryPersonalDatumOfTheThirtyLettersAndKeepsTheirWords() throws IOException {
        List<Letter> letters = fixture();
        assertThat(letters).hasSize(30);
        int total = 0;
        int caught = 0;
        List<String> missed = new ArrayList<>();
        List<String> eaten = new ArrayList<>();
        for (Letter l : letters) {
            String masked = PublicationMasker.mask(l.text(), l.name());
            for (String p : l.pii()) {
                total++;
                if (masked.contains(p)) {
                    missed.add("#" + l.number() + " " + p + " in: " + masked);
                } else {
                    caught++;
                }
            }
            for (String k : l.keep()) {
                if (!masked.contains(k)) {
                    eaten.add("#" + l.number() + " " + k + " in: " + masked);
                }
            }
        }
        System.out.println("PublicationMaskerTest: " + caught + " of " + total + " personal data caught in "
                + letters.size() + " letters");
        assertThat(missed).as("personal data left").isEmpty();
        assertThat(eaten).as("words of the letter masked").isEmpty();
        assertThat(total).as("personal data in the fixture").isEqualTo(65);
    }

    @Test
    void replacesEachPieceWithTheMarkAndNothingOfIt() {
        assertThat(PublicationMasker.mask("电话13812345678，谢谢", null)).isEqualTo("电话××，谢谢");
        assertThat(PublicationMasker.mask("我叫王小明，想问社保", null)).isEqualTo("我叫××，想问社保");
    }

    @Test
    void leavesALetterWithoutPersonalDataAsItIs() {
        String text = "市政府信箱：建议在人民公园增设公共厕所，周末游客很多，排队时间长。12345热线也反映过。";
        assertThat(PublicationMasker.mask(text, null)).isEqualTo(text);
    }
}
