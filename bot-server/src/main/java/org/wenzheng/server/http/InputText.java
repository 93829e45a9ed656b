package org.wenzheng.server.http;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Text from outside as the server takes it in: what nobody types and nothing should store,
 * search or show is found here, once, for every endpoint.
 *
 * <p>Invisible are: control characters (C0, DEL, C1) other than tab, line feed and carriage
 * return; format characters (Unicode category Cf: zero-width space, joiners, word joiner, the
 * byte order mark, soft hyphen, and the bidirectional controls U+200E/F, U+202A–U+202E,
 * U+2066–U+2069, U+061C); U+FFFD, which only a broken decoding produces; noncharacters; and
 * lone surrogates. Removed from free text (a question, a search), they cannot hide a word from
 * the search or the masking, cannot reorder what a reader sees, and cannot reach a database that
 * refuses NUL. In a name (a file name) they are refused instead, since a name that looks like
 * another is the point of them there.
 */
public final class InputText {
    private InputText() {
    }

    /**
     * What a citizen reads when a question is over its limit (in the chat, in the form that hands
     * it to the staff): the limit and the question's length, so it can be shortened, not guessed at.
     */
    public static String questionTooLong(int maxChars, int length) {
        return "问题最多 " + maxChars + " 个字，您输入了 " + length + " 个字，请精简后再提问";
    }

    /** What a person reads when a request names a channel the server does not know (a page's bug, not a typo). */
    public static String unknownChannel(String ids) {
        return "来源渠道无效：须为 " + ids + " 之一";
    }

    /** What a person reads when the session id a page sent is not one the server accepts. */
    public static String badSession(int minChars, int maxChars) {
        return "会话编号无效：须为 " + minChars + " 到 " + maxChars + " 个英文字母、数字、“_”或“-”，请刷新页面后重试";
    }

    /**
     * What a person reads for a text over its limit, the field named as the form labels it (问题,
     * 搜索内容): the limit and the length, so it can be shortened, not guessed at.
     */
    public static String tooLong(String label, int maxChars, int length) {
        return label + "最多 " + maxChars + " 个字，当前 " + length + " 个字";
    }

    /** What a person reads for a required field left empty, named as the form labels it. */
    public static String required(String label) {
        return "请填写" + label;
    }

    /** What a person reads for a number out of its range or no number at all (条数, 页码). */
    public static String wholeNumber(String label, int min, int max) {
        return label + "须为 " + min + " 到 " + max + " 之间的整数";
    }

    /** What a person reads for a number below its minimum or no number at all. */
    public static String wholeNumberFrom(String label, int min) {
        return label + "须为不小于 " + min + " 的整数";
    }

    /** What a person reads for a yes-or-no field that holds something else. */
    public static String yesOrNo(String label) {
        return label + "须为是或否";
    }

    /** What a person reads for a record that is not there: 没有编号为 12 的账号. */
    public static String noSuch(String what, Object id) {
        return "没有编号为 " + id + " 的" + what;
    }

    /** How a list's {@code limit} is named to a person: how many entries to show. */
    public static final String LIMIT_LABEL = "条数";

    /**
     * What a person reads for a conversation that is not there (or not theirs: the id is the
     * capability, so both read alike), over HTTP and over the chat's socket.
     */
    public static final String NO_SUCH_CONVERSATION = "没有找到这段对话，可能已过保存期限；请重新提问";

    /** What a person reads for a request type (咨询 or 依申请公开) the server does not know. */
    public static final String UNKNOWN_TICKET_TYPE = "工单类型无效：须为咨询（consultation）、建议（suggestion）、投诉（complaint）、求助（help）、"
            + "举报（tipoff）或依申请公开（disclosure）";

    /** The text without its invisible characters (see the class comment); the rest is unchanged. */
    public static String clean(String text) {
        int first = firstInvisible(text, false);
        if (first < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        sb.append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (!isInvisible(cp, false)) {
                sb.appendCodePoint(cp);
            }
            i += width;
        }
        return sb.toString();
    }

    /**
     * The first character a name must not hold: an invisible one (see the class comment), or
     * any control character, tab and line breaks included.
     */
    public static OptionalInt forbiddenInName(String name) {
        int at = firstInvisible(name, true);
        return at < 0 ? OptionalInt.empty() : OptionalInt.of(name.codePointAt(at));
    }

    /** {@code U+202E}, as a message names a character. */
    public static String describe(int codePoint) {
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }

    private static int firstInvisible(String text, boolean strict) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isInvisible(cp, strict)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static boolean isInvisible(int cp, boolean strict) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return strict;
        }
        int type = Character.getType(cp);
        // codePointAt yields a lone surrogate as itself: a pair was not there.
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || cp == 0xFFFD || isNoncharacter(cp);
    }

    /** U+FDD0–U+FDEF and the last two code points of every plane: reserved, never text. */
    private static boolean isNoncharacter(int cp) {
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }
}
