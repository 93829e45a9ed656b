package org.wenzheng.server.letters;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from a letter before it is published (信件公开): every piece found is
 * replaced by {@link #MARK}, nothing of it is kept (unlike {@code privacy.PersonalDataMasker}, which
 * keeps the last digits for staff who must recognise a number). An administrator reviews the
 * result before anything is published; this is the first draft, so it leans towards removing.
 *
 * <p>What it finds, on a width-folded copy (full-width digits, letters, @, hyphens and parentheses
 * count as their ASCII forms):
 * <ul>
 *   <li>the writer's name as given in the form, also spaced out (张 三), and its given name alone
 *       when that has two characters or more;</li>
 *   <li>a surname (the common single ones and the compound ones) followed by a title or a form of
 *       address (先生, 女士, 老师, 同志, 师傅, 阿姨, 主任 …), with up to two characters between (王建国先生);</li>
 *   <li>a surname and one or two characters after words that introduce a name (我叫, 本人, 姓名：,
 *       联系人, 业主, 居民 …) or at a letter's signature (此致敬礼 …, ——); after the weaker
 *       introducers (业主, 居民, 我是 …) only when the name ends at punctuation, the end, or a word
 *       that follows names (家, 说, 反映, 身份证 …). These are heuristics: a name written without
 *       such a context (“昨天建国去办事”) is not found unless it is the writer's own;</li>
 *   <li>身份证号 (18 digits or 17 and X, 15 digits; groups separated by spaces or hyphens),
 *       mobile numbers (+86 optional, any spaces or hyphens between digits), landlines with an
 *       area code (010-88886666, (0755)12345678, 0571 8888 6666) and eight-digit numbers after
 *       电话/座机, bank card numbers (16 to 19 digits, in one piece or groups of four), e-mail
 *       addresses, 微信/QQ ids after their label;</li>
 *   <li>licence plates (京A12345, 粤B·D12345 and 粤BD12345 of new-energy cars);</li>
 *   <li>addresses: a road, street, lane or village with a number (…路88号, …街3号院, …巷5号, …村3组),
 *       with what comes before it (…省…市…区/县/镇…) and after it (…栋/幢/号楼 …单元 …室), and a
 *       housing estate's name (…小区, …花园, …家园, …苑 …) followed by a building, unit or room
 *       number. An estate named without a number is kept: it identifies a place, not a person.</li>
 * </ul>
 */
public final class PublicationMasker {
    /** What replaces each piece of personal data. */
    public static final String MARK = "××";

    private static final String SURNAMES_COMPOUND = "欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|令狐|西门|独孤";
    // The most common surnames (together over 85% of people). Characters that are common words at
    // the start of a phrase and rarely surnames (时, 学, 和, 于 as a preposition …) are left out.
    private static final String SURNAMES_SINGLE = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            + "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
            + "万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
            + "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项"
            + "连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明"
            + "佘池查麻苑迟邝";
    private static final String SURNAME = "(?:" + SURNAMES_COMPOUND + "|[" + SURNAMES_SINGLE + "])";
    /** A character of a given name: Han, but not the words that usually follow a name. */
    private static final String GIVEN = "[\\p{IsHan}&&[^的了是在和与说等家，。]]";
    private static final String TITLES = "先生|女士|小姐|老师|同志|师傅|阿姨|大爷|大妈|大姐|大哥|老人|老太|奶奶|爷爷|经理|主任"
            + "|科长|局长|处长|所长|站长|队长|村长|书记|医生|大夫|律师|同学|警官";

