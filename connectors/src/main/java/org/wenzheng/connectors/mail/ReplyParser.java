package org.wenzheng.connectors.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.wenzheng.connectors.Fingerprint;
import org.wenzheng.connectors.InboundReply;

/**
 * Reads an incoming mail (raw RFC 5322 bytes) as an {@link InboundReply}: its threading headers,
 * the ticket code in its subject, who sent it, whether a person wrote it, and the new text of the
 * reply without the quoted notice and the signature.
 *
 * <p>Officers answer from the clients their offices use, so the quote conventions of the common
 * ones are recognised: Gmail and Apple Mail ({@code On … wrote:}, {@code 在 …写道：},
 * {@code …于2026年11月26日…写道：}), Outlook and Foxmail header blocks ({@code From:/发件人:} …
 * {@code Subject:/主题:}), {@code -----Original Message-----}, QQ mail's
 * {@code ------------------ 原始邮件 ------------------}, and {@code >} lines. Replies are expected on
 * top of the quote, as these clients write them. Text comes from the text/plain part when there is
 * one, else from the HTML (quoted {@code <blockquote>}s become {@code >} lines), in any declared
 * charset. Chinese clients label GBK text as GB2312; Jakarta Mail's charset map reads GB2312
 * as GB18030, the superset, and an unlabelled body that is not UTF-8 is read as GB18030 too.
 *
 * <p>Total: a malformed mail never makes it fail. What cannot be read stays empty, and the caller
 * keeps the raw bytes for an administrator.
 */
public final class ReplyParser {
    /**
     * The longest text kept, in characters (about a hundred pages): an answer is a few paragraphs;
     * anything longer is cut, marked, and still kept whole in the raw mail.
     */
    public static final int MAX_TEXT_CHARS = 100_000;
    static final String CUT_MARK = "\n[……以下内容过长，已截断]";

