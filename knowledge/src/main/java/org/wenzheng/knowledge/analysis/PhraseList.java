package org.wenzheng.knowledge.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operator-edited phrase files in {@code config/}: conversational stop phrases (one per line) and
 * colloquial→official synonyms ({@code 老公,丈夫 => 配偶}). Lines starting with {@code #} are
 * comments. Phrases are normalized like the text they are matched against.
 */
public final class PhraseList {
    private PhraseList() {
    }

    /** Stop phrases, longest first so that 怎么办理 is removed before 怎么. */
    public static List<String> readStopPhrases(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.contains(" ") || t.contains("=>")) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": a stop phrase is one phrase per line: '" + t + "'");
            }
            out.add(ChineseNormalizer.normalize(t));
        }
        return sortLongestFirst(out);
    }

    /**
     * Synonyms: each line {@code a,b,c => x,y} maps every colloquial phrase on the left to the
     * official terms on the right.
     */
    public static Map<String, List<String>> readSynonyms(Path file) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int arrow = t.indexOf("=>");
            if (arrow < 0) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": expected 'colloquial,... => official,...': '" + t + "'");
            }
            List<String> official = split(t.substring(arrow + 2));
            List<String> colloquial = split(t.substring(0, arrow));
            if (official.isEmpty() || colloquial.isEmpty()) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": both sides of '=>' need a phrase: '" + t + "'");
            }
            for (String c : colloquial) {
                out.computeIfAbsent(c, k -> new ArrayList<>()).addAll(official);
            }
        }
        return out;
    }

    private static List<String> split(String side) {
        List<String> out = new ArrayList<>();
        for (String p : side.split("[,，]")) {
            String n = ChineseNormalizer.normalize(p.strip());
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }

    static List<String> sortLongestFirst(List<String> phrases) {
        List<String> out = new ArrayList<>(phrases);
        out.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return List.copyOf(out);
    }
}
