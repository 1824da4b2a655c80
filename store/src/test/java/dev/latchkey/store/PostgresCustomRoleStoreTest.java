package dev.latchkey.store;

class PostgresCustomRoleStoreTest extends CustomRoleStoreContract {
    @Override
    StoresUnderTest open() {
        return StoresUnderTest.jdbc(Database.open(Postgres.freshSchemaUrl(), Postgres.USER, null, 4));
    }
}
