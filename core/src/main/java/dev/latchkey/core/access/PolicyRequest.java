package dev.latchkey.core.access;

import java.util.List;

/**
 * A create or replace request for an access policy in IBM's v1 shape, as the client sent it: nothing is
 * defaulted or normalised here, so what is stored echoes back exactly. A null list is a field the client left
 * out. Immutable.
 */
public record PolicyRequest(String type, List<Subject> subjects, List<String> roleIds, List<ResourceSpec> resources,
                            String description) {

    /** One subject: its attributes (IBM's v1 subject attributes have a name and a value, no operator). */
    public record Subject(List<Policy.Attribute> attributes) {
    }

    /** One resource: its attributes and, when sent, its tags (an empty list is kept as sent). */
    public record ResourceSpec(List<Policy.Attribute> attributes, List<Policy.Attribute> tags) {
    }
}
