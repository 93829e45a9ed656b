package org.wenzheng.server.tickets;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.SearchHit;

/**
 * Picks the department a question goes to, by the rules of the configuration, in a fixed order so
 * that the same question always goes to the same place: first a keyword in the question (the
 * citizen's own words are the strongest sign), then the title or issuer of the documents the bot
 * found, best first, then their catalogue category; else the default department. The rule that
 * matched is returned in words, and kept as the ticket's {@code routed} event. A letter to a
 * mailbox that lists departments goes only to one of them, its first when no rule picks one.
 */
final class Router {
    /**
     * The outcome: the department and why.
     *
     * @param rule why, in a form {@link EventText} shows in Chinese (the routed event stores it)
     */
    public record Route(Department department, String rule) {
        public Route {
            Objects.requireNonNull(department, "department");
            Objects.requireNonNull(rule, "rule");
        }
    }

    private final TicketsConfig config;
    private final Function<String, Optional<String>> categoryOf;

    /**
     * @param categoryOf a document's catalogue category by document id (empty when it has none)
     */
    public Router(TicketsConfig config, Function<String, Optional<String>> categoryOf) {
        this.config = Objects.requireNonNull(config, "config");
        this.categoryOf = Objects.requireNonNull(categoryOf, "categoryOf");
    }

    public Route route(String question, List<SearchHit> candidates) {
        return route(question, candidates, null);
    }

    /** @param mailbox the mailbox a letter was written to, or null */
    public Route route(String question, List<SearchHit> candidates, Mailbox mailbox) {
        List<Department> departments = mailbox == null ? config.departments()
                : config.departments().stream().filter(d -> mailbox.routesTo(d.id())).toList();
        for (Department d : departments) {
            for (String k : d.routing().keywords()) {
                if (question.contains(k)) {
                    return new Route(d, "keyword '" + k + "' in the question");
                }
            }
        }
        for (SearchHit h : candidates) {
            Citation c = h.citation();
            for (Department d : departments) {
                for (Pattern p : d.routing().documents()) {
                    if (p.matcher(c.title()).find()) {
                        return new Route(d, "candidate document 《" + c.title() + "》 matches '" + p.pattern() + "'");
                    }
                    if (!c.issuer().isEmpty() && p.matcher(c.issuer()).find()) {
                        return new Route(d, "candidate issuer " + c.issuer() + " matches '" + p.pattern() + "'");
                    }
                }
            }
        }
        for (SearchHit h : candidates) {
            Optional<String> category = h.kind() == SearchHit.Kind.FAQ ? Optional.empty()
                    : categoryOf.apply(h.citation().documentId()).filter(s -> !s.isBlank());
            if (category.isEmpty()) {
                continue;
            }
            for (Department d : departments) {
                if (d.routing().categories().contains(category.get())) {
                    return new Route(d, "candidate category " + category.get());
                }
            }
        }
        if (mailbox != null && !mailbox.routesTo(config.defaultDepartment())) {
            Department first = mailbox.fallback().flatMap(config::department).orElseThrow();
            return new Route(first, "no rule matched: the first department of mailbox " + mailbox.id());
        }
        return new Route(config.fallback(), "no rule matched: default department");
    }
}
