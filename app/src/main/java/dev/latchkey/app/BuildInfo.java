package dev.latchkey.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What this jar was built from: the project version and the git commit, read from {@code latchkey-build.properties},
 * which the build writes (git-commit-id-maven-plugin). A jar built outside a git checkout says "commit unknown".
 */
record BuildInfo(String version, String commit, String commitTime, boolean modified) {
    static final String RESOURCE = "/latchkey-build.properties";

    static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new BuildInfo(p.getProperty("git.build.version", "unknown"), p.getProperty("git.commit.id.abbrev", ""),
                p.getProperty("git.commit.time", ""), Boolean.parseBoolean(p.getProperty("git.dirty", "false")));
    }

    /** One line, e.g. {@code Latchkey 0.1.0-SNAPSHOT (commit 1a2b3c4 of 2026-12-05T07:42:00Z, with local changes)}. */
    String describe() {
        if (commit.isEmpty()) {
            return "Latchkey " + version + " (commit unknown: built outside a git checkout)";
        }
        return "Latchkey " + version + " (commit " + commit + (commitTime.isEmpty() ? "" : " of " + commitTime)
                + (modified ? ", with local changes" : "") + ")";
    }

    /** picocli's {@code --version}. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {current().describe()};
        }
    }
}
