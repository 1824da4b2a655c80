package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
    @TempDir
    Path temp;

    @Test
    void saveThenLoadReturnsTheSameProfile() {
        ProfileStore store = new ProfileStore(temp.resolve("latchkey"));
        Profile profile = new Profile("http://localhost:8080", "lk_secret", "acc1",
                new AccessToken("a.b.c", 1_900_000_000L, "IBMid-1", "acc1"));

        store.save(profile);

        assertThat(store.load()).contains(profile);
    }

    @Test
    void saveWithoutTokenOrAccountRoundTrips() {
        ProfileStore store = new ProfileStore(temp);
        Profile profile = new Profile("https://iam.example", "lk_secret", null, null);

        store.save(profile);

        assertThat(store.load()).contains(profile);
    }

    @Test
    void saveWhenDirectoryIsMissingThenCreatesItOwnerOnlyAndTheFile0600() throws IOException {
        Path directory = temp.resolve("config/latchkey");
        ProfileStore store = new ProfileStore(directory);

        store.save(new Profile("http://localhost:8080", "lk_secret", null, null));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void saveWhenFileExistedWithWiderPermissionsThenReplacesItWith0600AndLeavesNoTemporaryFile() throws IOException {
        ProfileStore store = new ProfileStore(temp);
        Files.writeString(store.file(), "{}");
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

        store.save(new Profile("http://localhost:8080", "lk_secret", null, null));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        try (var files = Files.list(temp)) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void loadWhenNoProfileThenEmpty() {
        assertThat(new ProfileStore(temp.resolve("absent")).load()).isEmpty();
    }

    @Test
    void loadWhenFileIsGarbageThenAsksToLogInAgain() throws IOException {
        ProfileStore store = new ProfileStore(temp);
        Files.writeString(store.file(), "not json");

        assertThatThrownBy(store::load).isInstanceOf(CliException.class).hasMessageContaining("login");
    }

    @Test
    void locateWhenPropertySetThenUsesIt() {
        String previous = System.getProperty(ProfileStore.DIRECTORY_PROPERTY);
        System.setProperty(ProfileStore.DIRECTORY_PROPERTY, temp.toString());
        try {
            assertThat(ProfileStore.locate().file()).isEqualTo(temp.resolve("profile.json"));
        } finally {
            if (previous == null) {
                System.clearProperty(ProfileStore.DIRECTORY_PROPERTY);
            } else {
                System.setProperty(ProfileStore.DIRECTORY_PROPERTY, previous);
            }
        }
    }

    @Test
    void toStringNeverShowsTheKeyOrTheToken() {
        Profile profile = new Profile("http://localhost:8080/", "lk_secret", null,
                new AccessToken("eyJtoken", 1L, "IBMid-1", "acc1"));

        assertThat(profile.toString()).doesNotContain("lk_secret").doesNotContain("eyJtoken");
        assertThat(profile.url()).isEqualTo("http://localhost:8080");
    }
}
