'use strict';
// Drives IBM's Node SDK (@ibm-cloud/platform-services IamIdentityV1 with ibm-cloud-sdk-core's IamAuthenticator)
// through the API key lifecycle against a Latchkey server, checking what IBM's own tests rely on (reference §2).
// Input: LATCHKEY_URL, LATCHKEY_APIKEY. Output: one JSON line with what it saw. Exit 1 on any mismatch, 2 on a crash.
const IamIdentityV1 = require('@ibm-cloud/platform-services/iam-identity/v1');
const { IamAuthenticator, getQueryParam } = require('ibm-cloud-sdk-core');
const { seen, check, failure, run } = require('./flow-kit');

const url = process.env.LATCHKEY_URL;
const apikey = process.env.LATCHKEY_APIKEY;
const IBM_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+0000$/;

function service(key) {
  return new IamIdentityV1({ authenticator: new IamAuthenticator({ apikey: key, url }), serviceUrl: url });
}

async function main() {
  if (!url || !apikey) {
    throw new Error('set LATCHKEY_URL and LATCHKEY_APIKEY');
  }
  const iam = service(apikey);

  const own = await iam.getApiKeysDetails({ iamApiKey: apikey });
  const iamId = own.result.iam_id;
  seen.details = { status: own.status, iam_id: iamId };
  check('details status', own.status, 200);

  const created = await iam.createApiKey({ name: 'node-sdk-key', iamId, description: 'made by IbmNodeSdkTest' });
  const id = created.result.id;
  seen.create = { status: created.status, id, has_apikey: typeof created.result.apikey === 'string' };
  check('create status', created.status, 201);
  check('create returns the value', seen.create.has_apikey, true);

  const got = await iam.getApiKey({ id, includeHistory: true });
  const key = got.result;
  seen.get = {
    status: got.status, etag: got.headers.etag, entity_tag: key.entity_tag, locked: key.locked,
    disabled: key.disabled, support_sessions: key.support_sessions, action_when_leaked: key.action_when_leaked,
    created_by: key.created_by, crn: key.crn, created_at: key.created_at, history: (key.history || []).length,
  };
  check('get status', got.status, 200);
  check('Etag header equals entity_tag', got.headers.etag, key.entity_tag);
  check('locked', key.locked, false);
  check('disabled', key.disabled, false);
  check('support_sessions', key.support_sessions, false);
  check('action_when_leaked', key.action_when_leaked, 'none');
  check('created_by', key.created_by, iamId);
  check('crn ends with id', typeof key.crn === 'string' && key.crn.endsWith(`::apikey:${id}`), true);
  check('created_at in IBM format', IBM_DATE.test(key.created_at), true);
  check('history present', seen.get.history > 0, true);

  const list = await iam.listApiKeys({ pagesize: 100 });
  seen.list = { status: list.status, limit: list.result.limit, contains: list.result.apikeys.some((k) => k.id === id) };
  check('list limit', list.result.limit, 100);
  check('list contains the new key', seen.list.contains, true);

  const paged = [];
  let pagetoken;
  for (let pages = 0; pages < 50; pages += 1) {
    const page = await iam.listApiKeys({ pagesize: 1, pagetoken });
    paged.push(...page.result.apikeys.map((k) => k.id));
    pagetoken = page.result.next ? getQueryParam(page.result.next, 'pagetoken') : undefined;
    if (!pagetoken) break;
  }
  seen.paging = { pages: paged.length, all: list.result.apikeys.length };
  check('paging with pagesize 1 visits every key', JSON.stringify([...paged].sort()),
    JSON.stringify(list.result.apikeys.map((k) => k.id).sort()));

  const updated = await iam.updateApiKey({ id, ifMatch: got.headers.etag, name: 'node-sdk-key-renamed',
    description: 'renamed' });
  seen.update = { status: updated.status, name: updated.result.name,
    new_entity_tag: updated.result.entity_tag !== key.entity_tag };
  check('update status', updated.status, 200);
  check('update name', updated.result.name, 'node-sdk-key-renamed');
  check('update changes entity_tag', seen.update.new_entity_tag, true);

  const stale = await failure(iam.updateApiKey({ id, ifMatch: got.headers.etag, name: 'stale' }));
  seen.update_stale = stale && stale.status;
  check('update with stale If-Match', seen.update_stale, 409);

  seen.lock = (await iam.lockApiKey({ id })).status;
  seen.locked = (await iam.getApiKey({ id })).result.locked;
  seen.unlock = (await iam.unlockApiKey({ id })).status;
  seen.unlocked = (await iam.getApiKey({ id })).result.locked;
  check('lock status', seen.lock, 204);
  check('locked after lock', seen.locked, true);
  check('unlock status', seen.unlock, 204);
  check('locked after unlock', seen.unlocked, false);

  seen.disable = (await iam.disableApiKey({ id })).status;
  seen.disabled = (await iam.getApiKey({ id })).result.disabled;
  seen.enable = (await iam.enableApiKey({ id })).status;
  seen.enabled = !(await iam.getApiKey({ id })).result.disabled;
  check('disable status', seen.disable, 204);
  check('disabled after disable', seen.disabled, true);
  check('enable status', seen.enable, 204);
  check('enabled after enable', seen.enabled, true);

  // The key made above never authenticated: an inactive-identities report lists it, as IBM's Report.
  const accountId = own.result.account_id;
  const triggered = await iam.createReport({ accountId, type: 'inactive', duration: '720' });
  const reference = triggered.result.reference;
  const report = await iam.getReport({ accountId, reference });
  const latest = await iam.getReport({ accountId, reference: 'latest' });
  const listed = (report.result.apikeys || []).find((k) => k.id === id);
  seen.report = { create: triggered.status, get: report.status, latest: latest.result.reference,
    duration: report.result.report_duration, listed: listed && { type: listed.type, user: listed.user.iam_id,
      has_last_authn: 'last_authn' in listed } };
  check('createReport status', triggered.status, 202);
  check('getReport status', report.status, 200);
  check('report reference', report.result.reference, reference);
  check('latest is the new report', latest.result.reference, reference);
  check('report created_by', report.result.created_by, iamId);
  check('report_duration', report.result.report_duration, '720');
  check('report times in IBM format', IBM_DATE.test(report.result.report_start_time)
    && IBM_DATE.test(report.result.report_end_time), true);
  check('the unused key is inactive', JSON.stringify(seen.report.listed),
    JSON.stringify({ type: 'user', user: iamId, has_last_authn: false }));
  const badDuration = await failure(iam.createReport({ accountId, duration: '30d' }));
  seen.report.bad_duration = badDuration && badDuration.status;
  check('createReport with a bad duration', seen.report.bad_duration, 400);

  seen.delete = (await iam.deleteApiKey({ id })).status;
  check('delete status', seen.delete, 204);
  const gone = await failure(iam.getApiKey({ id }));
  seen.get_deleted = gone && { status: gone.status, message: gone.message };
  check('get after delete', gone && gone.status, 404);
  check('404 message is errors[0].message', gone && gone.message,
    gone && gone.body && JSON.parse(gone.body).errors[0].message);

  const wrong = await failure(service(`no-such-key-${Date.now()}-0123456789abcdef`).listApiKeys({}));
  seen.wrong_key = wrong && { status: wrong.status, message: wrong.message };
  check('token with an unknown key', wrong && wrong.status, 400);
  check('token error message', wrong && wrong.message, 'Provided API key could not be found.');
}

run(main);
