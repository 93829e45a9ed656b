package org.wenzheng.server.interviews;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * 在线访谈: an online interview, a scheduled event where officials (guests) answer citizens'
 * questions live, run by a moderator.
 *
 * @param moderator the account running the queue, or null when none is named yet (admins may run it)
 * @param guests    the officials answering, in the order listed on the event's page
 * @param lastSeq   the number of the newest item of the public feed (0: none yet)
 * @param asks      every question submitted, merged duplicates included
 */
record Interview(long id, String title, String description, Instant startsAt, Instant endsAt,
        Status status, Staff moderator, List<Guest> guests, int lastSeq, int asks, Instant createdAt,
        Instant startedAt, Instant endedAt) {

    public Interview {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(status, "status");
        guests = List.copyOf(guests);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Where an event is: set by an administrator's start and end. */
    public enum Status {
        /** 未开始: announced; questions may already be sent. */
        SCHEDULED,
        /** 进行中: guests are answering. */
        LIVE,
        /** 已结束: the page is the published transcript; unanswered questions are escalated. */
        ENDED;

        /** The name stored and shown ("live"). */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    /** A staff account as an interview names it. */
    public record Staff(long accountId, String username, String displayName) {
        public Staff {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(displayName, "displayName");
        }
    }

    /** An official answering at this event, with the title shown beside their answers (市人社局副局长). */
    public record Guest(long accountId, String username, String displayName, String title) {
        public Guest {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(title, "title");
        }
    }

    /** This event with these guests. */
    Interview withGuests(List<Guest> g) {
        return new Interview(id, title, description, startsAt, endsAt, status, moderator, g, lastSeq, asks, createdAt,
                startedAt, endedAt);
    }

    /** Whether this account is one of the guests. */
    public boolean hasGuest(long accountId) {
        return guests.stream().anyMatch(g -> g.accountId() == accountId);
    }
}
