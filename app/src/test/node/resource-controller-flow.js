'use strict';
// Drives IBM's Node SDK (@ibm-cloud/platform-services ResourceControllerV2 0.83.1, unchanged) through the life of a
// service instance and its service credential (a resource key) against a Latchkey server, checking what IBM's own
// Resource Controller integration tests assert (reference ibm-policy-users-resources-api.md §4.5).
// Input: LATCHKEY_URL, LATCHKEY_APIKEY (a key of an account owner). Output: one JSON line with what it saw.
// Exit 1 on any mismatch, 2 on a crash. Run by IbmNodeSdkTest.
const assert = require('assert');
const ResourceControllerV2 = require('@ibm-cloud/platform-services/resource-controller/v2');
const IamIdentityV1 = require('@ibm-cloud/platform-services/iam-identity/v1');
const { IamAuthenticator } = require('ibm-cloud-sdk-core');

const url = process.env.LATCHKEY_URL;
const apikey = process.env.LATCHKEY_APIKEY;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const mismatches = [];
const seen = {};

function check(what, test) {
  try {
    test();
  } catch (err) {
    mismatches.push(`${what}: ${err.message}`);
  }
}

async function failure(promise) {
  try {
    await promise;
    return null;
  } catch (err) {
    return err;
  }
}

function checkSynchronous(what, instance, type) {
  check(`${what} last_operation.type`, () => assert.strictEqual(instance.last_operation.type, type));
  check(`${what} last_operation.state`, () => assert.strictEqual(instance.last_operation.state, 'succeeded'));
  check(`${what} last_operation.async`, () => assert.strictEqual(instance.last_operation.async, false));
}

