package uk.ac.lsst.pipeline.spec;

/**
 * Where a secret comes from. A pipeline file never holds a secret itself, only one of these references:
 * {@code {env: VARIABLE}} or {@code {file: /run/secrets/name}}.
 */
public sealed interface Secret {

    /** The secret is the value of an environment variable of the process that uses it. */
    record FromEnv(String variable) implements Secret {
        @Override
        public String toString() {
            return "{env: " + variable + "}";
        }
    }

    /** The secret is the content of a file (a Kubernetes secret mount, a docker secret). */
    record FromFile(String path) implements Secret {
        @Override
        public String toString() {
            return "{file: " + path + "}";
        }
    }
}
