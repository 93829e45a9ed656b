package org.wenzheng.server.hotline;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.staff.StaffSocket;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.tickets.TicketService;

/**
 * The hotline operator console (接线员控制台) and the telephony integration behind it:
 * <ul>
 *   <li>{@code POST /api/v1/calls}: a PBX/CTI reports calls (bearer token per integration);
 *   <li>{@code /ws/console}: the operator's console receives calls as they come in;
 *   <li>{@code /api/v1/staff/calls…} and {@code /api/v1/staff/answer}: the call log and answers;
 *   <li>{@code /api/v1/staff/calls/{id}/escalate}: the question made a ticket with the callback
 *       number, when the tickets feature is there.
 * </ul>
 * The console page itself ({@code /console}) is served by the staff feature ({@code StaffFeature}),
 * and the socket is opened through its staff sockets ({@link #consoleSocket()}).
 */
public final class HotlineFeature implements Feature {
    /** Where the console listens for its calls. */
    public static final String SOCKET_PATH = "/ws/console";
    /** Who uses the console. */
    static final Set<Role> ROLES = EnumSet.of(Role.OPERATOR, Role.ADMIN);

    private final HotlineConfig config;
    private final Map<String, String> tokens;
    private final StaffSocket consoles = new StaffSocket(SOCKET_PATH, ROLES);
    private final CallStore calls;
    private final CallPopUps popUps;
    private final CallLogEndpoints log;
    private final Optional<CallEscalation> escalation;
    private final Guard guard;
    private final Clock clock;

    /**
     * @param maxQuestionChars the longest question the console may ask the engine
     * @param variables        the environment, for tokens given as {@code tokenVariable}
     * @param tickets          the ticket desk a call's question is escalated to; empty: no
     *                         escalation from the console
     * @throws IllegalArgumentException naming the key when a token's variable is not set
     */
    public HotlineFeature(HotlineConfig config, int maxQuestionChars, Function<String, Optional<String>> variables,
            Optional<TicketService> tickets, Database database, KnowledgeBase knowledge, Guard guard,
            ServerMetrics metrics, Clock clock) {
        this.config = config;
        this.tokens = config.tokens(variables);
        this.calls = new CallStore(database, clock);
        this.popUps = new CallPopUps(calls, consoles);
        this.log = new CallLogEndpoints(calls, popUps, knowledge, config, maxQuestionChars, clock);
        this.escalation = tickets.map(t -> new CallEscalation(calls, t, config));
        this.guard = guard;
        this.clock = clock;
        metrics.gauge("wenzheng_console_sockets", consoles::openConnections);
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        routes.post("/api/v1/calls", new PbxCallsEndpoint(tokens, config, calls, popUps, clock))
                .get("/api/v1/staff/calls", guard.api(ROLES, log.today()))
                .post("/api/v1/staff/calls", guard.api(ROLES, log.create()))
                .get("/api/v1/staff/calls/{id}", guard.api(ROLES, log.one()))
                .post("/api/v1/staff/calls/{id}", guard.api(ROLES, log.write()))
                .get("/api/v1/staff/answer", guard.api(ROLES, log.answer()));
        escalation.ifPresent(e -> routes.post("/api/v1/staff/calls/{id}/escalate", guard.api(ROLES, e.endpoint())));
    }

    /** The console's socket, where calls pop up on the operators' screens. */
    public StaffSocket consoleSocket() {
        return consoles;
    }
}
