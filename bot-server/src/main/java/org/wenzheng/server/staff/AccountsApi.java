package org.wenzheng.server.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/**
 * 账号: the administrator's account endpoints under {@code /api/v1/admin/accounts} and the audit
 * log view. Every change is written to the audit log with the account it changed.
 *
 * <p>A password set here is at least {@value #MIN_PASSWORD_CHARS} characters and is not the
 * username; one the administrator leaves out is generated and shown once in the answer (it is
 * stored only as its hash). The last enabled administrator can be neither disabled nor demoted:
 * nobody could manage the accounts afterwards. A password is hashed on the password-hashing pool,
 * with the store write after it, not on the worker that checked the request.
 */
public final class AccountsApi {
    /** Shortest password an administrator may set: longer than the configuration's seed minimum. */
    static final int MIN_PASSWORD_CHARS = 12;
    /** The last audit page a request may ask for. */
    private static final int MAX_PAGE = 1_000_000;
    /** A staff account as a message names it. */
    private static final String ACCOUNT = "账号";
    /** Lines of the audit log per page. */
    static final int AUDIT_PAGE_SIZE = 50;
    /** 12 random bytes: 16 base64url characters, 96 bits. */
    private static final int GENERATED_PASSWORD_BYTES = 12;

    static final String ACCOUNT_CREATED = "account_created";
    static final String ROLE_CHANGED = "account_role_changed";
    static final String DISABLED = "account_disabled";
    static final String ENABLED = "account_enabled";
    static final String PASSWORD_RESET = "account_password_reset";

    private final AccountStore accounts;
    private final PasswordHashing hashing;
    /**
     * The configured departments, id to name, in their configured order: an officer may belong to
     * one. AdminFeature hands over its unmodifiable copy.
     */
    private final Map<String, String> departments;
    private final SecureRandom random = new SecureRandom();