    /** A ticket code as the server issues them: WZ-date-sequence. */
    public static final Pattern TICKET_CODE = Pattern.compile("(?i)\\bWZ-\\d{8}-\\d{4,}\\b");

    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^<>]+@[^<>]+)>");
    private static final Set<String> DAEMONS = Set.of("mailer-daemon", "postmaster");
    /** Headers naming where a mail went: the sender's (To, Cc) and the receiving server's. */
    private static final List<String> RECIPIENT_HEADERS = List.of("To", "Cc", "Delivered-To", "X-Original-To");

    /** Lines that open a quoted earlier mail, tried on one line and on two joined (Gmail wraps them). */
    private static final List<Pattern> QUOTE_HEADERS = List.of(
            Pattern.compile("(?i)^on\\b.{0,300}\\bwrote:$"),
            Pattern.compile("^在.{0,300}写道[:：]$"),
            Pattern.compile("^.{0,300}于\\s*\\d{4}\\s*年.{0,200}写道[:：]$"),
            Pattern.compile("(?i)^-{2,}\\s*(original message|forwarded message)\\s*-{2,}$"),
            Pattern.compile("^-{2,}\\s*(原始邮件|邮件原件|原邮件|转发的邮件)\\s*-{2,}$"),
            Pattern.compile("^_{10,}$"));
    private static final Pattern HEADER_FROM = Pattern.compile("(?i)^\\*?(from|发件人)\\*?\\s*[:：]");
    private static final Pattern HEADER_SUBJECT = Pattern.compile("(?i)^\\*?(subject|主题)\\*?\\s*[:：]");
    /** How many lines an Outlook/Foxmail header block spans from From: to Subject: (From, Sent, To, Cc, Subject). */
    private static final int HEADER_BLOCK_LINES = 6;
    /** Signature delimiters and the trailers mobile clients append; only short lines qualify. */
    private static final List<Pattern> SIGNATURES = List.of(
            Pattern.compile("^--\\s?$"),
            Pattern.compile("^(发自|来自)(我的)?\\s*\\S{0,20}\\s*(iPhone|iPad|Android|手机|邮箱|客户端|Mail|邮件|平板)\\S{0,10}$"),
            Pattern.compile("(?i)^sent from my .{1,30}$"),
            Pattern.compile("(?i)^get outlook for .{1,30}$"),
            Pattern.compile("^从\\s*.{0,20}(邮件|Mail)\\s*发送$"));
    private static final int MAX_SIGNATURE_LINE_CHARS = 40;

    private static final Set<String> SKIPPED_TAGS = Set.of("head", "script", "style", "title", "template");
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2",
            "h3", "h4", "h5", "h6", "pre", "hr", "section", "article", "header", "footer", "center", "dd", "dt");

    private ReplyParser() {
    }

    /**
     * Parses one mail.
     *
     * @param raw        the message as received
     * @param source     where it came from, e.g. {@code imap:INBOX:1700000000:42}
     * @param receivedAt when it arrived (the IMAP internal date)
     */
    public static InboundReply parse(byte[] raw, String source, Instant receivedAt) {
        MimeMessage m;
        try {
            m = new MimeMessage(session(), new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            return unreadable(raw, source, receivedAt);
        }
        String subject = decoded(header(m, "Subject"));
        String from = sender(header(m, "From"));
        String text = limit(text(m));
        AutoReplies.Verdict kind = kind(m, from, subject, text);
        return new InboundReply(
                source,
                firstId(header(m, "Message-ID")),
                firstId(header(m, "In-Reply-To")),
                allIds(header(m, "References")),
                from,
                recipients(m),
                all(m, "Authentication-Results"),
                subject,
                ticketCode(subject),
                limit(answer(text)),
                text,
                receivedAt,
                kind.kind(),
                kind.reason(),
                Fingerprint.of(raw),
                Optional.empty());
    }

    /** The first ticket code in a subject, upper case. */
    static Optional<String> ticketCode(String subject) {
        Matcher m = TICKET_CODE.matcher(subject);
        return m.find() ? Optional.of(m.group().toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * The new text of a reply written on top of the quote: everything before the first quote
     * header, signature delimiter or mobile trailer, without {@code >} lines, trimmed.
     */
    static String answer(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (startsQuote(lines, i) || isSignature(line)) {
                break;
            }
            if (line.startsWith(">") || line.startsWith("＞")) {
                continue;
            }
            out.append(line).append('\n');
        }
        return collapseBlankLines(out.toString()).strip();
    }

    private static boolean startsQuote(String[] lines, int i) {
        String line = lines[i].strip();
        if (line.isEmpty()) {
            return false;
        }
        if (isQuoteHeader(line)) {
            return true;
        }
        // Gmail wraps a long "On … wrote:" over two lines; the join counts only when the next line
        // is not a header by itself (else an answer line just above it would be cut).
        if (i + 1 < lines.length && !isQuoteHeader(lines[i + 1].strip())
                && isQuoteHeader(line + " " + lines[i + 1].strip())) {
            return true;
        }
        if (HEADER_FROM.matcher(line).find()) {
            for (int j = i + 1; j < lines.length && j <= i + HEADER_BLOCK_LINES; j++) {
                if (HEADER_SUBJECT.matcher(lines[j].strip()).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isQuoteHeader(String line) {
        for (Pattern p : QUOTE_HEADERS) {
            if (p.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSignature(String line) {
        if (line.length() > MAX_SIGNATURE_LINE_CHARS) {
            return false;
        }
        for (Pattern p : SIGNATURES) {
            if (p.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    /** A bounce (by its envelope, sender or type), else what {@link AutoReplies} finds. */
    private static AutoReplies.Verdict kind(MimeMessage m, String from, String subject, String text) {
        String returnPath = header(m, "Return-Path");
        String localPart = from.contains("@") ? from.substring(0, from.indexOf('@')) : from;
        if (returnPath != null && returnPath.strip().equals("<>")) {
            return new AutoReplies.Verdict(InboundReply.Kind.BOUNCE, "empty Return-Path");
        }
        if (DAEMONS.contains(localPart)) {
            return new AutoReplies.Verdict(InboundReply.Kind.BOUNCE, "sent by " + localPart);
        }
        if (isReport(m)) {
            return new AutoReplies.Verdict(InboundReply.Kind.BOUNCE, "a multipart/report");
        }
        return AutoReplies.judge(name -> header(m, name), subject, text);
    }

    private static boolean isReport(MimeMessage m) {
        try {
            return m.isMimeType("multipart/report");
        } catch (MessagingException e) {
            return false;
        }
    }

    /** The readable text of the mail: its text/plain part, else its HTML as text; empty if none. */
    private static String text(MimeMessage m) {
        try {
            Part plain = find(m, "text/plain");
            if (plain != null) {
                return normalise(read(plain));
            }
            Part html = find(m, "text/html");
            if (html != null) {
                return normalise(htmlToText(read(html)));
            }
        } catch (MessagingException | IOException e) {
            // A broken structure or transfer encoding: the text stays empty, the raw mail is kept.
        }
        return "";
    }

    /** The first part of this type that is not an attachment, depth first; null if none. */
    static Part find(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart child = mp.getBodyPart(i);
                    if (Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
                        continue;
                    }
                    Part found = find(child, type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
        return part.isMimeType(type) ? part : null;
    }

    /** The part's text, decoded from its transfer encoding and its charset. */
    private static String read(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        String declared = null;
        try {
            declared = new ContentType(part.getContentType()).getParameter("charset");
        } catch (ParseException e) {
            // no usable charset parameter: guessed below
        }
        return decode(bytes, declared);
    }

    static String decode(byte[] bytes, String declared) {
        if (declared != null) {
            try {
                return new String(bytes, Charset.forName(MimeUtility.javaCharset(declared.strip())));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                // an unknown label: guessed below
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Not UTF-8: in a Chinese office, almost surely GBK.
            return new String(bytes, Charset.forName("GB18030"));
        }
    }

    /** HTML as the lines a reader sees; a blockquote's lines get a {@code >} in front. */
    static String htmlToText(String html) {
        StringBuilder out = new StringBuilder();
        render(Jsoup.parse(html).body(), out);
        return out.toString();
    }

    private static void render(Node node, StringBuilder out) {
        if (node instanceof TextNode t) {
            out.append(inPre(t) ? t.getWholeText() : t.text());
            return;
        }
        if (!(node instanceof Element e)) {
            return;
        }
        String tag = e.normalName();
        if (SKIPPED_TAGS.contains(tag)) {
            return;
        }
        if (tag.equals("br")) {
            out.append('\n');
            return;
        }
        if (tag.equals("blockquote")) {
            StringBuilder inner = new StringBuilder();
            for (Node child : e.childNodes()) {
                render(child, inner);
            }
            newLine(out);
            for (String line : inner.toString().strip().split("\n")) {
                out.append("> ").append(line.strip()).append('\n');
            }
            return;
        }
        boolean block = BLOCK_TAGS.contains(tag);
        if (block) {
            newLine(out);
        }
        for (Node child : e.childNodes()) {
            render(child, out);
        }
        if (block) {
            newLine(out);
        }
    }

    private static boolean inPre(TextNode t) {
        for (Node p = t.parent(); p != null; p = p.parent()) {
            if (p instanceof Element el && el.normalName().equals("pre")) {
                return true;
            }
        }
        return false;
    }

    private static void newLine(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    /** Unix line ends, no-break spaces as spaces, lines right-trimmed, at most one blank line in a row. */
    private static String normalise(String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n').replace('\u00A0', ' ').replace("\u200B", "");
        StringBuilder b = new StringBuilder(t.length());
        for (String line : t.split("\n", -1)) {
            b.append(line.stripTrailing()).append('\n');
        }
        return collapseBlankLines(b.toString()).strip();
    }

    private static String collapseBlankLines(String text) {
        return text.replaceAll("\n{3,}", "\n\n");
    }

    private static String limit(String text) {
        if (text.length() <= MAX_TEXT_CHARS) {
            return text;
        }
        int end = MAX_TEXT_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT_MARK;
    }

    private static String header(MimeMessage m, String name) {
        try {
            String value = m.getHeader(name, ",");
            return value == null ? null : MimeUtility.unfold(value);
        } catch (MessagingException e) {
            return null;
        }
    }

    /** A header's encoded words decoded (GB2312 as GB18030, by Jakarta Mail's charset map). */
    private static String decoded(String value) {
        if (value == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(value).strip();
        } catch (UnsupportedEncodingException e) {
            return value.strip();
        }
    }

    private static String sender(String fromHeader) {
        if (fromHeader == null) {
            return "";
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(decodedForAddress(fromHeader), false);
            if (addresses.length > 0 && addresses[0].getAddress() != null) {
                return addresses[0].getAddress().strip().toLowerCase(Locale.ROOT);
            }
        } catch (AddressException e) {
            // an unparsable From: no sender, which the caller treats as unknown
        }
        return "";
    }

    /** Where it was sent: To and Cc, then the envelope recipients the receiving server recorded. */
    private static List<String> recipients(MimeMessage m) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String name : RECIPIENT_HEADERS) {
            for (String value : all(m, name)) {
                try {
                    for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
                        if (a.getAddress() != null && !a.getAddress().isBlank()) {
                            out.add(a.getAddress().strip().toLowerCase(Locale.ROOT));
                        }
                    }
                } catch (AddressException e) {
                    // an unparsable list: its addresses are not among the recipients
                }
            }
        }
        return List.copyOf(out);
    }

    /** Every value of a header, in the order of the mail (the topmost first), unfolded. */
    private static List<String> all(MimeMessage m, String name) {
        try {
            String[] values = m.getHeader(name);
            if (values == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>(values.length);
            for (String v : values) {
                out.add(MimeUtility.unfold(v).strip());
            }
            return out;
        } catch (MessagingException e) {
            return List.of();
        }
    }

    private static String decodedForAddress(String value) {
        // Only the address is used: display names with odd encodings must not break parsing.
        Matcher angle = ANGLE_ADDRESS.matcher(value);
        return angle.find() ? angle.group(1) : value;
    }

    private static Optional<String> firstId(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher m = ANGLE_ID.matcher(value);
        if (m.find()) {
            return Optional.of(m.group(1));
        }
        String bare = value.strip().split("\\s+")[0];
        return bare.isEmpty() ? Optional.empty() : Optional.of(bare);
    }

    private static List<String> allIds(String value) {
        List<String> ids = new ArrayList<>();
        if (value == null) {
            return ids;
        }
        Matcher m = ANGLE_ID.matcher(value);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty()) {
            for (String s : value.strip().split("[\\s,]+")) {
                if (!s.isEmpty()) {
                    ids.add(s);
                }
            }
        }
        return ids;
    }

    private static InboundReply unreadable(byte[] raw, String source, Instant receivedAt) {
        return new InboundReply(source, Optional.empty(), Optional.empty(), List.of(), "", List.of(), List.of(), "",
                Optional.empty(), "", "",
                receivedAt, InboundReply.Kind.PERSON, "", Fingerprint.of(raw),
                Optional.empty());
    }

    private static Session session() {
        Properties p = new Properties();
        // Headers in raw UTF-8 (RFC 6532) are read as such.
        p.setProperty("mail.mime.allowutf8", "true");
        p.setProperty("mail.mime.address.strict", "false");
        return Session.getInstance(p);
    }
}
