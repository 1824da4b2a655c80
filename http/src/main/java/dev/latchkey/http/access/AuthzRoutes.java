package dev.latchkey.http.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.Crn;
import dev.latchkey.core.access.Decision;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import dev.latchkey.http.AccessTokenVerifier;
import dev.latchkey.http.Audience;
import dev.latchkey.http.HttpRefusal;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.latchkey.core.settings.ExternalInteractions;

/**
 * IBM's policy decision point, {@code POST /v2/authz} (reference §5): a JSON array of questions "may this subject
 * do this action on this resource?", answered in order by {@link AccessDecider#check}, the same decision every
 * Latchkey route makes. The caller may ask only about resources of its own token's account, and about subjects
 * other than itself only with a permission ({@link #ask}).
 */
public final class AuthzRoutes {
    public static final int MAX_ITEMS = 100;
    private final AccessDecider access;
    private final AccessTokenVerifier verifier;
    private final ExternalInteractions externals;

    /** Who is asked about: a Latchkey access token (verified like a bearer token) or an IAM id. */
    sealed interface Subject permits TokenSubject, IdSubject {
    }

    record TokenSubject(String accessToken) implements Subject {
    }

    /** {@code accountId} null: the resource's account. */
    record IdSubject(String iamId, String accountId) implements Subject {
    }

    record Question(String requestId, Subject subject, String action, Resource resource) {
    }

    public AuthzRoutes(AccessDecider access, AccessTokenVerifier verifier) {
        this(access, verifier, null);
    }

    /**
     * {@code externals}, when not null, denies a question whose subject token comes from a user API key of another
     * account when the resource's account limits external identity interactions (decision 0034).
     */
    public AuthzRoutes(AccessDecider access, AccessTokenVerifier verifier, ExternalInteractions externals) {
        this.access = access;
        this.verifier = verifier;
        this.externals = externals;
    }

    public void register(RouteTable routes) {
        routes.post("/v2/authz", Audience.AUTHENTICATED, this::decide);
    }

    private void decide(Context ctx, Principal caller) {
        List<JsonBody> items = JsonBody.arrayOf(ctx);
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw DomainException.invalid("The request body must be an array of 1 to " + MAX_ITEMS
                    + " requests, not " + items.size() + ".");
        }
        List<Question> questions = new ArrayList<>(items.size());
        for (JsonBody item : items) {
            questions.add(question(item)); // every item is checked before any is answered
        }
        List<Asked> asked = new ArrayList<>(questions.size());
        Map<Resource, Boolean> mayAskAboutOthers = new HashMap<>(); // decided once per resource in a request
        for (int i = 0; i < questions.size(); i++) { // every subject is checked before any question is answered
            asked.add(ask(caller, questions.get(i), i, mayAskAboutOthers));
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode responses = body.putArray("responses");
        for (Asked item : asked) {
            responses.add(answer(item));
        }
        ctx.status(200).contentType("application/json").result(body.toString());
    }

    /** A question with its subject resolved: {@code subject} null when it is refused for {@code refusal}. */
    private record Asked(Question question, Principal subject, String refusal) {
    }

