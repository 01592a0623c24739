package org.brocapi.service.config;

import java.util.List;

/** The configuration cannot be used; {@link #problems()} has one line per problem, for the operator. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
