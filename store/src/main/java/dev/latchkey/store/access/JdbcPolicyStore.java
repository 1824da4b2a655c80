package dev.latchkey.store.access;

import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyStore;
import dev.latchkey.core.access.Role;
import dev.latchkey.store.Sql;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Policies in {@code policies}; roles kept as a comma-separated list of role names. Thread-safe. */
public final class JdbcPolicyStore implements PolicyStore {
    private static final RowMapper<Policy> MAPPER = (rs, ctx) -> new Policy(rs.getString("id"),
            rs.getString("account_id"), rs.getString("subject_iam_id"), rs.getString("service_name"),
            Arrays.stream(rs.getString("roles").split(",")).filter(s -> !s.isEmpty()).map(Role::valueOf)
                    .collect(Collectors.toSet()),
            Sql.instant(rs, "created_at"));
    private final Jdbi jdbi;

    public JdbcPolicyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(Policy policy) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO policies (id, account_id, subject_iam_id, service_name, roles, created_at)
                        VALUES (:id, :account, :subject, :service, :roles, :at)""")
                .bind("id", policy.id()).bind("account", policy.accountId()).bind("subject", policy.subjectIamId())
                .bind("service", policy.serviceName())
                .bind("roles", policy.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")))
                .bind("at", Sql.time(policy.createdAt())).execute());
    }

    @Override
    public List<Policy> forSubject(String accountId, String subjectIamId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM policies WHERE account_id = :account AND subject_iam_id = :subject ORDER BY id")
                .bind("account", accountId).bind("subject", subjectIamId).map(MAPPER).list());
    }
}
