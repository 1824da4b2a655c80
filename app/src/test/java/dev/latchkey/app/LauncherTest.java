package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code ./latchkey}) runs java with the shipped JVM options of {@code app/jvm.options}, adds the class
 * data sharing archive (JDK 21 to 24) or the AOT cache (JDK 25 and later) for {@code serve} only, and puts {@code LATCHKEY_JAVA_OPTS} after both, where it wins
 * (decision record 0037). {@code LATCHKEY_PRINT_JAVA_COMMAND=1} shows the command without building or starting.
 */
class LauncherTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path OPTIONS = ROOT.resolve("app/jvm.options");
    private static final Path ARCHIVE = ROOT.resolve("app/target/latchkey.jsa");

    @Test
    void serveRunsWithTheShippedOptionsThenTheArchiveThenLatchkeyJavaOpts() throws Exception {
        List<String> command = javaCommand(Map.of("LATCHKEY_JAVA_OPTS", "-Xmx1g -Dfrom.operator=yes"),
                "serve", "--port", "8081");
        assertThat(command.get(1)).isEqualTo("@" + OPTIONS);
        int archive;
        if (feature(command.get(0)) >= 25) { // the AOT cache of this JDK build, recorded by this serve (none yet)
            String aot = command.stream().filter(a -> a.startsWith("-XX:AOTCache")).findFirst().orElseThrow();
            assertThat(aot).matches("-XX:AOTCache(Output)?=" + java.util.regex.Pattern.quote(
                    ARCHIVE.getParent().resolve("latchkey-jdk-").toString()) + "[A-Za-z0-9.-]+\\.aot");
            assertThat(command).contains("-Xlog:aot=off", "-Xlog:cds=off").noneMatch(a -> a.contains("SharedArchive"));
            if (aot.startsWith("-XX:AOTCacheOutput=")) {
                assertThat(command).contains("-XX:+DisplayVMOutputToStderr");
            }
            archive = command.indexOf(aot);
        } else {
            assertThat(command).contains("-XX:SharedArchiveFile=" + ARCHIVE, "-XX:+AutoCreateSharedArchive");
            archive = command.indexOf("-XX:SharedArchiveFile=" + ARCHIVE);
        }
        int operator = command.indexOf("-Xmx1g");
        int jar = command.indexOf("-jar");
        assertThat(archive).isGreaterThan(1);
        assertThat(operator).as("LATCHKEY_JAVA_OPTS after the shipped options: the last -Xmx wins").isGreaterThan(archive);
        assertThat(command.get(operator + 1)).isEqualTo("-Dfrom.operator=yes");
        assertThat(jar).isGreaterThan(operator);
        assertThat(command.subList(jar, command.size()))
                .containsExactly("-jar", ROOT.resolve("app/target/latchkey.jar").toString(), "serve", "--port", "8081");
    }

    @Test
    void otherCommandsAndHelpGetTheOptionsButNoArchive() throws Exception {
        for (List<String> args : List.of(List.of("api-keys"), List.of("serve", "--help"), List.of("--version"))) {
            List<String> command = javaCommand(Map.of(), args.toArray(String[]::new));
            assertThat(command.get(1)).as(args.toString()).isEqualTo("@" + OPTIONS);
            assertThat(command).as(args.toString()).noneMatch(a -> a.contains("SharedArchive") || a.contains("AOTCache"));
            assertThat(command.subList(command.indexOf("-jar") + 2, command.size())).isEqualTo(args);
        }
    }

    /** The operator's own class sharing options replace the launcher's: the JVM refuses an AOT cache beside them. */
    @Test
    void anOperatorsClassSharingOptionsReplaceTheCache() throws Exception {
        for (String own : List.of("-Xshare:off", "-Xmx1g -XX:SharedArchiveFile=/tmp/own.jsa", "-XX:AOTCache=/tmp/own.aot")) {
            List<String> command = javaCommand(Map.of("LATCHKEY_JAVA_OPTS", own), "serve");
            assertThat(command).as(own).filteredOn(a -> a.contains("SharedArchive") || a.contains("AOTCache")
                    || a.contains("Xshare")).containsExactlyElementsOf(List.of(own.split(" ")).stream()
                    .filter(a -> !a.startsWith("-Xmx")).toList());
        }
    }

    /** The options file is one the JDK reads, and says what decision record 0037 says it does. */
    @Test
    void theJdkAcceptsTheShippedOptions() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "@" + OPTIONS, "-XX:+PrintFlagsFinal", "-version")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("bool UseSerialGC\\s+= true\\s+\\{product\\} \\{command line\\}")
                .containsPattern("size_t MaxHeapSize\\s+= 536870912 ")
                .containsPattern("size_t InitialHeapSize\\s+= 67108864 ")
                .containsPattern("size_t NewSize\\s+= 33554432 ")
                .containsPattern("size_t MaxNewSize\\s+= 33554432 ")
                .containsPattern("size_t MetaspaceSize\\s+= 67108864 ")
                .containsPattern("TrimNativeHeapInterval\\s+= 5000 ");
    }

    /**
     * The launcher finds its JDK without starting one (decision record 0051): {@code JAVA_HOME} first, then the java
     * on {@code PATH} through its links, the first of version 21 or newer; the version comes from the JDK's release
     * file, or, without one, from asking that java. The AOT cache is named after the release file's runtime version.
     */
    @Test
    void theJdkIsTheFirst21OrNewerInPriorityOrder(@TempDir Path dir) throws Exception {
        Path old = fakeJdk(dir.resolve("jdk-17"), "JAVA_VERSION=\"17.0.9\"\n", "17");
        Path onPath = fakeJdk(dir.resolve("jdk-22"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"22.0.2\"\n"
                + "JAVA_RUNTIME_VERSION=\"22.0.2+9\"\n", "22");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("java"), onPath.resolve("bin/java"));
        String path = bin + ":/usr/bin:/bin";

        List<String> command = javaCommand(Map.of("JAVA_HOME", old.toString(), "PATH", path), "--version");
        assertThat(command.get(0)).as("JAVA_HOME is 17: skipped for the java on PATH, found through its link")
                .isEqualTo(onPath.resolve("bin/java").toString());

        Path asked = fakeJdk(dir.resolve("jdk-no-release"), null, "21");
        assertThat(javaCommand(Map.of("JAVA_HOME", asked.toString(), "PATH", path), "--version").get(0))
                .as("no release file: the version is asked of the java itself")
                .isEqualTo(asked.resolve("bin/java").toString());

        Path recent = fakeJdk(dir.resolve("jdk-25"), "JAVA_VERSION=\"25.0.1\"\nJAVA_RUNTIME_VERSION=\"25.0.1+8-LTS\"\n",
                "25");
        assertThat(javaCommand(Map.of("JAVA_HOME", recent.toString(), "PATH", path), "serve"))
                .as("the AOT cache is named after the runtime version").anyMatch(a -> a.matches(
                        "-XX:AOTCache(Output)?=.*/latchkey-jdk-25\\.0\\.1-8-LTS\\.aot"));
    }

    /** A JDK home whose java prints the given feature version when asked for its settings, as a real one does. */
    private static Path fakeJdk(Path home, String release, String feature) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String tool : List.of("java", "javac")) {
            Path file = Files.writeString(bin.resolve(tool), "#!/bin/sh\necho 'java.specification.version = " + feature
                    + "' >&2\n");
            assertThat(file.toFile().setExecutable(true)).isTrue();
        }
        if (release != null) {
            Files.writeString(home.resolve("release"), release);
        }
        return home;
    }

    /** The feature version of the JDK whose java is {@code java}, from its release file. */
    private static int feature(String java) throws IOException {
        Path release = Path.of(java).getParent().getParent().resolve("release");
        String version = Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_VERSION=")).findFirst()
                .orElseThrow().replaceAll("JAVA_VERSION=\"(\\d+).*", "$1");
        return Integer.parseInt(version);
    }

    private static List<String> javaCommand(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("latchkey").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().remove("LATCHKEY_JAVA_OPTS");
        builder.environment().put("LATCHKEY_PRINT_JAVA_COMMAND", "1");
        builder.environment().putAll(environment);
        Path err = Files.createTempFile("launcher-", ".err");
        Process process = builder.redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        return out.lines().toList();
    }
}
