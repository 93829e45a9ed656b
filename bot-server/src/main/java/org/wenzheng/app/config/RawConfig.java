package org.wenzheng.app.config;

import java.util.List;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * The configuration file exactly as written, before paths are resolved and values checked. Its
 * records are the schema: a key that is not a component here is rejected as unknown.
 */
record RawConfig(String data, Knowledge knowledge, Server server, Database database, Staff staff,
        List<Account> accounts, Chat chat, Retention retention, String calendar, Deadlines deadlines,
        Reports reports, List<Department> departments, Tickets tickets, List<Mailbox> mailboxes, Letters letters,
        Hotline hotline, Mail mail, List<Webhook> webhooks, Interviews interviews, Admin admin, Metrics metrics,
        Satisfaction satisfaction, Applications applications,
        Cluster cluster) {

    /** 满意度评价 and 回访; every key optional (see SatisfactionConfig for the defaults). */
    record Satisfaction(Integer maxCommentChars, RateLimit rateLimit, Integer followUpWorkingDays,
            List<String> followUpTypes) {
    }

    /** Applications for disclosure; every key optional (see ApplicationsConfig for the defaults). */
    record Applications(String keyFile, Integer maxRequestChars, Integer maxTextChars, RateLimit createRateLimit) {
    }

    /** Several nodes on one PostgreSQL; every key optional (see ClusterConfig for the defaults). */
    record Cluster(String nodeId, Integer leaderCheckMs, Integer claimLeaseSeconds) {
    }

    /** Letters to the mailboxes; every key optional (see LettersConfig for the defaults). */
    record Letters(Integer maxTitleChars, Integer maxContentChars, Integer maxNameChars, List<String> nameRequiredFor,
            RateLimit createRateLimit, Attachments attachments,
            LettersByMail byMail) {
    }

    /** Files attached to letters; every key optional (see LettersConfig.Attachments). */
    record Attachments(String folder, Integer maxFileBytes, Integer maxFiles, Integer maxTotalBytes) {
    }

    /** The limits of letters by mail; every key optional. */
    record LettersByMail(Integer perSenderPerDay, Integer perHour) {
    }

    /** Who may read /metrics; every key optional (see MetricsConfig for the defaults). */
    record Metrics(List<String> allowedAddresses, String token) {
        @Override
        public String toString() {
            return "Metrics[allowedAddresses=" + allowedAddresses + "]";
        }
    }

    record Knowledge(
            List<String> sources,
            List<String> faq,
            String synonyms,
            String stopPhrases,
            Double answerThreshold,
            Integer maxQuestionChars,
            Integer maxResults,
            Boolean semantic) {
    }

    /** The HTTP server; every key optional (see ServerConfig for the defaults). */
    record Server(
            String host,
            Integer port,
            Integer maxBodyBytes,
            Integer idleTimeoutSeconds,
            Integer workerThreads,
            Integer workerQueue,
            RateLimit rateLimit,
            AnswerCache answerCache,
            Integer shutdownGraceSeconds,
            Integer requestHeadTimeoutSeconds,
            Integer requestBodyTimeoutSeconds,
            Integer requestBodyMinBytesPerSecond,
            Integer maxPipelinedRequests) {
    }

    record RateLimit(Integer requestsPerMinute, Integer burst) {
    }

    record AnswerCache(Integer maxEntries, Integer ttlSeconds) {
    }

    /** The database; every key optional (see DatabaseConfig for the defaults). */
    record Database(String url, String user, String password, Integer maxPoolSize, Integer connectionTimeoutMs,
            String synchronous) {
    }

    /** Staff logins; every key optional (see StaffConfig for the defaults). */
    record Staff(Integer sessionLifetimeMinutes, Boolean secureCookie, RateLimit loginRateLimit, Integer hashThreads,
            Integer hashQueue) {
    }

    /** An account created at start when missing; every key required. */
    record Account(String username, String displayName, String role, String password, String department) {
        @Override
        public String toString() {
            return "Account[username=" + username + ", role=" + role + "]";
        }
    }

    /** The WebSocket chat; every key optional (see ChatConfig for the defaults). */
    record Chat(List<String> allowedOrigins, Integer maxFrameBytes, Integer maxMessageBytes,
            Integer idleTimeoutSeconds, RateLimit rateLimit, Integer maxConnectionsPerAddress,
            RateLimit addressRateLimit, String hotline, HotQuestions hotQuestions) {
    }

    /** The chat page's 热点问题; every key optional (see ChatConfig.HotQuestions). */
    record HotQuestions(Integer limit, Integer days, Integer minConversations, Integer cacheSeconds) {
    }

    /** How long conversations are kept; every key optional (see RetentionConfig for the defaults). */
    record Retention(Integer conversationDays, Integer intervalMinutes) {
    }

    /** The hotline console and its telephony integrations; every key optional (see HotlineConfig). */
    record Hotline(List<Integration> integrations, java.util.Map<String, String> extensions, String timeZone,
            Integer maxTextChars) {
    }

    /** A telephony system reporting calls: its name and its token, or the variable holding it. */
    record Integration(String name, String token, String tokenVariable) {
        @Override
        public String toString() {
            return "Integration[name=" + name + "]";
        }
    }

    /** A department answering escalated questions; see org.wenzheng.server.tickets.Department. */
    record Department(String id, String name, List<String> mailboxes, List<String> officers, String supervisor,
            Boolean seeContact, String connector, Routing routing) {
    }

    record Routing(List<String> keywords, List<String> documents, List<String> categories) {
    }

    /** A named mailbox (信箱); see tickets.Mailbox. */
    record Mailbox(String id, String name, String description, List<String> departments, Boolean publish,
            String address) {
    }

    /** The ticket desk; every key optional except defaultDepartment (see TicketsConfig for the defaults). */
    record Tickets(String defaultDepartment, Integer keyBytes, Integer maxQuestionChars, Integer maxEmailChars,
            Integer maxPhoneChars, RateLimit createRateLimit, List<String> dedupStripPhrases, Integer maxCandidates,
            Integer watchIntervalSeconds, String staffUrl, Tracking tracking) {
    }

    /** 办件查询; every key optional (see TicketsConfig.Tracking for the defaults). */
    record Tracking(Integer pinDigits, RateLimit perClient, RateLimit perTicket) {
    }

    /** Ticket time limits; every key optional (see DeadlineRules for the defaults). */
    record Deadlines(Integer reminderDaysBefore, Limits consultation, Limits suggestion, Limits complaint,
            Limits help, Limits tipoff, Limits disclosure) {
        /** The section of a type, named as its key is: consultation, complaint, disclosure …. */
        Limits of(TicketType type) {
            return switch (type) {
                case CONSULTATION -> consultation;
                case SUGGESTION -> suggestion;
                case COMPLAINT -> complaint;
                case HELP -> help;
                case TIPOFF -> tipoff;
                case DISCLOSURE -> disclosure;
            };
        }
    }

    record Limits(Integer answerDays, Integer maxExtensionDays, Integer correctionWithinDays) {
    }

    /** The managers' reports; every key optional (see ReportsConfig for the defaults). */
    record Reports(Integer maxPeriodDays) {
    }

    /** The admin pages; every key optional (see AdminConfig for the defaults). */
    record Admin(String uploads, Integer maxUploadBytes) {
    }

    /** The mail bridge; every key optional (see RepliesConfig and MailSettings for the defaults). */
    record Mail(Boolean embedded, Smtp smtp, Imap imap, Integer idleSeconds, Integer fetchBatch, Relay relay,
            List<MailAccount> accounts, Long maxMessageBytes, String trustedAuthservId) {
    }

    record Smtp(String host, Integer port, String security, String username, String password,
            Integer connectTimeoutMs, Integer readTimeoutMs, String fromAddress, String fromName,
            String messageIdDomain) {
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + "]";
        }
    }

    record Imap(String host, Integer port, String security, String username, String password,
            Integer connectTimeoutMs, Integer readTimeoutMs, String folder, Boolean idle, Integer pollIntervalMs) {
        @Override
        public String toString() {
            return "Imap[host=" + host + ", port=" + port + "]";
        }
    }

    record Relay(Integer pollSeconds, Integer batch, Integer initialBackoffSeconds, Integer maxBackoffSeconds,
            Double backoffFactor) {
    }

    /** A mailbox of the embedded mail server. */
    record MailAccount(String address, String password) {
        @Override
        public String toString() {
            return "MailAccount[" + address + "]";
        }
    }

    /** Another ticket system reached by webhook; the secret may come from an environment variable. */
    record Webhook(String name, String url, String secret, String secretVariable, Integer maxCallbackBytes) {
        @Override
        public String toString() {
            return "Webhook[" + name + "]";
        }
    }

    /** Online interviews; every key optional (see InterviewConfig for the defaults). */
    record Interviews(Integer maxQuestionChars, Integer maxNameChars, Integer maxAnswerChars, Double duplicateThreshold,
            RateLimit addressRateLimit, RateLimit sessionRateLimit, Integer feedPageSize, Integer feedCacheMillis) {
    }
}
