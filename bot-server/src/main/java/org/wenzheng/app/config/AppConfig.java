package org.wenzheng.app.config;

import static org.wenzheng.server.yaml.YamlErrors.at;
import static org.wenzheng.server.yaml.YamlErrors.keyOf;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.Ranking;
import org.wenzheng.server.admin.AdminConfig;
import org.wenzheng.server.chat.ChatConfig;
import org.wenzheng.server.db.ClusterConfig;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.hotline.HotlineConfig;
import org.wenzheng.server.interviews.InterviewConfig;
import org.wenzheng.server.applications.ApplicationsConfig;
import org.wenzheng.server.letters.LettersConfig;
import org.wenzheng.server.satisfaction.SatisfactionConfig;
import org.wenzheng.server.metrics.MetricsConfig;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.replies.RepliesConfig;
import org.wenzheng.server.reports.ReportsConfig;
import org.wenzheng.server.retention.RetentionConfig;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.tickets.Department;
import org.wenzheng.server.tickets.Mailbox;
import org.wenzheng.server.tickets.TicketsConfig;
import org.wenzheng.server.tickets.calendar.CalendarException;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.TicketType;
import org.wenzheng.server.tickets.calendar.WorkingCalendar;

/**
 * The application's configuration ({@code config/wenzheng.yaml}), parsed and validated once at
 * start. Relative paths in the file are resolved against the file's folder.
 *
 * @param file      the file it was read from, as shown in messages
 * @param dataDir   where the index and other state live
 * @param knowledge the knowledge engine's part
 * @param server    the HTTP server's part (its question and result limits are the engine's)
 * @param database  where conversations, tickets and the mail outbox are stored: by default an
 *                  SQLite file in {@code <data>/db/}
 * @param staff     staff sessions and the accounts created at start when missing
 * @param chat      the WebSocket chat ({@code /ws/chat}): allowed origins, sizes, idle timeout, rate
 * @param retention how long conversations are kept
 * @param calendar  the working days ({@code calendar:}, a file beside this one); without it Monday
 *                  to Friday only, with a warning at start
 * @param deadlines ticket time limits on that calendar ({@code deadlines:})
 * @param reports   the managers' reports ({@code reports:}): the longest period
 * @param admin     the admin pages: the uploads folder (a knowledge source) and the upload limit
 * @param mail      the mail bridge: SMTP/IMAP (or the embedded demo server), relay, webhooks
 * @param tickets   the departments and the ticket desk (escalation to officers); empty when the file
 *                  has neither {@code departments:} nor {@code tickets:} (no escalation then)
 * @param hotline   the operator console's telephony integrations and the operators' extensions
 * @param interviews online interviews (在线访谈): limits, duplicate merging, the feed
 * @param letters   letters to the mailboxes of {@code tickets} ({@code letters:}): limits, who must
 *                  give a name
 * @param metrics   who may read /metrics: addresses, or a bearer token
 * @param satisfaction 满意度评价 and 回访 ({@code satisfaction:}): the comment's length, the rate
 *                  limit, the follow-up list's working days and types
 * @param applications applications for disclosure ({@code applications:}): the key file that encrypts
 *                  identity numbers (in the data folder by default), limits
 * @param cluster   this node among several on one PostgreSQL ({@code cluster:}, refused on the
 *                  embedded database); without the section a lone node named after its host
 */
