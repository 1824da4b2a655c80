package dev.latchkey.http.account;

import dev.latchkey.core.account.Account;
import dev.latchkey.http.IbmDates;
import dev.latchkey.core.identity.AccountService;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.RouteTable;
import java.util.List;

/**
 * Latchkey's account routes (IBM has no public equivalent): a platform administrator creates accounts; members
 * list and read the accounts they belong to.
 */
public final class AccountRoutes {
    private final AccountService accounts;

    record AccountWire(String id, String name, String ownerIamId, String createdAt) {
        static AccountWire of(Account a) {
            return new AccountWire(a.id(), a.name(), a.ownerIamId(), IbmDates.format(a.createdAt()));
        }
    }

    record AccountListWire(List<AccountWire> accounts) {
    }

    public AccountRoutes(AccountService accounts) {
        this.accounts = accounts;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/accounts", Audience.AUTHENTICATED, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx);
            Json.send(ctx, 201, AccountWire.of(accounts.create(caller, body.string("name"), body.string("owner_iam_id"))));
        });
        routes.get("/v1/accounts", Audience.AUTHENTICATED, (ctx, caller) ->
                Json.send(ctx, 200, new AccountListWire(accounts.mine(caller).stream().map(AccountWire::of).toList())));
        routes.get("/v1/accounts/{account_id}", Audience.AUTHENTICATED, (ctx, caller) ->
                Json.send(ctx, 200, AccountWire.of(accounts.get(caller, ctx.pathParam("account_id")))));
    }
}
