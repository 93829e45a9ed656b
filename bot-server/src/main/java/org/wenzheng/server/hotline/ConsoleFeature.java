package org.wenzheng.server.hotline;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.wenzheng.server.http.ServerFeature;
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
 * The console page itself ({@code /console}) is served by the server with the other staff pages.
 */
public final class ConsoleFeature implements ServerFeature {
    /** Where the console listens for its calls. */
    public static final String SOCKET_PATH = "/ws/console";
    /** Who uses the console. */
    static final Set<Role> ROLES = EnumSet.of(Role.OPERATOR, Role.ADMIN);

    private final HotlineConfig config;
    private final Map<String, String> tokens;
    private final int maxQuestionChars;
    private final Supplier<TicketService> tickets;
    private final StaffSocket consoles = new StaffSocket(SOCKET_PATH, ROLES);

    /**
     * @param maxQuestionChars the longest question the console may ask the engine
     * @param variables        the environment, for tokens given as {@code tokenVariable}
     * @throws IllegalArgumentException naming the key when a token's variable is not set
     */
    public ConsoleFeature(HotlineConfig config, int maxQuestionChars, Function<String, Optional<String>> variables) {
        this(config, maxQuestionChars, variables, null);
    }

    /**
     * @param tickets the ticket desk a call's question is escalated to, available once the tickets
     *                feature is installed (before this one); null: no escalation from the console
     * @see #ConsoleFeature(HotlineConfig, int, Function)
     */
    public ConsoleFeature(HotlineConfig config, int maxQuestionChars, Function<String, Optional<String>> variables,
            Supplier<TicketService> tickets) {
        this.tickets = tickets;
        this.config = config;
        this.maxQuestionChars = maxQuestionChars;
        this.tokens = config.tokens(variables);
    }

    @Override
    public void install(Routes.Builder routes, Context context) {
        CallStore calls = new CallStore(context.database(), context.clock());
        CallPopUps popUps = new CallPopUps(calls, consoles);
        CallLogEndpoints log = new CallLogEndpoints(calls, popUps, context.knowledge(), config,
                maxQuestionChars, context.clock());
        Guard guard = context.guard();
        routes.post("/api/v1/calls", new PbxCallsEndpoint(tokens, config, calls, popUps, context.clock()))
                .get("/api/v1/staff/calls", guard.api(ROLES, log.today()))
                .post("/api/v1/staff/calls", guard.api(ROLES, log.create()))
                .get("/api/v1/staff/calls/{id}", guard.api(ROLES, log.one()))
                .post("/api/v1/staff/calls/{id}", guard.api(ROLES, log.write()))
                .get("/api/v1/staff/answer", guard.api(ROLES, log.answer()));
        if (tickets != null) {
            routes.post("/api/v1/staff/calls/{id}/escalate", guard.api(ROLES,
                    new CallEscalation(calls, tickets.get(), config).endpoint()));
        }
        context.metrics().gauge("wenzheng_console_sockets", consoles::openConnections);
    }

    @Override
    public List<StaffSocket> staffSockets() {
        return List.of(consoles);
    }
}
