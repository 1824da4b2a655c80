package dev.latchkey.app.apikey;

import dev.latchkey.app.ServerConfig;
import dev.latchkey.app.support.TestServer;

class PostgresKeyUsageApiTest extends KeyUsageApiContract {
    @Override
    ServerConfig config() {
        return TestServer.config(true);
    }
}
