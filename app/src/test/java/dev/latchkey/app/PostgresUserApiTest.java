package dev.latchkey.app;

class PostgresUserApiTest extends UserApiContract {
    @Override
    TestServer start() {
        return TestServer.postgres();
    }
}
