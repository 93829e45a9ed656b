package org.wenzheng.knowledge;

import org.wenzheng.knowledge.engine.KnowledgeBases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small real knowledge base for tests: five Chinese documents on 劳动合同, 婚姻 and 租赁 (two
 * versions of one local rule), a synonyms file and a stop-phrase file. The articles are written
 * for these tests in the style of the national laws database; they are not quotations.
 */
public final class LawFixture {
    /** The article the 押金 question should find: the in-force rule's 出租人 article. */
    public static final String DEPOSIT_ARTICLE = "第十二条";
    public static final String RENTAL_TITLE = "示例市住房租赁管理办法";
    public static final String LABOUR_TITLE = "中华人民共和国劳动合同法";

    static final String LABOUR_LAW = """
            # 中华人民共和国劳动合同法

            2007年6月29日 第十届全国人民代表大会常务委员会第二十八次会议通过

            2012年12月28日 第十一届全国人民代表大会常务委员会第三十次会议修正

            <!-- INFO END -->

            ## 第一章 总则

            第一条 为了规范劳动合同的订立和履行，明确用人单位与劳动者的权利和义务，保护劳动者的合法权益，制定本法。

            第二条 境内的企业、个体经济组织、民办非企业单位等组织与劳动者建立劳动关系，订立、履行、变更、解除或者终止劳动合同，适用本法。

            ## 第二章 劳动合同的订立

            第十条 建立劳动关系，应当订立书面劳动合同。已建立劳动关系，未同时订立书面劳动合同的，应当自用工之日起一个月内订立书面劳动合同。

            第十九条 劳动合同期限三个月以上不满一年的，试用期不得超过一个月；劳动合同期限一年以上不满三年的，试用期不得超过二个月；三年以上固定期限和无固定期限的劳动合同，试用期不得超过六个月。

            同一用人单位与同一劳动者只能约定一次试用期。

            第二十条 劳动者在试用期的工资不得低于本单位相同岗位最低档工资的百分之八十或者不得低于劳动合同约定工资的百分之八十，并不得低于用人单位所在地的最低工资标准。

            ## 第四章 劳动合同的解除和终止

            第三十六条 用人单位与劳动者协商一致，可以解除劳动合同。

            第三十七条 劳动者提前三十日以书面形式通知用人单位，可以解除劳动合同。劳动者在试用期内提前三日通知用人单位，可以解除劳动合同。

            第三十八条 用人单位未及时足额支付劳动报酬的，或者未依法为劳动者缴纳社会保险费的，劳动者可以解除劳动合同。

            第三十九条 劳动者有下列情形之一的，用人单位可以解除劳动合同：

            （一）在试用期间被证明不符合录用条件的；

            （二）严重违反用人单位的规章制度的；

            （三）严重失职，营私舞弊，给用人单位造成重大损害的。

            第四十七条 经济补偿按劳动者在本单位工作的年限，每满一年支付一个月工资的标准向劳动者支付。六个月以上不满一年的，按一年计算；不满六个月的，向劳动者支付半个月工资的经济补偿。
            """;

    static final String MARRIAGE_PART = """
            # 中华人民共和国民法典

            # 婚姻家庭编

            2020年5月28日 第十三届全国人民代表大会第三次会议通过

            <!-- INFO END -->

            ## 第一章 一般规定

            第一千零四十条 本编调整因婚姻家庭产生的民事关系。

            第一千零四十二条 禁止包办、买卖婚姻和其他干涉婚姻自由的行为。禁止重婚。禁止有配偶者与他人同居。禁止家庭暴力。

            ## 第三章 家庭关系

            ### 第一节 夫妻关系

            第一千零五十九条 夫妻有相互扶养的义务。需要扶养的一方，在另一方不履行扶养义务时，有要求其给付扶养费的权利。

            第一千零六十二条 夫妻在婚姻关系存续期间所得的工资、奖金、劳务报酬，生产、经营、投资的收益，为夫妻的共同财产，归夫妻共同所有。

            ## 第四章 离婚

            第一千零七十六条 夫妻双方自愿离婚的，应当签订书面离婚协议，并亲自到婚姻登记机关申请离婚登记。

            离婚协议应当载明双方自愿离婚的意思表示和对子女抚养、财产以及债务处理等事项协商一致的意见。

            第一千零七十九条 夫妻一方要求离婚的，可以由有关组织进行调解或者直接向人民法院提起离婚诉讼。人民法院审理离婚案件，应当进行调解；如果感情确已破裂，调解无效的，应当准予离婚。
            """;

