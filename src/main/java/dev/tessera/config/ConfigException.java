package dev.tessera.config;

import java.util.List;

/** A configuration the service refuses to start with: every problem found, each as {@code key: problem}. */
public final class ConfigException extends IllegalArgumentException {
    private final List<String> problems;

    ConfigException(List<String> problems) {
        super("configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
