package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key and service ID listing plans on H2: each range names its index and reads it in order ({@code index sorted}),
 * no table scan.
 */
class H2ListingPlanTest extends ListingPlanContract {
    @TempDir
    static Path dir;

    @Override
    Database openDatabase() {
        return Database.open(Database.h2Url(dir), null, null, 4);
    }

    @Override
    void assertIndexRangesInOrder(String plan, String index, int ranges) {
        assertThat(count(plan, "/\\* public\\." + index + ":")).as("ranges of %s in%n%s", index, plan).isEqualTo(ranges);
        assertThat(count(plan, "/\\* public\\.")).as("no other index in%n%s", plan).isEqualTo(ranges);
        assertThat(count(plan, "/\\* index sorted \\*/")).as("each range read in order in%n%s", plan).isEqualTo(ranges);
        assertThat(plan).doesNotContain("tableScan").doesNotContain("index sorted:");
    }

    @Override
    void assertLookupProbes(String plan, boolean batch) {
        // One hash reads "= ?1", more "IN(?1, ?2, ...)": either way, a probe per hash.
        assertThat(count(plan, "/\\* public\\.\\w+: value_hash (= |IN\\()\\?1")).as("by value in%n%s", plan).isOne();
        assertThat(count(plan, "/\\* public\\.api_keys_by_previous_hash: previous_hash (= |IN\\()\\?"))
                .as("by previous value in%n%s", plan).isOne();
        assertThat(count(plan, "/\\* public\\.resource_keys_by_api_key: api_key_id = found\\.id \\*/"))
                .as("its credential in%n%s", plan).isOne();
        assertThat(count(plan, "/\\* public\\.")).as("no other index in%n%s", plan).isEqualTo(3);
        assertThat(plan).doesNotContain("tableScan");
    }
}
