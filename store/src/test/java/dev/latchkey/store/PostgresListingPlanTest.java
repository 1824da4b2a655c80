package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;


/**
 * Key and service ID listing plans on PostgreSQL: one scan of the one index per range, each under a {@code Limit}, no
 * sequential scan, and no sort but the one that orders the union's few pages (its key starts with {@code branch},
 * which PostgreSQL prints as the constant {@code (0)} or as the union's column) and, for a range of keys tied on the
 * sort value, one by id.
 */
class PostgresListingPlanTest extends ListingPlanContract {
    @Override
    Database openDatabase() {
        return Database.open(Postgres.freshSchemaUrl(), Postgres.USER, null, 4);
    }

    @Override
    void assertIndexRangesInOrder(String plan, String index, int ranges) {
        assertThat(count(plan, "(Index Scan|Index Only Scan|Bitmap Index Scan)( Backward)? (using|on) " + index + " "))
                .as("ranges of %s in%n%s", index, plan).isEqualTo(ranges);
        assertThat(count(plan, "Index (Only )?Scan")).as("no other index in%n%s", plan).isEqualTo(ranges);
        assertThat(count(plan, "Limit")).as("each range limited to a page in%n%s", plan).isGreaterThanOrEqualTo(ranges);
        assertThat(plan).doesNotContain("Seq Scan");
        // A sort orders the union's pages (by range first) or, within one range, the keys tied on the sort value
        // (by id), which its index condition bounds; never the account.
        plan.lines().filter(line -> line.contains("Sort Key:")).forEach(line -> assertThat(line)
                .as("only pages, or the keys tied on the sort value, are sorted in%n%s", plan)
                .containsPattern("Sort Key: (\\(0\\)|(\"\\*SELECT\\* \\d+\"\\.)?branch"
                        + "|(api_keys|service_ids|notification_outbox)\\.id( DESC)?$"
                        + "|resource_(instances|keys)\\.guid$)"));
    }

    @Override
    void assertLookupProbes(String plan, boolean batch) {
        for (String index : new String[] {"api_keys_value_hash_key", "api_keys_by_previous_hash"}) {
            assertThat(count(plan, "Index Scan using " + index + " ")).as("probes of %s in%n%s", index, plan).isOne();
        }
        assertThat(plan).doesNotContain("Seq Scan on api_keys").doesNotContain("Bitmap");
        if (batch) {
            assertThat(count(plan, "Index (Only )?Scan|Seq Scan")).as("nothing else read in%n%s", plan).isEqualTo(3);
            return;
        }
        assertThat(count(plan, "Index Scan using resource_keys_by_api_key ")).as("its credential in%n%s", plan).isOne();
        assertThat(count(plan, "Index (Only )?Scan")).as("no other index in%n%s", plan).isEqualTo(3);
        assertThat(plan).doesNotContain("Seq Scan");
    }
}