    public AccountsApi(AccountStore accounts, PasswordHashing hashing, Map<String, String> departments) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.hashing = Objects.requireNonNull(hashing, "hashing");
        this.departments = Objects.requireNonNull(departments, "departments");
    }

    /** An account as the page shows it (never its hash); {@code department} null for "every department". */
    record AccountView(long id, String username, String displayName, String role, boolean disabled,
            String createdAt, String department) {
        static AccountView of(Account a) {
            return new AccountView(a.id(), a.username(), a.displayName(), a.role().id(), a.disabled(),
                    a.createdAt().toString(), a.department());
        }
    }

    /** A department an officer may belong to. */
    record DepartmentView(String id, String name) {
    }

    record AccountList(List<AccountView> accounts, List<DepartmentView> departments) {
    }

    /** An account changed; {@code password} only when one was generated (shown this once), else null. */
    record Changed(AccountView account, String password) {
    }

    record AuditView(String at, String username, String action, String clientIp, String detail) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.at().toString(), e.username(), e.action(), e.clientIp(), e.detail());
        }
    }

    record AuditPage(List<AuditView> entries, int page, int pageSize, long total) {
    }

    /** {@code GET /api/v1/admin/accounts}. */
    public Guard.StaffEndpoint list() {
        return (request, session) -> Response.json(HttpResponseStatus.OK,
                new AccountList(accounts.list().stream().map(AccountView::of).toList(), departments.entrySet().stream()
                        .map(e -> new DepartmentView(e.getKey(), e.getValue())).toList()));
    }

    /**
     * {@code POST /api/v1/admin/accounts} {@code {username, displayName, role, password?, department?}}:
     * 201. {@code department}: for an officer, the id of the one department whose tickets they handle.
     */
    public Guard.LaterStaffEndpoint create() {
        return (request, session) -> {
            ObjectNode body = JsonBodies.object(request);
            String username = required(body, "username", "用户名").strip();
            if (!StaffConfig.USERNAME.matcher(username).matches()) {
                throw ApiException.invalidField("username",
                        "用户名须为 1 到 64 个小写字母、数字、点、下划线或连字符，并以字母或数字开头");
            }
            String displayName = required(body, "displayName", "显示名称").strip();
            if (displayName.isEmpty() || displayName.length() > StaffConfig.MAX_DISPLAY_NAME_CHARS) {
                throw ApiException.invalidField("displayName",
                        "显示名称须为 1 到 " + StaffConfig.MAX_DISPLAY_NAME_CHARS + " 个字");
            }
            Role role = role(body);
            String department = JsonBodies.optionalText(body, "department");
            if (department != null && department.isBlank()) {
                department = null;
            }
            if (department != null && role != Role.OFFICER) {
                throw ApiException.invalidField("department", "只有承办人员可以限定部门");
            }
            if (department != null && !departments.containsKey(department)) {
                throw ApiException.invalidField("department", departments.isEmpty()
                        ? "部门不存在：尚未配置任何部门" : "部门不存在，请从列表中选择");
            }
            String given = JsonBodies.optionalText(body, "password");
            String password = given == null ? generated() : checkedPassword(given, username);
            String officeOf = department;
            return hashing.submit(() -> {
                Account created;
                try {
                    created = accounts.create(username, displayName, role, hashing.hasher().hash(password), officeOf);
                } catch (AccountStore.UsernameTakenException e) {
                    throw ApiException.conflict("用户名 " + username + " 已被使用：已有同名账号（可能已停用）");
                }
                audit(session, request, ACCOUNT_CREATED, username + " (" + role.id()
                        + (officeOf == null ? "" : ", " + officeOf) + ")");
                return Response.json(HttpResponseStatus.CREATED,
                        new Changed(AccountView.of(created), given == null ? password : null));
            });
        };
    }

    /** {@code POST /api/v1/admin/accounts/{id}/role} {@code {role}}. */
    public Guard.StaffEndpoint setRole() {
        return (request, session) -> {
            long id = id(request);
            Role role = role(JsonBodies.object(request));
            Account before = existing(id);
            Account after = lastAdminGuarded(() -> accounts.setRole(id, role)).orElseThrow(() -> missing(id));
            audit(session, request, ROLE_CHANGED, after.username() + ": " + before.role().id() + " -> " + role.id());
            return Response.json(HttpResponseStatus.OK, new Changed(AccountView.of(after), null));
        };
    }

    /** {@code POST /api/v1/admin/accounts/{id}/disabled} {@code {disabled: true|false}}. */
    public Guard.StaffEndpoint setDisabled() {
        return (request, session) -> {
            long id = id(request);
            JsonNode flag = JsonBodies.object(request).get("disabled");
            if (flag == null || !flag.isBoolean()) {
                throw ApiException.invalidField("disabled", InputText.yesOrNo("是否停用"));
            }
            boolean disabled = flag.booleanValue();
            Account after = lastAdminGuarded(() -> accounts.setDisabled(id, disabled)).orElseThrow(() -> missing(id));
            audit(session, request, disabled ? DISABLED : ENABLED, after.username());
            return Response.json(HttpResponseStatus.OK, new Changed(AccountView.of(after), null));
        };
    }

    /**
     * {@code POST /api/v1/admin/accounts/{id}/password} {@code {password?}}: sets the given one or a
     * generated one (answered once); the account's sessions end.
     */
    public Guard.LaterStaffEndpoint resetPassword() {
        return (request, session) -> {
            long id = id(request);
            String given = JsonBodies.optionalText(JsonBodies.object(request), "password");
            Account account = existing(id);
            String password = given == null ? generated() : checkedPassword(given, account.username());
            return hashing.submit(() -> {
                if (!accounts.setPasswordHash(id, hashing.hasher().hash(password))) {
                    throw missing(id);
                }
                audit(session, request, PASSWORD_RESET, account.username());
                return Response.json(HttpResponseStatus.OK,
                        new Changed(AccountView.of(account), given == null ? password : null));
            });
        };
    }

    /** {@code GET /api/v1/admin/audit?page=N}: the audit log, newest first, {@value #AUDIT_PAGE_SIZE} a page. */
    public Guard.StaffEndpoint audit() {
        return (request, session) -> {
            int page = request.queryParam("page").map(AccountsApi::pageNumber).orElse(0);
            List<AuditView> entries = accounts.auditPage(Math.multiplyExact(page, AUDIT_PAGE_SIZE), AUDIT_PAGE_SIZE)
                    .stream().map(AuditView::of).toList();
            return Response.json(HttpResponseStatus.OK, new AuditPage(entries, page, AUDIT_PAGE_SIZE,
                    accounts.auditCount()));
        };
    }

    private void audit(StaffSession session, Request request, String action, String detail) {
        accounts.audit(session.account().id(), session.account().username(), action, request.clientIp(), detail);
    }

    private static Optional<Account> lastAdminGuarded(Supplier<Optional<Account>> change) {
        try {
            return change.get();
        } catch (AccountStore.LastAdminException e) {
            throw new ApiException(HttpResponseStatus.CONFLICT, ErrorCodes.LAST_ADMIN,
                    "不能停用或降级最后一个启用的管理员账号：请先为另一个账号授予管理员角色");
        }
    }

    private Account existing(long id) {
        return accounts.findById(id).orElseThrow(() -> missing(id));
    }

    private static ApiException missing(long id) {
        return ApiException.notFound(InputText.noSuch(ACCOUNT, id));
    }

    private static long id(Request request) {
        try {
            return Long.parseLong(request.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound(InputText.noSuch(ACCOUNT, request.pathParam("id")));
        }
    }

    private static int pageNumber(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 0 && n <= MAX_PAGE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalidField("page", InputText.wholeNumber("页码", 0, MAX_PAGE));
    }

    private static Role role(ObjectNode body) {
        String text = required(body, "role", "角色");
        try {
            return Role.of(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("role", "请选择角色：接线员、承办人员、主持人或管理员");
        }
    }

    static String checkedPassword(String password, String username) {
        if (password.length() < MIN_PASSWORD_CHARS || password.length() > PasswordHasher.MAX_PASSWORD_CHARS) {
            throw ApiException.invalidField("password", "密码须为 " + MIN_PASSWORD_CHARS + " 到 "
                    + PasswordHasher.MAX_PASSWORD_CHARS + " 个字符，当前 " + password.length() + " 个；留空则自动生成");
        }
        if (password.strip().equalsIgnoreCase(username)) {
            throw ApiException.invalidField("password", "密码不能与用户名相同");
        }
        return password;
    }

    private String generated() {
        byte[] bytes = new byte[GENERATED_PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String required(ObjectNode body, String field) {
        return required(body, field, field);
    }

    /** A required text field; a person reads "请填写" and the field as the form labels it. */
    public static String required(ObjectNode body, String field, String label) {
        String v = JsonBodies.optionalText(body, field);
        if (v == null || v.isBlank()) {
            throw ApiException.invalidField(field, InputText.required(label));
        }
        return v;
    }
}
