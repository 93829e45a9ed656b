package org.wenzheng.server.applications;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.wenzheng.server.applications.Choices.ApplicantType;
import org.wenzheng.server.applications.Choices.Delivery;
import org.wenzheng.server.applications.Choices.Form;
import org.wenzheng.server.applications.Choices.IdType;
import org.wenzheng.server.applications.Choices.OrganisationType;
import org.wenzheng.server.db.Database;

/**
 * The {@code applications} table (V17): what an application has beyond its ticket. The identity
 * number goes in sealed by {@link IdVault} and comes out masked; only {@link #idNumber} opens it.
 * Thread-safe.
 */
final class ApplicationStore {
    /** How an application came in; stored in {@code applications.via}. */
    enum Via {
        /** The /apply page or POST /api/v1/applications: received the day it is sent (Art. 31). */
        ONLINE("online"),
        /** By post: received the day it is signed for, entered by staff. */
        POST("post"),
        /** On paper at the counter, typed in by staff. */
        COUNTER("counter");

        final String dbName;

        Via(String dbName) {
            this.dbName = dbName;
        }
    }

    /**
     * An application as stored, its identity number masked.
     *
     * @param idNumberMasked the last four characters of the number, or null when none was given
     */
    record Stored(String code, Via via, LocalDate receivedOn, ApplicantType applicantType,
            OrganisationType organisationType, String name, IdType idType, String idNumberMasked, String organisation,
            String creditCode, String address, String phone, String email, String request, String docReference,
            Form form, Delivery delivery) {
        @Override
        public String toString() {
            return "Application[" + code + ", " + via.dbName + ", received " + receivedOn + "]";
        }
    }

    private static final String COLUMNS = "ticket_code, via, received_on, applicant_type, organisation_type,"
            + " applicant_name, id_type, id_number_masked, organisation, credit_code, address, phone, email, request,"
            + " doc_reference, form, delivery";

    private final Database database;
    private final IdVault vault;

    ApplicationStore(Database database, IdVault vault) {
        this.database = Objects.requireNonNull(database, "database");
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    /**
     * Stores an application with its ticket, in the caller's transaction: received on the day the
     * ticket's clock started.
     *
     * @return the day of receipt
     */
    LocalDate insert(Connection c, String code, Via via, ApplicationRequest a) throws SQLException {
        LocalDate received;
        try (PreparedStatement s = c.prepareStatement("SELECT clock_started_on FROM tickets WHERE code = ?")) {
            s.setString(1, code);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no ticket " + code + " to store an application with");
                }
                received = LocalDate.parse(r.getString(1));
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO applications (" + COLUMNS
                + ", id_number_sealed, id_number_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            s.setString(++i, code);
            s.setString(++i, via.dbName);
            s.setObject(++i, received);
            s.setString(++i, a.applicantType().id());
            s.setString(++i, a.organisationType() == null ? null : a.organisationType().id());
            s.setString(++i, a.name());
            s.setString(++i, a.idType() == null ? null : a.idType().id());
            s.setString(++i, a.maskedIdNumber());
            s.setString(++i, a.organisation());
            s.setString(++i, a.creditCode());
            s.setString(++i, a.address());
            s.setString(++i, a.phone());
            s.setString(++i, a.email());
            s.setString(++i, a.request());
            s.setString(++i, a.docReference());
            s.setString(++i, a.form().id());
            s.setString(++i, a.delivery().id());
            s.setString(++i, a.idNumber() == null ? null : vault.encrypt(a.idNumber(), code));
            s.setString(++i, a.idNumber() == null ? null : vault.hash(a.idType().id(), a.idNumber()));
            s.executeUpdate();
        }
        return received;
    }

    /** The application of this ticket, its identity number masked. */
    Optional<Stored> find(String code) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM applications WHERE ticket_code = ?")) {
                s.setString(1, code);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    String via = r.getString(2);
                    String org = r.getString(5);
                    String idType = r.getString(7);
                    return Optional.of(new Stored(r.getString(1), java.util.Arrays.stream(Via.values())
                            .filter(v -> v.dbName.equals(via)).findFirst().orElseThrow(),
                            LocalDate.parse(r.getString(3)), Choices.ofId(ApplicantType.class, r.getString(4)),
                            org == null ? null : Choices.ofId(OrganisationType.class, org), r.getString(6),
                            idType == null ? null : Choices.ofId(IdType.class, idType), r.getString(8), r.getString(9),
                            r.getString(10), r.getString(11), r.getString(12), r.getString(13), r.getString(14),
                            r.getString(15), Choices.ofId(Form.class, r.getString(16)),
                            Choices.ofId(Delivery.class, r.getString(17))));
                }
            }
        });
    }

    /**
     * The identity number of this application in clear, for the handling department only (its
     * officer's view in /admin); empty when none was given.
     */
    Optional<String> idNumber(String code) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id_number_sealed FROM applications WHERE ticket_code = ?")) {
                s.setString(1, code);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() && r.getString(1) != null ? Optional.of(vault.decrypt(r.getString(1), code))
                            : Optional.empty();
                }
            }
        });
    }

    /** The codes of the applications by the holder of this identity number, by its keyed hash. */
    java.util.List<String> byIdNumber(IdType type, String number) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT ticket_code FROM applications WHERE id_number_hash = ? ORDER BY ticket_code")) {
                s.setString(1, vault.hash(type.id(), IdNumbers.normalise(number)));
                java.util.List<String> out = new java.util.ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
                return out;
            }
        });
    }
}
