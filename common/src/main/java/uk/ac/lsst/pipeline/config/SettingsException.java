package uk.ac.lsst.pipeline.config;

import java.util.List;

/** Start-up settings were missing or invalid: {@link #problems()} lists every one, each naming the variable. */
public final class SettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super("invalid settings:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
