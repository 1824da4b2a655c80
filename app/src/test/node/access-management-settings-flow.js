'use strict';
// Drives IBM's Node SDK (@ibm-cloud/platform-services IamPolicyManagementV1 getSettings / updateSettings, unchanged)
// against a Latchkey server: read the external identity interactions, limit users to an allowlist with the Etag as
// If-Match, read them back, and see a stale Etag and a bad state refused (decision 0034).
// Input: LATCHKEY_URL, LATCHKEY_APIKEY (the account owner), LATCHKEY_ALLOWED_ACCOUNT (an account ID to allow).
// Output: one JSON line with what it saw. Exit 1 on any mismatch, 2 on a crash.
const IamPolicyManagementV1 = require('@ibm-cloud/platform-services/iam-policy-management/v1');
const IamIdentityV1 = require('@ibm-cloud/platform-services/iam-identity/v1');
const { IamAuthenticator } = require('ibm-cloud-sdk-core');
const { seen, check, failure, run } = require('./flow-kit');

const url = process.env.LATCHKEY_URL;
const apikey = process.env.LATCHKEY_APIKEY;
const allowed = process.env.LATCHKEY_ALLOWED_ACCOUNT;

async function main() {
  if (!url || !apikey || !allowed) {
    throw new Error('set LATCHKEY_URL, LATCHKEY_APIKEY and LATCHKEY_ALLOWED_ACCOUNT');
  }
  const authenticator = new IamAuthenticator({ apikey, url });
  const policies = new IamPolicyManagementV1({ authenticator, serviceUrl: url });
  const own = await new IamIdentityV1({ authenticator, serviceUrl: url }).getApiKeysDetails({ iamApiKey: apikey });
  const accountId = own.result.account_id;

  const read = await policies.getSettings({ accountId, acceptLanguage: 'en' });
  seen.get = { status: read.status, etag: read.headers.etag };
  const enabled = { state: 'enabled', external_allowed_accounts: [] };
  check('defaults', read.result, { external_account_identity_interaction: { identity_types: {
    user: enabled, service_id: enabled, service: enabled } } });

  const limited = { state: 'limited', external_allowed_accounts: [allowed] };
  const updated = await policies.updateSettings({ accountId, ifMatch: read.headers.etag, acceptLanguage: 'en',
    externalAccountIdentityInteraction: { identity_types: { user: limited } } });
  seen.update = { status: updated.status, etag: updated.headers.etag };
  check('update status', updated.status, 200);
  check('update echoes user', updated.result.external_account_identity_interaction.identity_types.user, limited);
  check('update leaves service_id', updated.result.external_account_identity_interaction.identity_types.service_id,
    enabled);
  check('new etag', updated.headers.etag !== read.headers.etag, true);

  const again = await policies.getSettings({ accountId });
  check('read back', again.result, updated.result);

  const stale = await failure(policies.updateSettings({ accountId, ifMatch: read.headers.etag,
    externalAccountIdentityInteraction: { identity_types: { user: enabled } } }));
  seen.stale = stale && stale.status;
  const bad = await failure(policies.updateSettings({ accountId, ifMatch: again.headers.etag,
    externalAccountIdentityInteraction: { identity_types: { user: { state: 'closed', external_allowed_accounts: [] } } } }));
  seen.bad = bad && bad.status;
  seen.bad_message = bad && bad.message;
  const reset = await policies.updateSettings({ accountId, ifMatch: again.headers.etag,
    externalAccountIdentityInteraction: { identity_types: { user: enabled } } });
  check('reset status', reset.status, 200);
}

run(main);