    static final String CONTRACT_PART = """
            # 中华人民共和国民法典

            # 合同编

            2020年5月28日 第十三届全国人民代表大会第三次会议通过

            <!-- INFO END -->

            ## 第二分编 典型合同

            ### 第十四章 租赁合同

            第七百零三条 租赁合同是出租人将租赁物交付承租人使用、收益，承租人支付租金的合同。

            第七百零八条 出租人应当按照约定将租赁物交付承租人，并在租赁期限内保持租赁物符合约定的用途。

            第七百一十二条 出租人应当履行租赁物的维修义务，但是当事人另有约定的除外。

            第七百二十二条 承租人无正当理由未支付或者迟延支付租金的，出租人可以请求承租人在合理期限内支付；承租人逾期不支付的，出租人可以解除合同。
            """;

    static final String RENTAL_2019 = """
            ---
            docNumber: 示例府令第3号
            issuer: 示例市人民政府
            ---
            # 示例市住房租赁管理办法

            ## 第一章 总则

            第一条 为了规范本市住房租赁活动，维护租赁当事人的合法权益，制定本办法。

            第二条 本市行政区域内住房租赁及其监督管理，适用本办法。

            ## 第二章 租赁合同

            第十一条 住房租赁合同应当向区房屋管理部门办理登记备案，取得租赁登记备案证明。

            第十二条 租赁合同期满的，出租人应当在十日内退还押金。
            """;

    static final String RENTAL_2023 = """
            ---
            docNumber: 示例府令第9号
            issuer: 示例市人民政府
            category: 政策文件
            ---
            # 示例市住房租赁管理办法

            ## 第一章 总则

            第一条 为了规范本市住房租赁活动，维护租赁当事人的合法权益，促进住房租赁市场健康发展，制定本办法。

            第二条 本市行政区域内住房租赁及其监督管理，适用本办法。

            ## 第二章 租赁合同

            第十一条 承租人应当按照合同约定支付押金，押金不得超过一个月租金。押金应当存入专用账户。

            第十二条 租赁合同期满或者解除后，出租人应当在承租人返还房屋之日起三日内退还押金；扣除押金的，应当书面说明理由并出示凭据。

            第十三条 出租人不得以停水、停电、更换门锁等方式迫使承租人解除租赁合同。
            """;

    static final String SYNONYMS = """
            # 口语 => 法律用语
            老公,丈夫 => 配偶
            房东 => 出租人
            """;

    static final String STOP_PHRASES = """
            # 寒暄与语气
            请问
            怎么办
            吗
            """;

    private final Path root;

    private LawFixture(Path root) {
        this.root = root;
    }

    /** Writes the documents and phrase files below {@code root}. */
    public static LawFixture write(Path root) throws IOException {
        Path docs = root.resolve("laws");
        write(docs.resolve("社会法/劳动合同法(2012-12-28).md"), LABOUR_LAW);
        write(docs.resolve("民法典/婚姻家庭编.md"), MARRIAGE_PART);
        write(docs.resolve("民法典/合同编.md"), CONTRACT_PART);
        write(docs.resolve("地方规章/示例市住房租赁管理办法(2019-05-01).md"), RENTAL_2019);
        write(docs.resolve("地方规章/示例市住房租赁管理办法(2023-09-01).md"), RENTAL_2023);
        write(root.resolve("synonyms.txt"), SYNONYMS);
        write(root.resolve("stopwords.txt"), STOP_PHRASES);
        return new LawFixture(root);
    }

    public Path docs() {
        return root.resolve("laws");
    }

    /** The config over the fixture, with its index in {@code root/index}. */
    public KnowledgeConfig config() {
        return KnowledgeConfig.of(root.resolve("index"), List.of(docs()), List.of(),
                root.resolve("synonyms.txt"), root.resolve("stopwords.txt"));
    }

    /** Builds the fixture's index and opens it. */
    public KnowledgeBase open() throws IOException {
        return open(config());
    }

    /** Builds the index of {@code config} and opens it. */
    public static KnowledgeBase open(KnowledgeConfig config) throws IOException {
        KnowledgeBases.index(config, progress -> { }, false);
        return KnowledgeBases.open(config);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
