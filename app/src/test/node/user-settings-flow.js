'use strict';
// Drives IBM's Node SDK (@ibm-cloud/platform-services UserManagementV1, unchanged) through every user settings and
// profile route against a Latchkey server (decision 0044): getUserSettings and updateUserSettings (IBM's own
// integration-test values, then a list that admits the client), the member's token refused from a disallowed
// address and issued from an allowed one, self-service under self_manage, getUserProfile and updateUserProfile
// (as IBM's integration test sends it: names, state and e-mail unchanged), listUsers with includeSettings, and a bad
// field refused.
// Input: LATCHKEY_URL, LATCHKEY_APIKEY (the account owner), LATCHKEY_APIKEY_2 (a plain member of the same account).
// Output: one JSON line with what it saw. Exit 1 on any mismatch, 2 on a crash.
const UserManagementV1 = require('@ibm-cloud/platform-services/user-management/v1');
const IamIdentityV1 = require('@ibm-cloud/platform-services/iam-identity/v1');
const { IamAuthenticator } = require('ibm-cloud-sdk-core');
const { seen, check, failure, run } = require('./flow-kit');

const url = process.env.LATCHKEY_URL;

// A fresh authenticator each time: it caches its token, and the point is to ask for a new one.
function users(key) {
  return new UserManagementV1({ authenticator: new IamAuthenticator({ apikey: key, url }), serviceUrl: url });
}

function identity(key) {
  return new IamIdentityV1({ authenticator: new IamAuthenticator({ apikey: key, url }), serviceUrl: url });
}

async function main() {
  const ownerKey = process.env.LATCHKEY_APIKEY;
  const memberKey = process.env.LATCHKEY_APIKEY_2;
  if (!url || !ownerKey || !memberKey) {
    throw new Error('set LATCHKEY_URL, LATCHKEY_APIKEY and LATCHKEY_APIKEY_2');
  }
  const accountId = (await identity(ownerKey).getApiKeysDetails({ iamApiKey: ownerKey })).result.account_id;
  const memberDetails = (await identity(memberKey).getApiKeysDetails({ iamApiKey: memberKey })).result;
  check('member in the account', memberDetails.account_id, accountId);
  const iamId = memberDetails.iam_id;
  const owner = users(ownerKey);

  // settings: IBM's defaults, IBM's integration-test update, read back
  const defaults = await owner.getUserSettings({ accountId, iamId });
  seen.get_settings = defaults.status;
  check('default settings', defaults.result, { language: '', notification_language: '',
    allowed_ip_addresses: '', self_manage: false });
  const updated = await owner.updateUserSettings({ accountId, iamId, language: 'fr', notificationLanguage: 'fr',
    allowedIpAddresses: '32.96.110.50,172.16.254.1', selfManage: true });
  seen.update_settings = updated.status;
  check('settings read back', (await owner.getUserSettings({ accountId, iamId })).result, { language: 'fr',
    notification_language: 'fr', allowed_ip_addresses: '32.96.110.50,172.16.254.1', self_manage: true });

  // the member's own list admits neither 127.0.0.1 nor anything near: their token is refused
  const refused = await failure(users(memberKey).getUserSettings({ accountId, iamId }));
  seen.refused = refused && { status: refused.status, message: refused.message };
  check('refused from a disallowed address', refused && refused.status, 400);
  check('the refusal names the address', Boolean(refused && /127\.0\.0\.1/.test(refused.message)), true);

  await owner.updateUserSettings({ accountId, iamId, allowedIpAddresses: '127.0.0.1' });
  const allowed = await users(memberKey).getUserSettings({ accountId, iamId });
  seen.allowed = allowed.status;
  check('own settings with a token from an allowed address', allowed.result.allowed_ip_addresses, '127.0.0.1');

  // self-service: self_manage is on, so the member changes their own list, but never self_manage
  const member = users(memberKey);
  const own = await member.updateUserSettings({ accountId, iamId, language: 'de',
    allowedIpAddresses: '127.0.0.0/8, 10.0.0.0/8' });
  seen.self_update = own.status;
  const selfManage = await failure(member.updateUserSettings({ accountId, iamId, selfManage: false }));
  seen.self_manage_refused = selfManage && selfManage.status;

  // profile: get, IBM's integration-test update (names, state and e-mail unchanged), and phone numbers
  const profile = await owner.getUserProfile({ accountId, iamId });
  seen.get_profile = profile.status;
  check('profile id is the IAM ID', profile.result.iam_id, iamId);
  const changed = await owner.updateUserProfile({ accountId, iamId, firstname: 'John', lastname: 'Doe',
    state: 'ACTIVE', email: profile.result.email, phonenumber: '+1 555 0100', altphonenumber: '+1 555 0199',
    photo: 'https://example.com/john.png' });
  seen.update_profile = changed.status;
  const selfProfile = await member.updateUserProfile({ accountId, iamId, lastname: 'Doe-Smith' });
  seen.self_profile = selfProfile.status;
  const after = (await owner.getUserProfile({ accountId, iamId })).result;
  check('profile read back', [after.firstname, after.lastname, after.state, after.email, after.phonenumber,
    after.altphonenumber, after.photo], ['John', 'Doe-Smith', 'ACTIVE', profile.result.email, '+1 555 0100',
    '+1 555 0199', 'https://example.com/john.png']);

  // listUsers with includeSettings, walked with IBM's pager
  const all = await new UserManagementV1.UsersPager(owner, { accountId, includeSettings: true, limit: 1 }).getAll();
  const listed = all.find((u) => u.iam_id === iamId);
  seen.listed = listed && { language: listed.language, allowed_ip_addresses: listed.allowed_ip_addresses,
    self_manage: listed.self_manage, firstname: listed.firstname };
  check('listed with its settings', seen.listed, { language: 'de', allowed_ip_addresses: '127.0.0.0/8, 10.0.0.0/8',
    self_manage: true, firstname: 'John' });
  seen.listed_count = all.length;

  const bad = await failure(owner.updateUserSettings({ accountId, iamId, language: 'not a language' }));
  seen.bad = bad && bad.status;
  seen.bad_message = bad && bad.message;
  const badEmail = await failure(owner.updateUserProfile({ accountId, iamId, email: 'someone.else@example.com' }));
  seen.bad_email = badEmail && badEmail.status;
}

run(main);
