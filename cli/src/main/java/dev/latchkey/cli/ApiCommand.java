package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base of every CLI command: the {@code --output} option, the output streams of the picocli
 * {@code CommandLine} (so tests can capture them), and the rule that a {@link CliException} prints
 * {@code latchkey: <message>} on stderr and exits 1. Usage errors stay with picocli (exit 2).
 */
public abstract class ApiCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Option(names = "--output", paramLabel = "table|json", defaultValue = "table", converter = Choices.Output.class,
            description = "table (default) or json: the server's JSON, pretty-printed.")
    protected String output;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (CliException failure) {
            err().println("latchkey: " + failure.describe());
            return 1;
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** Does the command's work and returns its exit code. */
    protected abstract int execute();

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected boolean json() {
        return "json".equals(output);
    }

    protected void print(JsonNode json) {
        out().println(Json.pretty(json));
    }

    protected void print(Table table) {
        out().print(table.render());
    }

    /**
     * A listing as every list command prints it: in json mode the server's answer {@code whole}; else {@code none} on
     * stderr when {@code items} is empty, or the table of the items.
     */
    protected void printListing(JsonNode whole, JsonNode items, String none, Function<JsonNode, Table> table) {
        if (json()) {
            print(whole);
        } else if (items.isEmpty()) {
            err().println(none);
        } else {
            print(table.apply(items));
        }
    }

    /** {@code fields}, then the {@code history} of {@code body} when it has any, after a blank line. */
    protected void printWithHistory(Table fields, JsonNode body) {
        print(fields);
        if (!body.path("history").isEmpty()) {
            out().println();
            print(Tables.history(body));
        }
    }

    /** A client for the saved profile of the configured directory. */
    protected ApiClient openClient() {
        return ApiClient.open(ProfileStore.locate());
    }

    /**
     * Asks {@code question} with {@code [y/N]} on stderr and reads the answer from stdin; true only for y or yes.
     * With stdin closed it refuses rather than guess.
     *
     * @throws CliException when there is no answer to read
     */
    protected boolean confirmed(String question) {
        return confirmed(question, "delete");
    }

    /** {@link #confirmed(String)} for a command whose {@code -f} does {@code what} without asking. */
    protected boolean confirmed(String question, String what) {
        err().print(question + " [y/N] ");
        err().flush();
        String answer = readStdinLine();
        if (answer == null) {
            err().println();
            throw new CliException("use -f to " + what + " without confirmation");
        }
        String word = answer.strip();
        return word.equalsIgnoreCase("y") || word.equalsIgnoreCase("yes");
    }

    /** One line from stdin, or null when stdin is closed or unreadable. Read at call time so tests can swap stdin. */
    protected static String readStdinLine() {
        try {
            return new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
        } catch (IOException unreadable) {
            return null;
        }
    }
}
