package dev.latchkey.store.access;

import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyStore;
import dev.latchkey.core.common.Page;
import dev.latchkey.store.Sql;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Policies in {@code policies}, their resource attributes and tags in {@code policy_attributes} (in the order
 * sent, operators as sent), and a v2 policy's rule there too: its conditions ({@code cond}) and and/or groups
 * ({@code group}), each naming the group it belongs to ({@code parent_position}). Thread-safe.
 */
public final class JdbcPolicyStore implements PolicyStore {
    private final Jdbi jdbi;

    public JdbcPolicyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private record Row(String id, String type, String accountId, String subject, String roles, String description,
                       String state, boolean hasTags, java.time.Instant createdAt, String createdBy,
                       java.time.Instant modifiedAt, String modifiedBy, long version, String pattern) {
    }

    private record AttributeRow(String policyId, String kind, int position, Integer parent,
                                Policy.Attribute attribute) {
    }

    @Override
    public void insert(Policy policy) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO policies (id, type, account_id, subject_iam_id, roles, description, state, has_tags,
                        created_at, created_by, modified_at, modified_by, version, pattern)
                    VALUES (:id, :type, :account, :subject, :roles, :description, :state, :hasTags, :createdAt,
                        :createdBy, :modifiedAt, :modifiedBy, :version, :pattern)""")
                    .bind("pattern", policy.pattern())
                    .bind("id", policy.id()).bind("type", policy.type()).bind("account", policy.accountId())
                    .bind("subject", policy.subjectIamId()).bind("roles", String.join(",", policy.roleIds()))
                    .bind("description", policy.description()).bind("state", policy.state())
                    .bind("hasTags", policy.resourceTags() != null).bind("createdAt", Sql.time(policy.createdAt()))
                    .bind("createdBy", policy.createdBy()).bind("modifiedAt", Sql.time(policy.modifiedAt()))
                    .bind("modifiedBy", policy.modifiedBy()).bind("version", policy.version()).execute();
            insertAttributes(h, policy);
        });
    }

    @Override
    public Optional<Policy> find(String id) {
        return jdbi.withHandle(h -> load(h, "p.id = :id", Map.of("id", id), 0, 1)).stream().findFirst();
    }

    @Override
    public boolean update(Policy policy, long expectedVersion) {
        return jdbi.inTransaction(h -> {
            int rows = h.createUpdate("""
                    UPDATE policies SET subject_iam_id = :subject, roles = :roles, description = :description,
                        state = :state,
                        has_tags = :hasTags, modified_at = :modifiedAt, modified_by = :modifiedBy, version = :version,
                        pattern = :pattern
                    WHERE id = :id AND version = :expected""")
                    .bind("pattern", policy.pattern())
                    .bind("subject", policy.subjectIamId())
                    .bind("roles", String.join(",", policy.roleIds())).bind("description", policy.description())
                    .bind("state", policy.state()).bind("hasTags", policy.resourceTags() != null)
                    .bind("modifiedAt", Sql.time(policy.modifiedAt())).bind("modifiedBy", policy.modifiedBy())
                    .bind("version", policy.version()).bind("id", policy.id()).bind("expected", expectedVersion)
                    .execute();
            if (rows == 0) {
                return false;
            }
            h.createUpdate("DELETE FROM policy_attributes WHERE policy_id = :id").bind("id", policy.id()).execute();
            insertAttributes(h, policy);
            return true;
        });
    }

    @Override
    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM policies WHERE id = :id").bind("id", id).execute()) == 1;
    }

    @Override
    public List<Policy> forSubjects(String accountId, List<String> subjects) {
        return jdbi.withHandle(h -> load(h, "p.account_id = :account AND p.subject_iam_id IN (<subjects>)"
                + " AND p.state = 'active'", Map.of("account", accountId), Map.of("subjects", subjects), 0, 1000));
    }

    @Override
    public Page<Policy> list(String accountId, String subjectIamId, String state, int offset, int limit) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        bindings.put("account", accountId);
        String where = "p.account_id = :account";
        if (subjectIamId != null) {
            where += " AND p.subject_iam_id = :subject";
            bindings.put("subject", subjectIamId);
        }
        if (state != null) {
            where += " AND p.state = :state";
            bindings.put("state", state);
        }
        String condition = where;
        List<Policy> rows = jdbi.withHandle(h -> load(h, condition, bindings, offset, limit + 1));
        boolean more = rows.size() > limit;
        return new Page<>(more ? rows.subList(0, limit) : rows, offset, limit, more);
    }

    @Override
    public boolean namesRole(String accountId, String roleCrn) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM policies WHERE account_id = :account"
                        + " AND POSITION(:role IN ',' || roles || ',') > 0")
                .bind("account", accountId).bind("role", "," + roleCrn + ",").mapTo(Integer.class).one()) > 0;
    }

    @Override
    public int deleteForSubject(String accountId, String subjectIamId) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "DELETE FROM policies WHERE account_id = :account AND subject_iam_id = :subject")
                .bind("account", accountId).bind("subject", subjectIamId).execute());
    }

    @Override
    public List<String> subjectsGranted(String accountId, String serviceName, String roleCrn) {
        String granting = """
                p.account_id = :account AND p.state = 'active' AND POSITION(:role IN ',' || p.roles || ',') > 0
                AND NOT EXISTS (SELECT 1 FROM policy_attributes a WHERE a.policy_id = p.id
                    AND a.kind = 'resource' AND a.attr_name = 'serviceName' AND a.attr_value <> :service)""";
        return jdbi.withHandle(h -> h.createQuery("SELECT subject FROM ("
                        + "SELECT p.subject_iam_id AS subject FROM policies p WHERE " + granting
                        + " AND p.subject_iam_id NOT LIKE 'AccessGroupId-%'"
                        + " UNION SELECT m.iam_id AS subject FROM policies p"
                        + " JOIN access_group_members m ON m.group_id = p.subject_iam_id WHERE " + granting
                        + ") s ORDER BY subject")
                .bind("service", serviceName).bind("account", accountId).bind("role", "," + roleCrn + ",")
                .mapTo(String.class).list());
    }

    private static List<Policy> load(Handle h, String where, Map<String, ?> bindings, int offset, int limit) {
        return load(h, where, bindings, Map.of(), offset, limit);
    }

    private static List<Policy> load(Handle h, String where, Map<String, ?> bindings, Map<String, List<String>> lists,
                                     int offset, int limit) {
        var query = h.createQuery("SELECT * FROM policies p WHERE " + where
                + " ORDER BY p.created_at, p.id LIMIT :limit OFFSET :offset");
        lists.forEach(query::bindList);
        List<Row> rows = query.bindMap(bindings).bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("type"), rs.getString("account_id"),
                        rs.getString("subject_iam_id"), rs.getString("roles"), rs.getString("description"),
                        rs.getString("state"), rs.getBoolean("has_tags"), Sql.instant(rs, "created_at"),
                        rs.getString("created_by"), Sql.instant(rs, "modified_at"), rs.getString("modified_by"),
                        rs.getLong("version"), rs.getString("pattern")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<AttributeRow> attributes = h.createQuery(
                        "SELECT * FROM policy_attributes WHERE policy_id IN (<ids>) ORDER BY policy_id, kind, position")
                .bindList("ids", rows.stream().map(Row::id).toList())
                .map((rs, ctx) -> new AttributeRow(rs.getString("policy_id"), rs.getString("kind"),
                        rs.getInt("position"), rs.getObject("parent_position", Integer.class),
                        new Policy.Attribute(rs.getString("attr_name"), rs.getString("attr_value"), rs.getString("operator"))))
                .list();
        List<Policy> policies = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<Policy.Attribute> resource = new ArrayList<>();
            List<Policy.Attribute> tags = row.hasTags() ? new ArrayList<>() : null;
            List<AttributeRow> rule = new ArrayList<>();
            for (AttributeRow a : attributes) {
                if (a.policyId().equals(row.id())) {
                    switch (a.kind()) {
                        case "tag" -> tags.add(a.attribute());
                        case "resource" -> resource.add(a.attribute());
                        default -> rule.add(a);
                    }
                }
            }
            policies.add(new Policy(row.id(), row.type(), row.accountId(), row.subject(),
                    Arrays.stream(row.roles().split(",")).filter(s -> !s.isEmpty()).toList(), resource, tags,
                    row.description(), row.state(), row.createdAt(), row.createdBy(), row.modifiedAt(),
                    row.modifiedBy(), row.version(), row.pattern(), rule(rule)));
        }
        return policies;
    }

    /** The rule whose root is the row without a parent; null when there is none. */
    private static Policy.Rule rule(List<AttributeRow> rows) {
        List<Policy.Rule> roots = ruleChildren(rows, null);
        return roots.isEmpty() ? null : roots.getFirst();
    }

    /** The conditions and groups whose parent is {@code parent} (null: the root), in their order. */
    private static List<Policy.Rule> ruleChildren(List<AttributeRow> rows, Integer parent) {
        List<Policy.Rule> children = new ArrayList<>();
        for (AttributeRow row : rows) {
            if (java.util.Objects.equals(row.parent(), parent)) {
                children.add(row.kind().equals("group")
                        ? Policy.Rule.group(row.attribute().operator(), ruleChildren(rows, row.position()))
                        : Policy.Rule.condition(row.attribute().name(), row.attribute().operator(),
                        row.attribute().value()));
            }
        }
        return children;
    }

    private static void insertAttributes(Handle h, Policy policy) {
        var batch = h.prepareBatch("""
                INSERT INTO policy_attributes (policy_id, kind, position, attr_name, attr_value, operator,
                    parent_position)
                VALUES (:policy, :kind, :position, :name, :value, :operator, :parent)""");
        int position = 0;
        for (Policy.Attribute a : policy.resourceAttributes()) {
            batch.bind("policy", policy.id()).bind("kind", "resource").bind("position", position++)
                    .bind("name", a.name()).bind("value", a.value()).bind("operator", a.operator())
                    .bind("parent", (Integer) null).add();
        }
        if (policy.resourceTags() != null) {
            for (Policy.Attribute a : policy.resourceTags()) {
                batch.bind("policy", policy.id()).bind("kind", "tag").bind("position", position++)
                        .bind("name", a.name()).bind("value", a.value()).bind("operator", a.operator())
                        .bind("parent", (Integer) null).add();
            }
        }
        if (policy.rule() != null) {
            position = insertRule(batch, policy.id(), policy.rule(), null, position);
        }
        if (position > 0) {
            batch.execute();
        }
    }

    /** Adds {@code rule} (and a group's conditions after it) at {@code position}; the next free position. */
    private static int insertRule(org.jdbi.v3.core.statement.PreparedBatch batch, String policyId, Policy.Rule rule,
                                  Integer parent, int position) {
        int at = position;
        batch.bind("policy", policyId).bind("kind", rule.isGroup() ? "group" : "cond").bind("position", at)
                .bind("name", rule.isGroup() ? "" : rule.key()).bind("value", rule.isGroup() ? "" : rule.value())
                .bind("operator", rule.operator()).bind("parent", parent).add();
        int next = at + 1;
        if (rule.isGroup()) {
            for (Policy.Rule condition : rule.conditions()) {
                next = insertRule(batch, policyId, condition, at, next);
            }
        }
        return next;
    }
}