    /**
     * Resolves the subject of a question. A caller may always ask about itself; about another subject only as the
     * account owner, an Administrator of IAM Access Management, or a Manager or Administrator of the service the
     * resource belongs to (a resource server's service ID is granted one of those on its own service); otherwise
     * the whole request is refused with a 403, as it would reveal another identity's access (decision record 0017).
     */
    private Asked ask(Principal caller, Question question, int index, Map<Resource, Boolean> mayAskAboutOthers) {
        Resource resource = question.resource();
        if (!resource.accountId().equals(caller.accountId())) {
            return new Asked(question, null, "the caller's access token is for account " + caller.accountId()
                    + "; it may ask only about resources in that account, not in " + resource.accountId());
        }
        Principal subject;
        switch (question.subject()) {
            case TokenSubject token -> {
                try {
                    subject = verifier.authenticateToken(token.accessToken());
                } catch (HttpRefusal invalid) {
                    return new Asked(question, null, "the subject's access token is not valid: " + invalid.getMessage());
                }
                if (externals != null && subject.accountId().equals(resource.accountId())) {
                    Optional<String> external = externals.refusal(subject, ExternalInteractions.Where.AUTHZ);
                    if (external.isPresent()) {
                        return new Asked(question, null, "the subject's access token is refused: "
                                + external.get());
                    }
                }
            }
            case IdSubject id -> subject = new Principal(id.iamId(),
                    id.accountId() == null ? resource.accountId() : id.accountId());
        }
        if (!subject.iamId().equals(caller.iamId())
                && !mayAskAboutOthers.computeIfAbsent(resource, r -> mayAskAboutOthers(caller, r))) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Request [" + index + "] asks about " + subject.iamId()
                    + ", another subject than the caller. Asking about another subject needs the account owner, "
                    + "Administrator on " + AccessDecider.ACCESS_MANAGEMENT + ", or Manager or Administrator on "
                    + (resource.serviceName() == null ? "the resource's service" : resource.serviceName()) + ".");
        }
        return new Asked(question, subject, null);
    }

    private boolean mayAskAboutOthers(Principal caller, Resource resource) {
        if (access.isOwner(caller) || access.permits(caller, askAboutOthers(AccessDecider.ACCESS_MANAGEMENT),
                Resource.service(caller.accountId(), AccessDecider.ACCESS_MANAGEMENT))) {
            return true;
        }
        String service = resource.serviceName();
        return service != null && access.permits(caller, askAboutOthers(service), resource);
    }

    /**
     * The action that asking about others takes on a service: held by {@code {service}.*} (Manager, Administrator)
     * and by no narrower role.
     */
    static String askAboutOthers(String service) {
        return service + ".authz.ask";
    }

    private ObjectNode answer(Asked item) {
        Question question = item.question();
        Decision decision;
        List<String> actions = List.of();
        if (item.subject() == null) {
            decision = Decision.deny(question.action(), item.refusal());
        } else {
            decision = access.check(item.subject(), question.action(), question.resource());
            actions = access.actionsOn(item.subject(), question.resource());
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        if (question.requestId() != null) {
            answer.put("requestId", question.requestId());
        }
        ObjectNode verdict = answer.putObject("authorizationDecision");
        verdict.put("permitted", decision.permitted());
        ArrayNode obligation = verdict.putObject("obligation").putArray("actions");
        actions.forEach(obligation::add);
        verdict.put("reason", decision.reason());
        if (decision.policyId() != null) {
            verdict.put("policy_id", decision.policyId());
        }
        return answer;
    }

    private static Question question(JsonBody item) {
        String action = item.string("action");
        if (action == null || action.isBlank()) {
            throw DomainException.invalid("Field '" + item.name("action") + "' is required: an action such as "
                    + "iam-identity.apikey.get.");
        }
        return new Question(item.string("requestId"), subject(item), action, resource(item));
    }

    private static Subject subject(JsonBody item) {
        JsonBody subject = item.object("subject");
        if (subject == null) {
            throw DomainException.invalid("Field '" + item.name("subject") + "' is required: {\"accessToken\": "
                    + "\"<JWT>\"} or {\"attributes\": {\"id\": \"<iam_id>\"}}.");
        }
        if (subject.has("accessTokenBody")) {
            throw DomainException.invalid("Field '" + subject.name("accessTokenBody") + "' is not supported: a token "
                    + "body without its signature proves nothing. Send accessToken, the whole JWT.");
        }
        JsonBody attributes = subject.object("attributes");
        String token = subject.string("accessToken");
        if ((token == null) == (attributes == null)) {
            throw DomainException.invalid("Field '" + item.name("subject") + "' must hold either accessToken or "
                    + "attributes.");
        }
        if (token != null) {
            return new TokenSubject(token);
        }
        String id = attributes.string("id");
        if (id == null || id.isBlank()) {
            throw DomainException.invalid("Field '" + attributes.name("id") + "' is required: the subject's iam_id.");
        }
        return new IdSubject(id, attributes.string("accountId"));
    }

    private static Resource resource(JsonBody item) {
        JsonBody resource = item.object("resource");
        if (resource == null) {
            throw DomainException.invalid("Field '" + item.name("resource") + "' is required: {\"crn\": \"crn:v1:…\"} "
                    + "or {\"attributes\": {\"accountId\": …, \"serviceName\": …}}.");
        }
        String crn = resource.string("crn");
        JsonBody attributes = resource.object("attributes");
        if ((crn == null) == (attributes == null)) {
            throw DomainException.invalid("Field '" + item.name("resource") + "' must hold either crn or attributes.");
        }
        if (crn != null) {
            try {
                return Crn.toResource(crn);
            } catch (DomainException malformed) {
                throw DomainException.invalid("Field '" + resource.name("crn") + "': " + malformed.getMessage());
            }
        }
        Map<String, String> values = attributes.strings();
        for (String required : List.of("accountId", "serviceName")) {
            String value = values.get(required);
            if (value == null || value.isBlank()) {
                throw DomainException.invalid("Field '" + attributes.name(required) + "' is required.");
            }
        }
        return new Resource(values);
    }
}
