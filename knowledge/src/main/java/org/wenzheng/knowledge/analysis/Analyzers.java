package org.wenzheng.knowledge.analysis;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The two analyses every text goes through: words (smartcn's HMM segmenter) and overlapping
 * character bigrams. Words match precise terms; bigrams rescue what the segmenter cuts
 * differently in a colloquial question and in legal prose (离婚后 vs 离婚 / 后).
 */
public final class Analyzers {
    private Analyzers() {
    }

    /** smartcn words after width/script folding, with punctuation and the given stopwords removed. */
    public static Analyzer words(CharArraySet stopwords) {
        CharArraySet stop = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
        stop.addAll(stopwords);
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new HMMChineseTokenizer();
                TokenStream ts = new LowerCaseFilter(tokenizer);
                ts = new StopFilter(ts, stop);
                return new TokenStreamComponents(tokenizer, ts);
            }

            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return ChineseNormalizer.wrap(reader);
            }
        };
    }

    /** Overlapping Han bigrams (and whole Latin/number tokens) after width/script folding. */
    public static Analyzer bigrams() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream ts = new LowerCaseFilter(tokenizer);
                ts = new CJKBigramFilter(ts, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA
                        | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL, false);
                return new TokenStreamComponents(tokenizer, ts);
            }

            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return ChineseNormalizer.wrap(reader);
            }
        };
    }

    /** The terms {@code analyzer} makes of {@code text}, in order, repeats kept. */
    public static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing a string cannot fail", e);
        }
        return out;
    }

    /** Lucene's stock smartcn analyzer: the reference our pipeline is measured against. */
    public static Analyzer stockSmartcn() {
        return new SmartChineseAnalyzer();
    }
}
