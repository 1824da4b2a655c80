package dev.latchkey.app.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One answer of {@code GET /metrics}, read strictly as Prometheus' text format (0.0.4): every line is a
 * {@code # HELP} or {@code # TYPE} comment or a sample {@code name{label="value",...} number}, and every sample
 * belongs to a family whose type was declared before it. A line that is neither fails the parse.
 */
public final class Scrape {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final String[] SUFFIXES = {"", "_total", "_bucket", "_count", "_sum", "_created", "_info"};

    /** Every sample by {@code name{label=value,...}} with its labels sorted by name. */
    public final Map<String, Double> samples = new LinkedHashMap<>();
    /** The declared type of every family. */
    public final Map<String, String> types = new LinkedHashMap<>();
    public final String text;

    private Scrape(String text) {
        this.text = text;
    }

    public static Scrape parse(String text) {
        Scrape scrape = new Scrape(text);
        String[] lines = text.split("\n", -1);
        if (!lines[lines.length - 1].isEmpty()) {
            throw new AssertionError("the last line does not end with a line feed");
        }
        for (int n = 1; n < lines.length; n++) {
            String line = lines[n - 1];
            if (line.isEmpty()) {
                throw new AssertionError("line " + n + " is empty");
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                scrape.types.put(type.group(1), type.group(2));
                continue;
            }
            if (HELP.matcher(line).matches()) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("line " + n + " is neither a comment nor a sample: " + line);
            }
            String name = sample.group(1);
            if (scrape.familyOf(name) == null) {
                throw new AssertionError("line " + n + ": no # TYPE before sample " + name);
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null && !sample.group(2).isEmpty()) {
                Matcher label = LABEL.matcher(sample.group(2));
                int at = 0;
                while (at < sample.group(2).length()) {
                    if (!label.find(at) || label.start() != at) {
                        throw new AssertionError("line " + n + ": bad labels: " + sample.group(2));
                    }
                    labels.put(label.group(1), label.group(2));
                    at = label.end();
                }
            }
            scrape.samples.put(key(name, labels), number(sample.group(3), n));
        }
        return scrape;
    }

    private String familyOf(String sample) {
        for (String suffix : SUFFIXES) {
            if (sample.endsWith(suffix) && types.containsKey(sample.substring(0, sample.length() - suffix.length()))) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return null;
    }

    private static double number(String value, int line) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new AssertionError("line " + line + ": not a number: " + value);
                }
            }
        };
    }

    private static String key(String name, Map<String, String> labels) {
        StringBuilder key = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> key.append(key.charAt(key.length() - 1) == '{' ? "" : ",").append(k).append('=').append(v));
        return key.append('}').toString();
    }

    /** The sample {@code name} with exactly these labels ({@code "method", "GET", ...}), or 0 when there is none. */
    public double value(String name, String... labels) {
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            sorted.put(labels[i], labels[i + 1]);
        }
        return samples.getOrDefault(key(name, sorted), 0.0);
    }

    /** Whether any sample of {@code name} exists, whatever its labels. */
    public boolean has(String name) {
        return samples.keySet().stream().anyMatch(k -> k.startsWith(name + "{"));
    }
}
