package dev.latchkey.core.access;

import java.util.List;

/**
 * A create or replace request for an access policy, as the client sent it through IBM's v1 or v2 API: nothing is
 * defaulted or normalised here, so what is stored echoes back exactly. A null list is a field the client left
 * out. The v2 API's single subject and resource arrive as one-element lists, its {@code control.grant.roles} as
 * {@code roleIds}; only v2 has {@code pattern} and {@code rule}. Immutable.
 */
public record PolicyRequest(Api api, String type, List<Subject> subjects, List<String> roleIds,
                            List<ResourceSpec> resources, String description, String pattern, Policy.Rule rule) {

    /** Which of IBM's policy APIs the request came through: their validation rules differ. */
    public enum Api { V1, V2 }

    /** A v1 request. */
    public PolicyRequest(String type, List<Subject> subjects, List<String> roleIds, List<ResourceSpec> resources,
                         String description) {
        this(Api.V1, type, subjects, roleIds, resources, description, null, null);
    }

    /** One subject: its attributes (v1: a name and a value; v2: also the operator, which must be stringEquals). */
    public record Subject(List<Policy.Attribute> attributes) {
    }

    /** One resource: its attributes and, when sent, its tags (an empty list is kept as sent). */
    public record ResourceSpec(List<Policy.Attribute> attributes, List<Policy.Attribute> tags) {
    }
}