async function main() {
  if (!url || !apikey) {
    throw new Error('set LATCHKEY_URL and LATCHKEY_APIKEY');
  }
  const authenticator = new IamAuthenticator({ apikey, url });
  const rc = new ResourceControllerV2({ authenticator, serviceUrl: url });
  const own = await new IamIdentityV1({ authenticator, serviceUrl: url }).getApiKeysDetails({ iamApiKey: apikey });
  const accountId = own.result.account_id;
  // IBM's SDK sends no resource_id when creating: Latchkey takes the service from parameters.service_name.
  const service = `sdk-${Date.now().toString(36)}`;
  const create = (name) => rc.createResourceInstance({ name, target: 'global', resourceGroup: 'default',
    resourcePlanId: 'plan-free', parameters: { service_name: service } });

  const created = await create('RcSdkInstance1Node');
  const instance = created.result;
  seen.create_instance = created.status;
  check('create instance status', () => assert.strictEqual(created.status, 201));
  check('instance id is the CRN', () => assert.strictEqual(instance.id, instance.crn));
  check('instance CRN', () => assert.strictEqual(instance.crn,
    `crn:v1:bluemix:public:${service}:global:a/${accountId}:${instance.guid}::`));
  check('instance guid', () => assert.match(instance.guid, UUID));
  check('instance url', () => assert.strictEqual(instance.url, `/v2/resource_instances/${instance.guid}`));
  check('instance echoes', () => assert.deepStrictEqual([instance.name, instance.account_id,
    instance.resource_group_id, instance.resource_plan_id, instance.state],
  ['RcSdkInstance1Node', accountId, 'default', 'plan-free', 'active']));
  check('instance locked', () => assert.strictEqual(instance.locked, false));
  checkSynchronous('create instance', instance, 'create');

  const byGuid = await rc.getResourceInstance({ id: instance.guid });
  check('get instance by guid', () => assert.strictEqual(byGuid.status, 200));
  check('get instance onetime_credentials', () => assert.strictEqual(byGuid.result.onetime_credentials, false));
  const byCrn = await rc.getResourceInstance({ id: instance.crn });
  check('get instance by CRN', () => assert.strictEqual(byCrn.result.guid, instance.guid));

  const updated = await rc.updateResourceInstance({ id: instance.guid, name: 'RcSdkInstanceUpdate1Node',
    parameters: { hello: 'bye' } });
  check('update instance name', () => assert.strictEqual(updated.result.name, 'RcSdkInstanceUpdate1Node'));
  checkSynchronous('update instance', updated.result, 'update');

  const second = (await create('RcSdkInstance2Node')).result;
  const pager = new ResourceControllerV2.ResourceInstancesPager(rc, { resourceId: service, limit: 1 });
  const all = await pager.getAll();
  seen.instances_paged = all.length;
  check('pager visits both instances', () => assert.deepStrictEqual(all.map((i) => i.guid),
    [instance.guid, second.guid]));
  const byName = await rc.listResourceInstances({ name: 'RcSdkInstance2Node', resourceId: service });
  check('list by name', () => assert.strictEqual(byName.result.rows_count, 1));

  const keyCreated = await rc.createResourceKey({ name: 'RcSdkKey1Node', source: instance.guid, role: 'Writer',
    parameters: { parameter1: 'value1' } });
  const key = keyCreated.result;
  seen.create_key = keyCreated.status;
  check('create key status', () => assert.strictEqual(keyCreated.status, 201));
  check('key id is the CRN', () => assert.strictEqual(key.id, key.crn));
  check('key source_crn', () => assert.strictEqual(key.source_crn, instance.crn));
  check('key state', () => assert.strictEqual(key.state, 'active'));
  check('key echoes', () => assert.deepStrictEqual([key.name, key.account_id, key.resource_group_id],
    ['RcSdkKey1Node', accountId, 'default']));
  const credentials = key.credentials || {};
  seen.credentials = Object.keys(credentials).sort();
  check('credentials apikey', () => assert.match(credentials.apikey || '', /^lk_/));
  check('credentials description', () => assert.strictEqual(credentials.iam_apikey_description,
    `Auto-generated for key ${key.crn}`));
  check('credentials role', () => assert.strictEqual(credentials.iam_role_crn,
    'crn:v1:bluemix:public:iam::::serviceRole:Writer'));
  check('credentials service ID', () => assert.match(credentials.iam_serviceid_crn,
    /^crn:v1:bluemix:public:iam-identity::a\/[0-9a-f]{32}::serviceid:ServiceId-/));

  const keyAuthenticator = new IamAuthenticator({ apikey: credentials.apikey, url });
  const keyToken = await keyAuthenticator.tokenManager.getToken();
  seen.key_token = typeof keyToken === 'string' && keyToken.split('.').length === 3;

  const keyRead = await rc.getResourceKey({ id: key.guid });
  check('get key', () => assert.strictEqual(keyRead.status, 200));
  check('get key credentials', () => assert.strictEqual(keyRead.result.credentials.apikey, credentials.apikey));
  check('get key onetime_credentials', () => assert.strictEqual(keyRead.result.onetime_credentials, false));
  const renamed = await rc.updateResourceKey({ id: key.crn, name: 'RcSdkKeyUpdate1Node' });
  check('update key by CRN', () => assert.strictEqual(renamed.result.name, 'RcSdkKeyUpdate1Node'));
  const keysByName = await rc.listResourceKeys({ name: 'RcSdkKeyUpdate1Node', resourceId: service });
  check('list keys by name', () => assert.strictEqual(keysByName.result.rows_count, 1));
  const keysOfInstance = await new ResourceControllerV2.ResourceKeysForInstancePager(rc, { id: instance.guid })
    .getAll();
  check('keys of the instance', () => assert.deepStrictEqual(keysOfInstance.map((k) => k.guid), [key.guid]));

  const locked = await rc.lockResourceInstance({ id: second.guid });
  check('lock', () => assert.strictEqual(locked.result.locked, true));
  checkSynchronous('lock', locked.result, 'lock');
  const lockedDelete = await failure(rc.deleteResourceInstance({ id: second.guid }));
  seen.delete_locked = lockedDelete && lockedDelete.status;
  check('delete a locked instance', () => assert.strictEqual(lockedDelete && lockedDelete.status, 422));
  const unlocked = await rc.unlockResourceInstance({ id: second.guid });
  check('unlock', () => assert.strictEqual(unlocked.result.locked, false));

  const withKeys = await failure(rc.deleteResourceInstance({ id: instance.guid }));
  seen.delete_with_keys = withKeys && withKeys.status;
  check('delete with keys needs recursive', () => assert.strictEqual(withKeys && withKeys.status, 400));
  check('error message reaches the SDK', () => assert.match(withKeys.message, /recursive=true/));

  const keyDeleted = await rc.deleteResourceKey({ id: key.guid });
  seen.delete_key = keyDeleted.status;
  check('delete key', () => assert.strictEqual(keyDeleted.status, 204));
  const removedKey = await rc.getResourceKey({ id: key.guid });
  check('removed key still answers', () => assert.strictEqual(removedKey.result.state, 'removed'));
  const keyAgain = await failure(rc.deleteResourceKey({ id: key.guid }));
  seen.delete_key_again = keyAgain && keyAgain.status;
  check('delete key again', () => assert.strictEqual(keyAgain && keyAgain.status, 410));
  const refused = await failure(new IamAuthenticator({ apikey: credentials.apikey, url }).tokenManager.getToken());
  seen.key_after_delete = refused && refused.message;

  for (const guid of [instance.guid, second.guid]) {
    const deleted = await rc.deleteResourceInstance({ id: guid });
    check('delete instance', () => assert.strictEqual(deleted.status, 204));
  }
  const removed = await rc.getResourceInstance({ id: instance.guid });
  check('removed instance still answers', () => assert.strictEqual(removed.result.state, 'removed'));
  checkSynchronous('delete instance', removed.result, 'delete');
  const again = await failure(rc.deleteResourceInstance({ id: instance.guid }));
  seen.delete_instance_again = again && again.status;
  check('delete instance again', () => assert.strictEqual(again && again.status, 410));

  // The plan catalogue (decision 0045): IBM's SDK may send resource_plan_id alone, and the plan names the service.
  // A built-in plan (IBM Cloud Object Storage's Standard) first, then one registered in the account through
  // Latchkey's own /v2/resource_plans (no IBM SDK has that route; the SDK's token authenticates it).
  const planOnly = (name, resourcePlanId) => rc.createResourceInstance({ name, target: 'global',
    resourceGroup: 'default', resourcePlanId });
  const cos = await planOnly('RcSdkPlanOnlyNode', '744bfc56-d12c-4866-88d5-dac9139e0e5d');
  seen.plan_builtin = { status: cos.status, resource_id: cos.result.resource_id };
  check('built-in plan names its service', () => assert.strictEqual(cos.result.resource_id, 'cloud-object-storage'));
  const planId = `sdk-plan-${Date.now().toString(36)}`;
  const bearer = { Authorization: `Bearer ${await authenticator.tokenManager.getToken()}` };
  const registered = await fetch(`${url}/v2/resource_plans`, { method: 'POST',
    headers: { ...bearer, 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: planId, name: 'Gold', resource_id: service }) });
  check('register a plan', () => assert.strictEqual(registered.status, 201));
  const onPlan = await planOnly('RcSdkPlanOnly2Node', planId);
  seen.plan_only = { status: onPlan.status, resource_id: onPlan.result.resource_id, service,
    resource_plan_id: onPlan.result.resource_plan_id };
  check('registered plan names its service', () => assert.strictEqual(onPlan.result.resource_id, service));
  check('plan only CRN', () => assert.ok(onPlan.result.crn.startsWith(`crn:v1:bluemix:public:${service}:global:`)));
  const moved = await rc.updateResourceInstance({ id: onPlan.result.guid, resourcePlanId: 'plan-free' });
  check('plan change within the service', () => assert.strictEqual(moved.result.resource_plan_id, 'plan-free'));
  check('plan history', () => assert.strictEqual(moved.result.plan_history[0].resource_plan_id, 'plan-free'));
  const unknown = await failure(planOnly('RcSdkPlanOnly3Node', 'no-such-plan'));
  seen.plan_unknown = unknown && unknown.status;
  check('unknown plan alone', () => assert.strictEqual(unknown && unknown.status, 400));
  check('unknown plan message names the field', () => assert.match(unknown.message, /'resource_plan_id'/));
  for (const made of [cos.result, onPlan.result]) {
    await rc.deleteResourceInstance({ id: made.guid });
  }
  const planDeleted = await fetch(`${url}/v2/resource_plans/${planId}`, { method: 'DELETE', headers: bearer });
  seen.plan_deleted = planDeleted.status;

  console.log(JSON.stringify({ ok: mismatches.length === 0, mismatches, seen }));
  process.exit(mismatches.length === 0 ? 0 : 1);
}

main().catch((err) => {
  console.log(JSON.stringify({ ok: false, mismatches, seen, crash: String(err && (err.stack || err.message)) }));
  process.exit(2);
});