    private static final Pattern TITLED = Pattern.compile(SURNAME + GIVEN + "{0,2}?(?:" + TITLES + ")");
    /** 老张, 小李 before a word that follows a name. */
    private static final Pattern FAMILIAR = Pattern.compile("[老小][" + SURNAMES_SINGLE
            + "](?=说|讲|家|反映|告诉|是|和|跟|等|[,.;!?、\\s]|$)");
    // Strong introducers: what follows is a name. Weak ones: what follows may be a name or a word.
    private static final Pattern INTRODUCED = Pattern.compile("(?:我叫|他叫|她叫|名叫|叫做|本人|姓名|名字|联系人|署名|落款|写信人"
            + "|来信人|投诉人|反映人|申请人|举报人|当事人|户主|收件人|签名)[:：]?\\s?(" + SURNAME + GIVEN + "{1,2})");
    private static final Pattern INTRODUCED_WEAKLY = Pattern.compile("(?:我是|业主|居民|村民|市民|患者|学生|员工|家属"
            + "|母亲|父亲|儿子|女儿|丈夫|妻子|爱人|邻居|老人|孩子)\\s?(" + SURNAME + GIVEN + "{1,2}?)"
            + "(?=[,.;:!?、()\\s]|$|家|说|反映|的|身份证|电话|手机|联系|住|今年|男|女|\\d)");
    private static final Pattern SIGNED = Pattern.compile("(?:此致\\s*敬礼[!.]?|——|—|\\n)\\s*(" + SURNAME + GIVEN
            + "{1,2})\\s*(?=\\n|$|\\d|[,.])");

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+\\s?@\\s?[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");
    private static final Pattern ID_CARD = Pattern.compile("(?<![0-9A-Za-z])(?:\\d{6}[ -]?(?:19|20)\\d{2}[ -]?\\d{4}"
            + "[ -]?\\d{3}[0-9Xx]|\\d{15})(?![0-9A-Za-z])");
    private static final Pattern BANK_CARD = Pattern.compile("(?<!\\d)(?:\\d{4}(?:[ -]?\\d{4}){3}(?:[ -]?\\d{1,3})?"
            + "|\\d{16,19})(?!\\d)");
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(?:(?:\\+|00)?86[ -]?)?1[3-9]\\d(?:[ -]?\\d){8}(?!\\d)");
    private static final Pattern LANDLINE = Pattern.compile("(?<!\\d)(?:\\(0\\d{2,3}\\)|0\\d{2,3})[ -]?\\d{3,4}[ -]?\\d{4}"
            + "(?:[ -]?(?:转|-)\\d{1,5})?(?!\\d)");
    private static final Pattern LABELLED_NUMBER = Pattern.compile("(?:电话|座机|手机|联系方式|号码)(?:号码?|是|为)?[:：]?\\s?"
            + "(\\d(?:[ -]?\\d){6,11})(?!\\d)");
    private static final Pattern CHAT_ID = Pattern.compile("(?i)(?:微信号?|wechat|QQ号?)(?:是|为)?[:：]?\\s?"
            + "([A-Za-z0-9_-]{5,20})");
    private static final Pattern PLATE = Pattern.compile("[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"
            + "\\s?[A-Za-z][\\s·•.-]?[A-Za-z0-9]{5,6}(?![A-Za-z0-9])");

    /** A character of a place name: Han, but not a pronoun or a word that comes before a place. */
    private static final String PLACE = "[\\p{IsHan}&&[^我你他她们住在于的了是和与到从向为家有位个这那对被把给请将就都也还又很"
            + "因所及或并且而但，。、]]";
    private static final String NUMBER = "(?:\\d+|[零〇一二三四五六七八九十百千两]+)";
    private static final String REGION = "(?:" + PLACE + "{1,6}?(?:省|自治区))?(?:" + PLACE + "{1,6}?市)?(?:" + PLACE
            + "{1,6}?(?:区|县|旗))?(?:" + PLACE + "{1,8}?(?:镇|乡|街道))?";
    private static final String BUILDING = "(?:\\s?" + NUMBER + "[ -]?(?:栋|幢|号楼|座|号院|区))?(?:\\s?" + NUMBER
            + "[ -]?单元)?(?:\\s?" + NUMBER + "[ -]?(?:楼|层))?(?:\\s?" + NUMBER + "[ -]?(?:室|号房|户|号)?)?";
    private static final Pattern STREET_ADDRESS = Pattern.compile(REGION + PLACE + "{1,10}?(?:大道|路|街|巷|弄|胡同|道"
            + "|里)" + NUMBER + "(?:[ -]" + NUMBER + ")?(?:号院|号|弄)" + BUILDING);
    private static final Pattern VILLAGE_ADDRESS = Pattern.compile(REGION + PLACE + "{1,6}?村" + NUMBER + "(?:组|队|社)"
            + "(?:" + NUMBER + "号)?");
    private static final Pattern ESTATE_ADDRESS = Pattern.compile(REGION + PLACE + "{1,10}?(?:小区|花园|家园|新村|公寓"
            + "|大厦|苑|府|城|庭|湾|公馆|社区)" + "\\s?" + NUMBER + "[ -]?(?:栋|幢|号楼|座|号|期|单元|室|区)" + BUILDING);

    private PublicationMasker() {
    }

    /**
     * The text with every piece of personal data found replaced by {@link #MARK}; null becomes "".
     *
     * @param writerName the name the writer gave in the form, or null
     */
    public static String mask(String text, String writerName) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String folded = fold(text);
        BitSet hidden = new BitSet(text.length());
        for (Pattern p : writerPatterns(writerName)) {
            mark(p, folded, hidden, 0);
        }
        mark(EMAIL, folded, hidden, 0);
        mark(ID_CARD, folded, hidden, 0);
        mark(BANK_CARD, folded, hidden, 0);
        mark(MOBILE, folded, hidden, 0);
        mark(LANDLINE, folded, hidden, 0);
        mark(LABELLED_NUMBER, folded, hidden, 1);
        mark(CHAT_ID, folded, hidden, 1);
        mark(PLATE, folded, hidden, 0);
        mark(STREET_ADDRESS, folded, hidden, 0);
        mark(VILLAGE_ADDRESS, folded, hidden, 0);
        mark(ESTATE_ADDRESS, folded, hidden, 0);
        mark(TITLED, folded, hidden, 0);
        mark(FAMILIAR, folded, hidden, 0);
        mark(INTRODUCED, folded, hidden, 1);
        mark(INTRODUCED_WEAKLY, folded, hidden, 1);
        mark(SIGNED, folded, hidden, 1);
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (hidden.get(i)) {
                out.append(MARK);
                i = hidden.nextClearBit(i);
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /** The writer's full name, spaced or not, and a given name of two characters or more. */
    private static List<Pattern> writerPatterns(String writerName) {
        List<Pattern> out = new ArrayList<>();
        if (writerName == null) {
            return out;
        }
        String name = fold(writerName).replaceAll("\\s+", "");
        if (name.length() < 2) {
            return out;
        }
        out.add(spaced(name));
        Matcher compound = Pattern.compile("^(?:" + SURNAMES_COMPOUND + ")").matcher(name);
        int surname = compound.find() ? compound.end() : 1;
        String given = name.substring(surname);
        if (given.length() >= 2) {
            out.add(spaced(given));
        }
        return out;
    }

    private static Pattern spaced(String name) {
        StringBuilder p = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (!p.isEmpty()) {
                p.append("[\\s·.]*");
            }
            p.append(Pattern.quote(new String(Character.toChars(cp))));
        });
        return Pattern.compile(p.toString(), Pattern.CASE_INSENSITIVE);
    }

    private static void mark(Pattern p, String folded, BitSet hidden, int group) {
        Matcher m = p.matcher(folded);
        while (m.find()) {
            int start = m.start(group);
            int end = m.end(group);
            // Trailing separators stay text: "138 1234 5678 。" keeps its space before the stop.
            while (end > start && Character.isWhitespace(folded.charAt(end - 1))) {
                end--;
            }
            if (end > start) {
                hidden.set(start, end);
            }
        }
    }

    /**
     * The text with full-width forms as ASCII (１３８ → 138, ＠ → @, （ → (, － → -), the ideographic
     * space as a space and the Chinese full stop and comma as ASCII, one character for one: every
     * position of the copy is that of the original.
     */
    static String fold(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            } else if (c == '\u3000' || c == '\u00A0') {
                c = ' ';
            } else if (c == '。') {
                c = '.';
            } else if (c == '，') {
                c = ',';
            } else if (c == '‐' || c == '‑' || c == '–' || c == '−') {
                c = '-';
            }
            b.append(c);
        }
        return b.toString();
    }
}
