package org.wenzheng.server.staff;

import org.wenzheng.testing.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.server.netty.FakeTicker;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;

/** Logins, sessions and the audit log over a real database (an SQLite file in a temporary folder), with time that tests move. */
class StaffAuthTest {
    private static final Instant START = Instant.parse("2026-11-26T08:00:00Z");
    private static final PasswordHasher HASHER = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);
    private static final String IP = "192.0.2.7";

    @TempDir
    Path work;

    private final MovableClock clock = new MovableClock(START);
    private final FakeTicker ticker = new FakeTicker();
    private String url;
    private Database database;
    private AccountStore accounts;
    private StaffAuth auth;

    @BeforeEach
    void openWithOneAccountPerRole() {
        url = DatabaseConfig.sqliteUrl(work);
        database = Database.open(new DatabaseConfig(url, null, null, 2, DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT));
        accounts = new AccountStore(database, clock);
        auth = auth(config());
        assertThat(auth.createMissingAccounts()).containsExactly("zhang", "li");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static StaffConfig config() {
        return new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(10, 3), List.of(
                new StaffConfig.SeedAccount("zhang", "张三", Role.OPERATOR, "correct-horse-1"),
                new StaffConfig.SeedAccount("li", "李四", Role.MODERATOR, "battery-staple-2")));
    }

    private StaffAuth auth(StaffConfig c) {
        return new StaffAuth(accounts, HASHER, c, clock, ticker);
    }

    // ------------------------------------------------------------------ login

    @Test
    void theRightPasswordOpensASessionForItsToken() {
        StaffAuth.LoggedIn in = auth.login("zhang", "correct-horse-1", IP);

        assertThat(in.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(in.session().account().username()).isEqualTo("zhang");
        assertThat(in.session().role()).isEqualTo(Role.OPERATOR);
        assertThat(in.session().csrfToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(in.token());
        assertThat(in.session().expiresAt()).isEqualTo(START.plus(Duration.ofHours(8)));
        assertThat(auth.session(in.token())).hasValueSatisfying(s -> {
            assertThat(s.account().displayName()).isEqualTo("张三");
            assertThat(s.csrfToken()).isEqualTo(in.session().csrfToken());
        });
    }

    @Test
    void theDatabaseKeepsOnlyTheSha256OfTheToken() throws SQLException {
        StaffAuth.LoggedIn in = auth.login("zhang", "correct-horse-1", IP);

        List<String> stored = column("SELECT token_hash FROM sessions");
        assertThat(stored).containsExactly(StaffAuth.tokenHash(in.token()));
        assertThat(stored.get(0)).matches("[0-9a-f]{64}").doesNotContain(in.token());
        assertThat(column("SELECT password_hash FROM accounts WHERE username = 'zhang'").get(0))
                .startsWith("pbkdf2-sha256$210000$").doesNotContain("correct-horse-1");
    }

    @Test
    void aWrongPasswordAnUnknownUserAndADisabledAccountGetTheSameAnswer() {
        accounts.setDisabled(accounts.findByUsername("li").orElseThrow().id(), true);

        for (String[] attempt : new String[][] {{"zhang", "wrong-password"}, {"nobody", "correct-horse-1"},
                {"li", "battery-staple-2"}}) {
            assertThatThrownBy(() -> auth.login(attempt[0], attempt[1], IP))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("login_failed");
                        assertThat(e.getMessage()).isEqualTo("用户名或密码错误");
                    });
        }
    }

    @Test
    void everyLoginAndLogoutIsAudited() {
        StaffAuth.LoggedIn in = auth.login("zhang", "correct-horse-1", IP);
        assertThatThrownBy(() -> auth.login("zhang", "wrong-password", "198.51.100.1"));
        assertThatThrownBy(() -> auth.login("nobody", "whatever-1", IP));
        clock.advance(Duration.ofMinutes(5));
        auth.logout(in.session(), IP);

        long zhang = in.session().account().id();
        assertThat(accounts.recentAudit(4)).containsExactly(
                new AuditEntry(START.plus(Duration.ofMinutes(5)), zhang, "zhang", "logout", IP),
                new AuditEntry(START, null, "nobody", "login_failure", IP),
                new AuditEntry(START, zhang, "zhang", "login_failure", "198.51.100.1"),
                new AuditEntry(START, zhang, "zhang", "login_success", IP));
    }

    @Test
    void loginsAreRateLimitedPerUsernameAndAddress() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> auth.login("zhang", "guess", IP)).hasMessage("用户名或密码错误");
        }

        assertThatThrownBy(() -> auth.login("zhang", "correct-horse-1", IP))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(429);
                    assertThat(e.code()).isEqualTo("rate_limited");
                    // 10 a minute: the next attempt in 6 s.
                    assertThat(e.toResponse().headers()).containsEntry("retry-after", "6");
                });
        assertThat(accounts.recentAudit(1)).extracting(AuditEntry::action).containsExactly("login_rate_limited");
        // Another address, or another account from this address, is not held back by it.
        assertThat(auth.login("zhang", "correct-horse-1", "192.0.2.8").session()).isNotNull();
        assertThat(auth.login("li", "battery-staple-2", IP).session()).isNotNull();
        // Nor is this pair, once its bucket has refilled.
        ticker.advance(Duration.ofSeconds(6));
        assertThat(auth.login("zhang", "correct-horse-1", IP).session()).isNotNull();
    }

    @Test
    void theRateLimitIgnoresTheCaseOfTheUsername() {
        for (int i = 0; i < 3; i++) {
            String name = i % 2 == 0 ? "ZHANG" : "Zhang";
            assertThatThrownBy(() -> auth.login(name, "guess", IP)).hasMessage("用户名或密码错误");
        }

        assertThatThrownBy(() -> auth.login("zhang", "correct-horse-1", IP)).hasMessageContaining("过于频繁");
    }

    // ------------------------------------------------------------------ sessions

    @Test
    void aSessionEndsAtItsExpiryAndIsDeletedThen() throws SQLException {
        StaffAuth.LoggedIn in = auth.login("zhang", "correct-horse-1", IP);

        clock.advance(Duration.ofHours(8).minusSeconds(1));
        assertThat(auth.session(in.token())).isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(auth.session(in.token())).isEmpty();
        assertThat(column("SELECT token_hash FROM sessions")).isEmpty();
    }

    @Test
    void logoutEndsTheSession() {
        StaffAuth.LoggedIn in = auth.login("zhang", "correct-horse-1", IP);
        StaffAuth.LoggedIn other = auth.login("zhang", "correct-horse-1", "192.0.2.8");

        auth.logout(in.session(), IP);

        assertThat(auth.session(in.token())).isEmpty();
        assertThat(auth.session(other.token())).as("another device's session stays").isPresent();
    }

    @Test
    void disablingAnAccountEndsItsSessions() {
        StaffAuth.LoggedIn in = auth.login("zhang", "correct-horse-1", IP);

        accounts.setDisabled(in.session().account().id(), true);

        assertThat(auth.session(in.token())).isEmpty();
    }

    @Test
    void unknownOrMalformedTokensNameNoSession() {
        auth.login("zhang", "correct-horse-1", IP);

        assertThat(auth.session(null)).isEmpty();
        assertThat(auth.session("")).isEmpty();
        assertThat(auth.session("x".repeat(43))).isEmpty();
        assertThat(auth.session("x".repeat(10_000))).isEmpty();
    }

    // ------------------------------------------------------------------ accounts from the configuration

    @Test
    void configuredAccountsAreCreatedOnceAndNeverOverwritten() {
        StaffConfig changed = config().withAccounts(List.of(
                new StaffConfig.SeedAccount("zhang", "别人", Role.ADMIN, "another-password"),
                new StaffConfig.SeedAccount("wang", "王五", Role.ADMIN, "third-password-3")));

        assertThat(auth(changed).createMissingAccounts()).containsExactly("wang");

        assertThat(accounts.findByUsername("zhang").orElseThrow()).satisfies(a -> {
            assertThat(a.displayName()).isEqualTo("张三");
            assertThat(a.role()).isEqualTo(Role.OPERATOR);
        });
        assertThat(auth.login("zhang", "correct-horse-1", IP).session()).isNotNull();
        assertThatThrownBy(() -> auth.login("zhang", "another-password", IP)).isInstanceOf(ApiException.class);
        assertThat(accounts.recentAudit(1)).extracting(AuditEntry::action, AuditEntry::username)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("login_failure", "zhang"));
        assertThat(auth.createMissingAccounts()).as("a second start creates nothing").isEmpty();
    }

    private List<String> column(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
