package org.wenzheng.knowledge.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one normalisation of a question, wherever two questions are compared: ticket 并单 (the
 * same open question linked to the first), interview merging (在线访谈's near-duplicates) and the
 * engine's own question analysis. Each consumer holds a key built from its phrase list; the
 * steps are the same everywhere:
 * <ol>
 * <li><b>fold</b> ({@link #fold}): NFKC (full-width ＡＢＣ１２３ to ABC123, compatibility forms such
 * as ① to 1), Traditional to Simplified script (請問 to 请问, {@link ChineseNormalizer}) and lower
 * case;</li>
 * <li><b>phrases</b> ({@link #withoutPhrases}): each configured phrase (请问, 您好 …), folded the
 * same way, is removed wherever it occurs, longest first so that 请问一下 goes before 请问; each
 * becomes a space, so the words on either side never fuse into a bigram they did not form;</li>
 * <li><b>punctuation</b>: only letters and digits are kept, so spaces and 、，？！ never tell two
 * questions apart.</li>
 * </ol>
 * A question made of nothing but phrases ("你好！") keeps its folded letters and digits (it is
 * still itself), and one without any letter or digit ("？？") its folded text.
 *
 * <p><b>Which phrases.</b> The two configured lists keep their meaning, so existing
 * configurations work unchanged: ticket 并单 removes {@code tickets.dedupStripPhrases} (a few
 * polite phrases: 请问, 您好, 你好, 谢谢, 麻烦); interview merging and the engine remove the
 * stop-phrase file ({@code knowledge.stopPhrases}, which also holds question words such as
 * 为什么, 是否, 多少). They are not merged into one list on purpose: 并单 links on an <em>equal</em>
 * key and answers both tickets with one answer, so it must not drop the words that decide what is
 * asked ("为什么社保断缴" and "社保断缴吗" are two questions), while interview merging compares
 * keys by similarity under a threshold and the engine ranks, where question words are noise.
 *
 * <p>The engine analyses questions folded by {@link ChineseNormalizer#normalize} alone (the fold
 * its index was built with, without NFKC's compatibility mappings) and removes the phrases with
 * {@link #withoutPhrases}; keys are never analysed, so they may fold more. Immutable and thread-safe.
 */
public final class QuestionKey {
    /** A key that removes no phrase. */
    public static final QuestionKey NONE = new QuestionKey(List.of());

    private final List<String> phrases;

    private QuestionKey(List<String> phrases) {
        this.phrases = phrases;
    }

    /**
     * A key removing {@code phrases} (folded like questions; blank ones are ignored).
     *
     * @throws NullPointerException when the list or a phrase is null
     */
    public static QuestionKey of(Collection<String> phrases) {
        Set<String> folded = new LinkedHashSet<>();
        for (String p : Objects.requireNonNull(phrases, "phrases")) {
            String f = fold(Objects.requireNonNull(p, "a phrase must not be null")).strip();
            if (!f.isEmpty()) {
                folded.add(f);
            }
        }
        return folded.isEmpty() ? NONE : new QuestionKey(PhraseList.sortLongestFirst(new ArrayList<>(folded)));
    }

    /**
     * A key removing the phrases of a stop-phrase file (one a line, {@code #} comments), or none for null.
     *
     * @throws IllegalArgumentException naming the file and line of a bad phrase
     */
    public static QuestionKey read(Path stopPhrasesFile) throws IOException {
        return stopPhrasesFile == null ? NONE : of(PhraseList.readStopPhrases(stopPhrasesFile));
    }

    /** The question reduced for comparison: folded, without the phrases, letters and digits only. */
    public String key(String question) {
        String folded = fold(question);
        String kept = lettersAndDigits(withoutPhrases(folded));
        if (!kept.isEmpty()) {
            return kept;
        }
        String all = lettersAndDigits(folded);
        return all.isEmpty() ? folded.strip() : all;
    }

    /** Width, compatibility forms and script folded, lower case: the first step of a key. */
    public static String fold(String text) {
        return ChineseNormalizer.normalize(Normalizer.normalize(text, Normalizer.Form.NFKC));
    }

    /**
     * {@code folded} with each phrase replaced by a space, longest phrase first. The text must be
     * folded already (by {@link #fold}, or by {@link ChineseNormalizer#normalize} for analysis).
     */
    public String withoutPhrases(String folded) {
        String out = folded;
        for (String p : phrases) {
            if (out.contains(p)) {
                out = out.replace(p, " ");
            }
        }
        return out;
    }

    /** The phrases removed, folded, longest first. */
    public List<String> phrases() {
        return phrases;
    }

    private static String lettersAndDigits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(Character::isLetterOrDigit).forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