public record AppConfig(String file, Path dataDir, Knowledge knowledge, ServerConfig server,
        DatabaseConfig database, StaffConfig staff, ChatConfig chat, RetentionConfig retention,
        WorkingCalendar calendar, DeadlineRules deadlines, ReportsConfig reports, Optional<TicketsConfig> tickets,
        HotlineConfig hotline, RepliesConfig mail, InterviewConfig interviews, LettersConfig letters,
        AdminConfig admin, MetricsConfig metrics, SatisfactionConfig satisfaction,
        ApplicationsConfig applications, ClusterConfig cluster) {

    /** Name of the index folder inside the data folder. */
    public static final String INDEX_FOLDER = "index";
    /** Name of the folder inside the data folder where the embedded mail server keeps its mail. */
    public static final String MAIL_FOLDER = "mail";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "sources: knowledge/docs" is what an operator writes for a single folder.
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            // "maxResults: 2.5" is a mistake, not 2.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * The knowledge engine's settings (see {@link KnowledgeConfig}).
     *
     * @param sources          document folders
     * @param faqFiles         FAQ YAML files
     * @param synonymsFile     colloquial→official phrases, or null for none
     * @param stopPhrasesFile  conversational phrases removed from questions, or null for none
     * @param answerThreshold  confidence needed to answer, in [0,1]
     * @param maxQuestionChars longest question accepted
     * @param maxResults       most hits one search may return
     * @param semantic         whether search uses the semantic stage (and indexing builds its vectors)
     */
    public record Knowledge(List<Path> sources, List<Path> faqFiles, Path synonymsFile, Path stopPhrasesFile,
            double answerThreshold, int maxQuestionChars, int maxResults, boolean semantic) {
        public Knowledge {
            sources = List.copyOf(sources);
            faqFiles = List.copyOf(faqFiles);
        }
    }

    public AppConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(knowledge, "knowledge");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(reports, "reports");
        Objects.requireNonNull(hotline, "hotline");
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(interviews, "interviews");
        Objects.requireNonNull(letters, "letters");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(satisfaction, "satisfaction");
        Objects.requireNonNull(applications, "applications");
        Objects.requireNonNull(cluster, "cluster");
    }

    /**
     * Reads and validates a configuration file.
     *
     * @param path         the file
     * @param shownAs      how to name the file in messages (as the user would recognise it)
     * @param dataOverride a data folder replacing the file's {@code data} (from {@code --data} or
     *                     {@code WENZHENG_DATA}), already resolved
     * @throws ConfigException naming the file and key of the first problem
     */
    public static AppConfig load(Path path, String shownAs, Optional<Path> dataOverride) {
        RawConfig raw = parse(path, shownAs);
        return new Validator(shownAs, path.toAbsolutePath().normalize().getParent()).validate(raw, dataOverride);
    }

    /** The folder holding the served index. */
    public Path indexDir() {
        return dataDir.resolve(INDEX_FOLDER);
    }

    /**
     * The engine configuration: configured sources and FAQ, index in {@code <data>/index}, and the
     * admin uploads folder as one more source once it exists (the server creates it), so that
     * {@code wenzheng index} keeps the uploaded documents too.
     */
    public KnowledgeConfig knowledgeConfig() {
        List<Path> sources = new ArrayList<>(knowledge.sources());
        if (Files.isDirectory(admin.uploadsDir()) && !sources.contains(admin.uploadsDir())) {
            sources.add(admin.uploadsDir());
        }
        return KnowledgeConfig.builder(indexDir()).sources(sources).faqFiles(knowledge.faqFiles())
                .synonymsFile(knowledge.synonymsFile()).stopPhrasesFile(knowledge.stopPhrasesFile())
                .answerThreshold(knowledge.answerThreshold()).maxQuestionChars(knowledge.maxQuestionChars())
                .maxResults(knowledge.maxResults())
                .ranking(knowledge.semantic() ? Ranking.DEFAULT : Ranking.DEFAULT.withSemantic(0))
                .build();
    }

    private static RawConfig parse(Path path, String shownAs) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException(shownAs + ": configuration file not found");
        } catch (IOException e) {
            throw new ConfigException(shownAs + ": cannot read the configuration file: " + e.getMessage(), e);
        }
        try {
            RawConfig raw = YAML.readValue(text, RawConfig.class);
            if (raw == null) {
                throw new ConfigException(shownAs + ": the configuration file is empty");
            }
            return raw;
        } catch (UnrecognizedPropertyException e) {
            Collection<Object> known = e.getKnownPropertyIds();
            throw new ConfigException(shownAs + ": unknown key " + keyOf(e) + lineOf(text, e)
                    + (known == null || known.isEmpty() ? "" : "; known keys here: " + String.join(", ",
                            new TreeSet<>(known.stream().map(String::valueOf).toList()))), e);
        } catch (MismatchedInputException e) {
            String key = keyOf(e);
            String got = e instanceof InvalidFormatException f && f.getValue() != null ? ", got '" + f.getValue() + "'" : "";
            throw new ConfigException(shownAs + ": " + (key.isEmpty() ? "the file" : key) + " must be "
                    + describe(e.getTargetType()) + got + lineOf(text, e), e);
        } catch (JacksonException e) {
            throw new ConfigException(shownAs + ": not valid YAML" + at(e) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * The line a key is written on, when it is written once at the start of a line. Jackson's
     * location for a mapping error may be past the key (records are bound after their whole
     * mapping is read), so the key is looked up in the text instead.
     */
    private static String lineOf(String text, JsonMappingException e) {
        String leaf = null;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                leaf = r.getFieldName();
            }
        }
        if (leaf == null) {
            return "";
        }
        Pattern key = Pattern.compile("^\\s*(- +)?[\"']?" + Pattern.quote(leaf) + "[\"']?\\s*:");
        List<String> lines = text.lines().toList();
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (key.matcher(lines.get(i)).find()) {
                if (found >= 0) {
                    return "";
                }
                found = i;
            }
        }
        return found < 0 ? "" : " (line " + (found + 1) + ")";
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a single value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys";
    }

    /** Checks the raw values and resolves paths, collecting nothing: the first problem is thrown. */
    private record Validator(String file, Path folder) {

        AppConfig validate(RawConfig raw, Optional<Path> dataOverride) {
            Path data = dataOverride.orElseGet(() -> raw.data() == null ? null : path("data", raw.data()));
            if (data == null) {
                throw fail("data is missing: set the data folder here, with --data DIR or with WENZHENG_DATA");
            }
            RawConfig.Knowledge k = raw.knowledge();
            if (k == null) {
                throw fail("knowledge is missing: it needs at least 'sources'");
            }
            if (k.sources() == null || k.sources().isEmpty()) {
                throw fail("knowledge.sources must list at least one document folder");
            }
            List<Path> sources = paths("knowledge.sources", k.sources(), true);
            List<Path> faq = k.faq() == null ? List.of() : paths("knowledge.faq", k.faq(), false);
            Path synonyms = k.synonyms() == null ? null : existingFile("knowledge.synonyms", k.synonyms());
            Path stop = k.stopPhrases() == null ? null : existingFile("knowledge.stopPhrases", k.stopPhrases());
            double threshold = k.answerThreshold() == null ? KnowledgeConfig.DEFAULT_ANSWER_THRESHOLD
                    : k.answerThreshold();
            int maxChars = k.maxQuestionChars() == null ? KnowledgeConfig.DEFAULT_MAX_QUESTION_CHARS
                    : k.maxQuestionChars();
            int maxResults = k.maxResults() == null ? KnowledgeConfig.DEFAULT_MAX_RESULTS : k.maxResults();
            // The engine's own builder checks its settings; its message, under the file's key.
            try {
                KnowledgeConfig.builder(data).answerThreshold(threshold).maxQuestionChars(maxChars)
                        .maxResults(maxResults);
            } catch (IllegalArgumentException e) {
                throw fail("knowledge." + e.getMessage());
            }
            WorkingCalendar calendar = calendar(raw.calendar());
            DatabaseConfig database = database(raw.database(), data);
            return new AppConfig(file, data,
                    new Knowledge(sources, faq, synonyms, stop, threshold, maxChars, maxResults,
                            k.semantic() == null || k.semantic()),
                    server(raw.server(), maxChars, maxResults), database,
                    staff(raw.staff(), raw.accounts(), raw.departments()), chat(raw.chat()), retention(raw.retention()), calendar,
                    deadlines(raw.deadlines(), calendar), reports(raw.reports()),
                    tickets(raw.departments(), raw.tickets(), raw.mailboxes()), hotline(raw.hotline()),
                    MailConfigs.mail(raw.mail(), raw.webhooks(), System::getenv, this::fail),
                    interviews(raw.interviews(), maxChars), letters(raw.letters(), maxChars, data), admin(raw.admin(), data),
                    metrics(raw.metrics()), satisfaction(raw.satisfaction()),
                    applications(raw.applications(), data, maxChars), cluster(raw.cluster(), database));
        }

        /** The satisfaction section: each key optional; the checks are SatisfactionConfig's. */
        private SatisfactionConfig satisfaction(RawConfig.Satisfaction r) {
            SatisfactionConfig d = SatisfactionConfig.defaults();
            if (r == null) {
                return d;
            }
            Set<TicketType> types = d.followUpTypes();
            if (r.followUpTypes() != null) {
                types = new HashSet<>();
                for (int i = 0; i < r.followUpTypes().size(); i++) {
                    try {
                        types.add(TicketType.of(r.followUpTypes().get(i)));
                    } catch (IllegalArgumentException e) {
                        throw fail("satisfaction.followUpTypes[" + i + "]: " + e.getMessage());
                    }
                }
            }
            try {
                return new SatisfactionConfig(or(r.maxCommentChars(), d.maxCommentChars()),
                        rateLimit(r.rateLimit(), d.rateLimit(), "satisfaction.rateLimit."),
                        or(r.followUpWorkingDays(), d.followUpWorkingDays()), types);
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }

        /**
         * The cluster section: each key optional; the checks are ClusterConfig's, reported under
         * "cluster.". Refused with the embedded database, which one process opens at a time.
         */
        private ClusterConfig cluster(RawConfig.Cluster c, DatabaseConfig database) {
            if (c == null) {
                return ClusterConfig.defaults();
            }
            if (database.embedded()) {
                throw fail("cluster: several nodes need one shared PostgreSQL database (database.url:"
                        + " jdbc:postgresql://…), but the database is the embedded SQLite file " + database.displayUrl()
                        + ", which one process opens at a time (its lock file keeps every other out); remove"
                        + " cluster: to run a single node on it");
            }
            try {
                ClusterConfig d = ClusterConfig.defaults();
                return new ClusterConfig(c.nodeId() == null ? d.nodeId() : c.nodeId(),
                        c.leaderCheckMs() == null ? d.leaderCheck() : Duration.ofMillis(c.leaderCheckMs()),
                        c.claimLeaseSeconds() == null ? d.claimLease() : Duration.ofSeconds(c.claimLeaseSeconds()));
            } catch (IllegalArgumentException e) {
                throw fail("cluster." + e.getMessage());
            }
        }

        /**
         * The letters section: each key optional; the checks are LettersConfig's. The bot looks up at
         * most the knowledge engine's question limit of a letter.
         */
        private LettersConfig letters(RawConfig.Letters l, int knowledgeMaxChars, Path data) {
            LettersConfig d = LettersConfig.defaults(knowledgeMaxChars, data);
            if (l == null) {
                return d;
            }
            Set<TicketType> named = d.nameRequiredFor();
            if (l.nameRequiredFor() != null) {
                named = new HashSet<>();
                for (int i = 0; i < l.nameRequiredFor().size(); i++) {
                    try {
                        named.add(TicketType.of(l.nameRequiredFor().get(i)));
                    } catch (IllegalArgumentException e) {
                        throw fail("letters.nameRequiredFor[" + i + "]: " + e.getMessage());
                    }
                }
            }
            try {
                return new LettersConfig(or(l.maxTitleChars(), d.maxTitleChars()),
                        or(l.maxContentChars(), d.maxContentChars()), or(l.maxNameChars(), d.maxNameChars()), named,
                        knowledgeMaxChars, rateLimit(l.createRateLimit(), d.createRateLimit(),
                                "letters.createRateLimit."), attachments(l.attachments(), d.attachments(), data),
                        l.byMail() == null ? d.byMail() : new LettersConfig.MailLimits(or(l.byMail().perSenderPerDay(),
                                d.byMail().perSenderPerDay()), or(l.byMail().perHour(), d.byMail().perHour())));
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }

        /** letters.attachments: each key optional; a relative folder is inside the data folder. */
        private static LettersConfig.Attachments attachments(RawConfig.Attachments a, LettersConfig.Attachments d,
                Path data) {
            if (a == null) {
                return d;
            }
            return new LettersConfig.Attachments(a.folder() == null ? d.folder() : data.resolve(a.folder()),
                    or(a.maxFileBytes(), d.maxFileBytes()), or(a.maxFiles(), d.maxFiles()),
                    or(a.maxTotalBytes(), d.maxTotalBytes()));
        }

        /**
         * The applications section: each key optional; the checks are ApplicationsConfig's. The key
         * file is relative to the data folder.
         */
        private ApplicationsConfig applications(RawConfig.Applications a, Path data, int knowledgeMaxChars) {
            ApplicationsConfig d = ApplicationsConfig.defaults(data, knowledgeMaxChars);
            if (a == null) {
                return d;
            }
            try {
                return new ApplicationsConfig(a.keyFile() == null ? d.keyFile() : data.resolve(a.keyFile()),
                        or(a.maxRequestChars(), d.maxRequestChars()), or(a.maxTextChars(), d.maxTextChars()),
                        knowledgeMaxChars, rateLimit(a.createRateLimit(), d.createRateLimit(),
                                "applications.createRateLimit."));
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }

        /** The retention section: each key optional; the checks are RetentionConfig's. */
        private RetentionConfig retention(RawConfig.Retention r) {
            RetentionConfig d = RetentionConfig.DEFAULTS;
            if (r == null) {
                return d;
            }
            try {
                return new RetentionConfig(
                        r.conversationDays() == null ? d.conversations() : Duration.ofDays(r.conversationDays()),
                        r.intervalMinutes() == null ? d.interval() : Duration.ofMinutes(r.intervalMinutes()));
            } catch (IllegalArgumentException e) {
                throw fail("retention." + e.getMessage());
            }
        }

        /** The admin section: each key optional; the uploads folder relative to the data folder. */
        private AdminConfig admin(RawConfig.Admin a, Path data) {
            if (a == null) {
                return AdminConfig.defaults(data);
            }
            Path uploads;
            try {
                uploads = a.uploads() == null ? data.resolve(AdminConfig.UPLOADS_FOLDER)
                        : data.resolve(a.uploads().strip()).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw fail("admin.uploads is not a valid path: '" + a.uploads() + "'");
            }
            try {
                return new AdminConfig(uploads, or(a.maxUploadBytes(), AdminConfig.DEFAULT_MAX_UPLOAD_BYTES));
            } catch (IllegalArgumentException e) {
                throw fail("admin." + e.getMessage());
            }
        }

        private ReportsConfig reports(RawConfig.Reports r) {
            try {
                return r == null ? ReportsConfig.DEFAULTS
                        : new ReportsConfig(or(r.maxPeriodDays(), ReportsConfig.DEFAULT_MAX_PERIOD_DAYS));
            } catch (IllegalArgumentException e) {
                throw fail("reports." + e.getMessage());
            }
        }

        /** The hotline section: each key optional; the checks are HotlineConfig's, reported under "hotline.". */
        private HotlineConfig hotline(RawConfig.Hotline h) {
            HotlineConfig d = HotlineConfig.DEFAULTS;
            if (h == null) {
                return d;
            }
            List<HotlineConfig.Integration> integrations = new ArrayList<>();
            List<RawConfig.Integration> listed = h.integrations() == null ? List.of() : h.integrations();
            for (int i = 0; i < listed.size(); i++) {
                RawConfig.Integration in = listed.get(i);
                if (in == null) {
                    throw fail("hotline.integrations[" + i + "] must be a mapping with name and token");
                }
                try {
                    integrations.add(new HotlineConfig.Integration(in.name(), in.token(), in.tokenVariable()));
                } catch (IllegalArgumentException e) {
                    throw fail("hotline.integrations[" + i + "]." + e.getMessage());
                }
            }
            ZoneId zone;
            try {
                zone = h.timeZone() == null ? d.timeZone() : ZoneId.of(h.timeZone());
            } catch (DateTimeException e) {
                throw fail("hotline.timeZone must be a time zone like Asia/Shanghai, got '" + h.timeZone() + "'");
            }
            try {
                return new HotlineConfig(integrations, h.extensions() == null ? Map.of() : h.extensions(), zone,
                        or(h.maxTextChars(), d.maxTextChars()));
            } catch (IllegalArgumentException e) {
                throw fail("hotline." + e.getMessage());
            }
        }

        /** The departments, tickets and mailboxes sections; the checks are Department's, TicketsConfig's, Mailbox's. */
        private Optional<TicketsConfig> tickets(List<RawConfig.Department> departments, RawConfig.Tickets t,
                List<RawConfig.Mailbox> mailboxes) {
            if (departments == null && t == null) {
                if (mailboxes != null && !mailboxes.isEmpty()) {
                    throw fail("mailboxes need departments: (the departments its letters go to) and tickets:");
                }
                return Optional.empty();
            }
            if (departments == null || departments.isEmpty()) {
                throw fail("departments must list at least one department (the default gets what no rule routes)");
            }
            List<Department> parsed = new ArrayList<>();
            for (int i = 0; i < departments.size(); i++) {
                RawConfig.Department d = departments.get(i);
                String key = "departments[" + i + "]";
                if (d == null) {
                    throw fail(key + " is empty");
                }
                try {
                    RawConfig.Routing r = d.routing();
                    parsed.add(new Department(d.id(), d.name(), d.mailboxes(), d.officers(), d.supervisor(),
                            d.seeContact() != null && d.seeContact(),
                            d.connector() == null ? Department.DEFAULT_CONNECTOR : d.connector(),
                            r == null ? Department.Routing.NONE
                                    : Department.Routing.of(r.keywords(), r.documents(), r.categories())));
                } catch (IllegalArgumentException e) {
                    throw fail(key + "." + e.getMessage());
                }
            }
            if (t == null || t.defaultDepartment() == null) {
                throw fail("tickets.defaultDepartment is missing: the id of the department that gets what no rule"
                        + " routes");
            }
            try {
                TicketsConfig d = TicketsConfig.defaults(parsed, t.defaultDepartment());
                ServerConfig.RateLimit rate = rateLimit(t.createRateLimit(), d.createRateLimit(),
                        "tickets.createRateLimit.");
                RawConfig.Tracking tr = t.tracking();
                TicketsConfig.Tracking td = d.tracking();
                TicketsConfig.Tracking tracking = tr == null ? td : new TicketsConfig.Tracking(
                        or(tr.pinDigits(), td.pinDigits()),
                        rateLimit(tr.perClient(), td.perClient(), "tickets.tracking.perClient."),
                        rateLimit(tr.perTicket(), td.perTicket(), "tickets.tracking.perTicket."));
                return Optional.of(new TicketsConfig(parsed, t.defaultDepartment(), or(t.keyBytes(), d.keyBytes()),
                        or(t.maxQuestionChars(), d.maxQuestionChars()), or(t.maxEmailChars(), d.maxEmailChars()),
                        or(t.maxPhoneChars(), d.maxPhoneChars()), rate,
                        t.dedupStripPhrases() == null ? d.dedupStripPhrases() : t.dedupStripPhrases(),
                        or(t.maxCandidates(), d.maxCandidates()),
                        seconds(t.watchIntervalSeconds(), d.watchInterval()), t.staffUrl(), tracking,
                        mailboxes(mailboxes)));
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }

        /** The mailboxes section: each entry's checks are Mailbox's, reported under "mailboxes[i].". */
        private List<Mailbox> mailboxes(List<RawConfig.Mailbox> mailboxes) {
            if (mailboxes == null) {
                return List.of();
            }
            List<Mailbox> parsed = new ArrayList<>();
            for (int i = 0; i < mailboxes.size(); i++) {
                RawConfig.Mailbox m = mailboxes.get(i);
                if (m == null) {
                    throw fail("mailboxes[" + i + "] is empty");
                }
                try {
                    parsed.add(new Mailbox(m.id(), m.name(), m.description(), m.departments(),
                            m.publish() != null && m.publish(), m.address()));
                } catch (IllegalArgumentException e) {
                    throw fail("mailboxes[" + i + "]." + e.getMessage());
                }
            }
            return parsed;
        }

        /** The calendar file, named in its own messages as it sits beside this file. */
        private WorkingCalendar calendar(String name) {
            if (name == null) {
                return WorkingCalendar.weekdaysOnly();
            }
            Path p = existingFile("calendar", name);
            Path shown = Path.of(file).resolveSibling(name.strip()).normalize();
            try {
                return WorkingCalendar.load(p, shown.toString());
            } catch (CalendarException e) {
                throw new ConfigException(e.getMessage(), e);
            }
        }

        /** The deadlines section: each key optional; the checks are DeadlineRules', reported under "deadlines.". */
        private DeadlineRules deadlines(RawConfig.Deadlines d, WorkingCalendar calendar) {
            if (d == null) {
                return DeadlineRules.defaults(calendar);
            }
            Map<TicketType, DeadlineRules.Limits> defaults = DeadlineRules.defaultLimits();
            Map<TicketType, DeadlineRules.Limits> limits = new EnumMap<>(TicketType.class);
            for (TicketType t : TicketType.values()) {
                limits.put(t, limits(t.dbName(), d.of(t), defaults.get(t)));
            }
            try {
                return new DeadlineRules(calendar, limits,
                        or(d.reminderDaysBefore(), DeadlineRules.DEFAULT_REMINDER_DAYS_BEFORE));
            } catch (IllegalArgumentException e) {
                throw fail("deadlines." + e.getMessage());
            }
        }

        private DeadlineRules.Limits limits(String type, RawConfig.Limits l, DeadlineRules.Limits d) {
            if (l == null) {
                return d;
            }
            try {
                return new DeadlineRules.Limits(or(l.answerDays(), d.answerDays()),
                        or(l.maxExtensionDays(), d.maxExtensionDays()),
                        or(l.correctionWithinDays(), d.correctionWithinDays()));
            } catch (IllegalArgumentException e) {
                throw fail("deadlines." + type + "." + e.getMessage());
            }
        }

        /**
         * The interviews section: each key optional; the checks are InterviewConfig's, reported under
         * "interviews.". A question longer than the knowledge engine accepts could not be answered.
         */
        private InterviewConfig interviews(RawConfig.Interviews i, int knowledgeMaxChars) {
            InterviewConfig d = InterviewConfig.defaults();
            if (i == null) {
                return d.maxQuestionChars() <= knowledgeMaxChars ? d : fitted(d, knowledgeMaxChars);
            }
            try {
                InterviewConfig c = new InterviewConfig(
                        or(i.maxQuestionChars(), Math.min(d.maxQuestionChars(), knowledgeMaxChars)),
                        or(i.maxNameChars(), d.maxNameChars()),
                        or(i.maxAnswerChars(), d.maxAnswerChars()),
                        i.duplicateThreshold() == null ? d.duplicateThreshold() : i.duplicateThreshold(),
                        rate(i.addressRateLimit(), d.addressRateLimit(), "addressRateLimit."),
                        rate(i.sessionRateLimit(), d.sessionRateLimit(), "sessionRateLimit."),
                        or(i.feedPageSize(), d.feedPageSize()),
                        i.feedCacheMillis() == null ? d.feedCache() : Duration.ofMillis(i.feedCacheMillis()));
                if (c.maxQuestionChars() > knowledgeMaxChars) {
                    throw new IllegalArgumentException("maxQuestionChars must be at most knowledge.maxQuestionChars ("
                            + knowledgeMaxChars + "), got " + c.maxQuestionChars());
                }
                return c;
            } catch (IllegalArgumentException e) {
                throw fail("interviews." + e.getMessage());
            }
        }

        private static InterviewConfig fitted(InterviewConfig d, int maxChars) {
            return new InterviewConfig(maxChars, d.maxNameChars(), d.maxAnswerChars(), d.duplicateThreshold(),
                    d.addressRateLimit(), d.sessionRateLimit(), d.feedPageSize(), d.feedCache());
        }

        private static ServerConfig.RateLimit rate(RawConfig.RateLimit r, ServerConfig.RateLimit d, String key) {
            try {
                return r == null ? d : new ServerConfig.RateLimit(or(r.requestsPerMinute(), d.requestsPerMinute()),
                        or(r.burst(), d.burst()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().replace("rateLimit.", key), e);
            }
        }

        private static ChatConfig.HotQuestions hotQuestions(RawConfig.HotQuestions h, ChatConfig.HotQuestions d) {
            if (h == null) {
                return d;
            }
            return new ChatConfig.HotQuestions(or(h.limit(), d.limit()), or(h.days(), d.days()),
                    or(h.minConversations(), d.minConversations()), seconds(h.cacheSeconds(), d.cacheTtl()));
        }

        /** The chat section: each key optional; the checks are ChatConfig's, reported under "chat.". */
        private ChatConfig chat(RawConfig.Chat c) {
            ChatConfig d = ChatConfig.DEFAULTS;
            if (c == null) {
                return d;
            }
            try {
                RawConfig.RateLimit r = c.rateLimit();
                ServerConfig.RateLimit rate = r == null ? d.rateLimit() : new ServerConfig.RateLimit(
                        or(r.requestsPerMinute(), d.rateLimit().requestsPerMinute()),
                        or(r.burst(), d.rateLimit().burst()));
                return new ChatConfig(c.allowedOrigins() == null ? d.allowedOrigins() : c.allowedOrigins(),
                        or(c.maxFrameBytes(), d.maxFrameBytes()),
                        or(c.maxMessageBytes(), d.maxMessageBytes()),
                        seconds(c.idleTimeoutSeconds(), d.idleTimeout()),
                        rate,
                        or(c.maxConnectionsPerAddress(), d.maxConnectionsPerAddress()),
                        rate(c.addressRateLimit(), d.addressRateLimit(), "addressRateLimit."),
                        c.hotline() == null ? d.hotline() : c.hotline(),
                        hotQuestions(c.hotQuestions(), d.hotQuestions()));
            } catch (IllegalArgumentException e) {
                throw fail("chat." + e.getMessage());
            }
        }

        /**
         * The staff section and the accounts list: each staff key optional; each account needs
         * all four keys. The checks are StaffConfig's, reported under "staff." or "accounts[i].".
         */
        private StaffConfig staff(RawConfig.Staff s, List<RawConfig.Account> accounts,
                List<RawConfig.Department> departments) {
            Set<String> departmentIds = new HashSet<>();
            if (departments != null) {
                departments.stream().filter(Objects::nonNull).map(RawConfig.Department::id).forEach(departmentIds::add);
            }
            StaffConfig d = StaffConfig.defaults();
            List<StaffConfig.SeedAccount> seeds = new ArrayList<>();
            List<RawConfig.Account> listed = accounts == null ? List.of() : accounts;
            for (int i = 0; i < listed.size(); i++) {
                RawConfig.Account a = listed.get(i);
                String key = "accounts[" + i + "]";
                if (a == null) {
                    throw fail(key + " must be a mapping with username, displayName, role and password");
                }
                for (String[] field : new String[][] {{"username", a.username()}, {"displayName", a.displayName()},
                        {"role", a.role()}, {"password", a.password()}}) {
                    if (field[1] == null) {
                        throw fail(key + "." + field[0] + " is missing");
                    }
                }
                try {
                    if (a.department() != null && !departmentIds.contains(a.department())) {
                        throw fail(key + ".department must be the id of a department, got '" + a.department() + "'");
                    }
                    seeds.add(new StaffConfig.SeedAccount(a.username(), a.displayName(), Role.of(a.role()),
                            a.password(), a.department()));
                } catch (IllegalArgumentException e) {
                    throw fail(key + "." + e.getMessage());
                }
            }
            try {
                if (s == null) {
                    return d.withAccounts(seeds);
                }
                RawConfig.RateLimit r = s.loginRateLimit();
                ServerConfig.RateLimit login;
                try {
                    login = r == null ? d.loginRateLimit() : new ServerConfig.RateLimit(
                            or(r.requestsPerMinute(), d.loginRateLimit().requestsPerMinute()),
                            or(r.burst(), d.loginRateLimit().burst()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage().replace("rateLimit.", "loginRateLimit."), e);
                }
                return new StaffConfig(
                        s.sessionLifetimeMinutes() == null ? d.sessionLifetime()
                                : Duration.ofMinutes(s.sessionLifetimeMinutes()),
                        s.secureCookie() == null ? d.secureCookie() : s.secureCookie(),
                        login,
                        or(s.hashThreads(), d.hashThreads()),
                        or(s.hashQueue(), d.hashQueue()),
                        seeds);
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage().startsWith("accounts:") ? e.getMessage() : "staff." + e.getMessage());
            }
        }

        /**
         * The database section: each key optional; without a url, the SQLite file of the
         * (effective) data folder. The checks are DatabaseConfig's, reported under "database.".
         */
        private DatabaseConfig database(RawConfig.Database d, Path data) {
            try {
                if (d == null) {
                    return DatabaseConfig.defaults(data);
                }
                String url = d.url() == null ? DatabaseConfig.sqliteUrl(data) : d.url();
                DatabaseConfig c = new DatabaseConfig(url, emptyToNull(d.user()), emptyToNull(d.password()),
                        or(d.maxPoolSize(), DatabaseConfig.DEFAULT_MAX_POOL_SIZE),
                        d.connectionTimeoutMs() == null ? DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT
                                : Duration.ofMillis(d.connectionTimeoutMs()), synchronous(d.synchronous()));
                if (d.synchronous() != null && !c.embedded()) {
                    throw new IllegalArgumentException("synchronous applies to the embedded (SQLite) database only;"
                            + " PostgreSQL's durability is its own synchronous_commit setting");
                }
                return c;
            } catch (IllegalArgumentException e) {
                throw fail("database." + e.getMessage());
            }
        }

        private static DatabaseConfig.Synchronous synchronous(String s) {
            if (s == null) {
                return DatabaseConfig.Synchronous.FULL;
            }
            return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "full" -> DatabaseConfig.Synchronous.FULL;
                case "normal" -> DatabaseConfig.Synchronous.NORMAL;
                default -> throw new IllegalArgumentException("synchronous must be full or normal, got '" + s + "'");
            };
        }

        private static String emptyToNull(String s) {
            return s == null || s.isEmpty() ? null : s;
        }

        /** The metrics section: each key optional; the checks are MetricsConfig's, reported under "metrics.". */
        private MetricsConfig metrics(RawConfig.Metrics m) {
            if (m == null) {
                return MetricsConfig.DEFAULTS;
            }
            try {
                return new MetricsConfig(m.allowedAddresses() == null ? MetricsConfig.LOOPBACK : m.allowedAddresses(),
                        Optional.ofNullable(emptyToNull(m.token())));
            } catch (IllegalArgumentException e) {
                throw fail("metrics." + e.getMessage());
            }
        }

        /** The server section: each key optional; the checks are ServerConfig's, reported under "server.". */
        private ServerConfig server(RawConfig.Server s, int maxQuestionChars, int maxResults) {
            ServerConfig d = ServerConfig.defaults(maxQuestionChars, maxResults);
            if (s == null) {
                return d;
            }
            try {
                RawConfig.RateLimit r = s.rateLimit();
                ServerConfig.RateLimit rate = r == null ? d.rateLimit() : new ServerConfig.RateLimit(
                        or(r.requestsPerMinute(), d.rateLimit().requestsPerMinute()),
                        or(r.burst(), d.rateLimit().burst()));
                RawConfig.AnswerCache c = s.answerCache();
                ServerConfig.AnswerCache cache = c == null ? d.answerCache() : new ServerConfig.AnswerCache(
                        or(c.maxEntries(), d.answerCache().maxEntries()),
                        seconds(c.ttlSeconds(), d.answerCache().ttl()));
                return new ServerConfig(
                        s.host() == null ? d.host() : s.host(),
                        or(s.port(), d.port()),
                        or(s.maxBodyBytes(), d.maxBodyBytes()),
                        maxQuestionChars,
                        maxResults,
                        seconds(s.idleTimeoutSeconds(), d.idleTimeout()),
                        or(s.workerThreads(), d.workerThreads()),
                        or(s.workerQueue(), d.workerQueue()),
                        rate,
                        cache,
                        seconds(s.shutdownGraceSeconds(), d.shutdownGrace()),
                        new ServerConfig.Connections(
                                seconds(s.requestHeadTimeoutSeconds(), d.connections().requestHeadTimeout()),
                                seconds(s.requestBodyTimeoutSeconds(), d.connections().requestBodyTimeout()),
                                or(s.requestBodyMinBytesPerSecond(), d.connections().requestBodyMinBytesPerSecond()),
                                or(s.maxPipelinedRequests(), d.connections().maxPipelinedRequests())));
            } catch (IllegalArgumentException e) {
                throw fail("server." + e.getMessage());
            }
        }

        /** A rate limit as written, each key defaulting to {@code d}'s; messages name it by {@code prefix}. */
        private static ServerConfig.RateLimit rateLimit(RawConfig.RateLimit r, ServerConfig.RateLimit d,
                String prefix) {
            try {
                return r == null ? d : new ServerConfig.RateLimit(or(r.requestsPerMinute(), d.requestsPerMinute()),
                        or(r.burst(), d.burst()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().replace("rateLimit.", prefix), e);
            }
        }

        private static int or(Integer value, int otherwise) {
            return value == null ? otherwise : value;
        }

        private static Duration seconds(Integer value, Duration otherwise) {
            return value == null ? otherwise : Duration.ofSeconds(value);
        }

        private List<Path> paths(String key, List<String> values, boolean folders) {
            List<Path> out = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                String k = key + "[" + i + "]";
                out.add(folders ? existingFolder(k, values.get(i)) : existingFile(k, values.get(i)));
            }
            return out;
        }

        private Path existingFolder(String key, String value) {
            Path p = path(key, value);
            if (!Files.isDirectory(p)) {
                throw fail(key + " names a folder that does not exist: " + p);
            }
            return p;
        }

        private Path existingFile(String key, String value) {
            Path p = path(key, value);
            if (!Files.isRegularFile(p)) {
                throw fail(key + " names a file that does not exist: " + p);
            }
            return p;
        }

        private Path path(String key, String value) {
            if (value == null || value.isBlank()) {
                throw fail(key + " must not be empty");
            }
            try {
                return folder.resolve(value.strip()).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw fail(key + " is not a valid path: '" + value + "'");
            }
        }

        private ConfigException fail(String message) {
            return new ConfigException(file + ": " + message);
        }
    }
}
