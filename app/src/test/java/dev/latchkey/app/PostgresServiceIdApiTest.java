package dev.latchkey.app;

class PostgresServiceIdApiTest extends ServiceIdApiContract {
    @Override
    TestServer start() {
        return TestServer.postgres();
    }
}
