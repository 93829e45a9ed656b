package org.wenzheng.server.hotline;

import org.wenzheng.server.staff.StaffSocket;

/**
 * What an operator should know when a call comes in, and its delivery: the call with the caller's
 * earlier calls and open tickets ({@link #context}), pushed to the operator's open consoles when
 * the PBX reports the call. Blocking (it reads the database): call it from a worker.
 */
final class CallPopUps {
    /** Earlier calls and open tickets shown: the recent ones fit the pop-up; older ones are in reports. */
    static final int HISTORY_LIMIT = 10;

    private final CallStore calls;
    private final StaffSocket consoles;

    CallPopUps(CallStore calls, StaffSocket consoles) {
        this.calls = calls;
        this.consoles = consoles;
    }

    /** The call with its caller's earlier calls and open tickets (none when the number was withheld). */
    CallViews.CallContext context(Call call) {
        if (call.callerPhone() == null) {
            return new CallViews.CallContext(CallViews.CallView.of(call), java.util.List.of(), java.util.List.of());
        }
        return new CallViews.CallContext(CallViews.CallView.of(call),
                calls.earlierCalls(call.callerPhone(), call.id(), HISTORY_LIMIT).stream()
                        .map(CallViews.EarlierCallView::of).toList(),
                calls.openTickets(call.callerPhone(), HISTORY_LIMIT).stream().map(CallViews.TicketView::of).toList());
    }

    /**
     * Pushes a newly reported event to the consoles of the call's operator.
     *
     * @return the consoles it was pushed to; 0 when the call has no operator or none is open
     */
    int reported(Call call, CallStore.Event event) {
        if (call.operator() == null) {
            return 0;
        }
        return switch (event) {
            case STARTED -> consoles.push(call.operator(), new CallViews.Pushed("call_started", context(call)));
            case ENDED -> consoles.push(call.operator(), new CallViews.Pushed("call_ended", CallViews.CallView.of(call)));
        };
    }
}
