package dev.latchkey.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's stylesheet and script, served under names that carry a hash of their content
 * ({@code /console/assets/console.3f2a….css}): a browser may keep them for a year, and a new build's page names
 * new files. Read once, when the class loads.
 */
public final class Assets {
    private static final String PREFIX = "/console/assets/";
    private static final Map<String, Asset> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, Asset> BY_URL_NAME = new LinkedHashMap<>();

    record Asset(String urlName, String contentType, byte[] bytes) {
    }

    static {
        load("console.css", "text/css; charset=utf-8");
        load("console.js", "text/javascript; charset=utf-8");
    }

    private Assets() {
    }

    /** The fingerprinted URL of {@code name} ({@code console.css}, {@code console.js}), for the templates. */
    public static String url(String name) {
        Asset asset = BY_NAME.get(name);
        if (asset == null) {
            throw new IllegalArgumentException("no console asset " + name);
        }
        return PREFIX + asset.urlName();
    }

    /** The asset a fingerprinted file name names, or null. */
    static Asset byUrlName(String urlName) {
        return BY_URL_NAME.get(urlName);
    }


    private static void load(String name, String contentType) {
        try (InputStream in = Assets.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console asset " + name + " is missing from the jar");
            }
            byte[] bytes = in.readAllBytes();
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
            int dot = name.lastIndexOf('.');
            Asset asset = new Asset(name.substring(0, dot) + "." + hash + name.substring(dot), contentType, bytes);
            BY_NAME.put(name, asset);
            BY_URL_NAME.put(asset.urlName(), asset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
