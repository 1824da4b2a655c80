'use strict';
// Drives IBM's Node SDK (@ibm-cloud/platform-services IamIdentityV1) through two account settings updates by two
// callers and reads them back with getAccountSettings({ includeHistory: true }) (reference §4).
// Input: LATCHKEY_URL, LATCHKEY_APIKEY (the account owner), LATCHKEY_APIKEY_2 (another administrator of the same
// account). Output: one JSON line with what it saw. Exit 1 on any mismatch, 2 on a crash.
const IamIdentityV1 = require('@ibm-cloud/platform-services/iam-identity/v1');
const { IamAuthenticator } = require('ibm-cloud-sdk-core');
const { seen, check, run } = require('./flow-kit');

const url = process.env.LATCHKEY_URL;
const IBM_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+0000$/;

function service(key) {
  return new IamIdentityV1({ authenticator: new IamAuthenticator({ apikey: key, url }), serviceUrl: url });
}

async function main() {
  const ownerKey = process.env.LATCHKEY_APIKEY;
  const otherKey = process.env.LATCHKEY_APIKEY_2;
  if (!url || !ownerKey || !otherKey) {
    throw new Error('set LATCHKEY_URL, LATCHKEY_APIKEY and LATCHKEY_APIKEY_2');
  }
  const owner = service(ownerKey);
  const other = service(otherKey);
  const ownerDetails = (await owner.getApiKeysDetails({ iamApiKey: ownerKey })).result;
  const otherDetails = (await other.getApiKeysDetails({ iamApiKey: otherKey })).result;
  const accountId = ownerDetails.account_id;
  check('both callers in one account', otherDetails.account_id, accountId);

  const plain = await owner.getAccountSettings({ accountId });
  seen.plain_has_history = 'history' in plain.result;
  check('no history unless asked for', seen.plain_has_history, false);

  const first = await owner.updateAccountSettings({ accountId, ifMatch: plain.headers.etag, mfa: 'TOTP' });
  check('first update status', first.status, 200);
  const second = await other.updateAccountSettings({ accountId, ifMatch: first.result.entity_tag,
    systemAccessTokenExpirationInSeconds: '900' });
  check('second update status', second.status, 200);

  const read = await other.getAccountSettings({ accountId, includeHistory: true });
  const history = read.result.history || [];
  seen.history = history;
  check('history length', history.length, 2);
  check('history callers', history.map((h) => h.iam_id), [ownerDetails.iam_id, otherDetails.iam_id]);
  check('history accounts', history.map((h) => h.iam_id_account), [accountId, accountId]);
  check('history actions', history.map((h) => h.action), ['update', 'update']);
  check('history params', history.map((h) => h.params),
    [['mfa'], ['system_access_token_expiration_in_seconds']]);
  check('history timestamps in IBM form', history.every((h) => IBM_DATE.test(h.timestamp)), true);
  check('history messages are strings', history.every((h) => typeof h.message === 'string'), true);
}

run(main);
