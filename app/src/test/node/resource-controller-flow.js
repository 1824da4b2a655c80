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
const { seen, checkThat, failure, run } = require('./flow-kit');

const url = process.env.LATCHKEY_URL;
const apikey = process.env.LATCHKEY_APIKEY;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function checkSynchronous(what, instance, type) {
  checkThat(`${what} last_operation.type`, () => assert.strictEqual(instance.last_operation.type, type));
  checkThat(`${what} last_operation.state`, () => assert.strictEqual(instance.last_operation.state, 'succeeded'));
  checkThat(`${what} last_operation.async`, () => assert.strictEqual(instance.last_operation.async, false));
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
  checkThat('create instance status', () => assert.strictEqual(created.status, 201));
  checkThat('instance id is the CRN', () => assert.strictEqual(instance.id, instance.crn));
  checkThat('instance CRN', () => assert.strictEqual(instance.crn,
    `crn:v1:bluemix:public:${service}:global:a/${accountId}:${instance.guid}::`));
  checkThat('instance guid', () => assert.match(instance.guid, UUID));
  checkThat('instance url', () => assert.strictEqual(instance.url, `/v2/resource_instances/${instance.guid}`));
  checkThat('instance echoes', () => assert.deepStrictEqual([instance.name, instance.account_id,
    instance.resource_group_id, instance.resource_plan_id, instance.state],
  ['RcSdkInstance1Node', accountId, 'default', 'plan-free', 'active']));
  checkThat('instance locked', () => assert.strictEqual(instance.locked, false));
  checkSynchronous('create instance', instance, 'create');

  const byGuid = await rc.getResourceInstance({ id: instance.guid });
  checkThat('get instance by guid', () => assert.strictEqual(byGuid.status, 200));
  checkThat('get instance onetime_credentials', () => assert.strictEqual(byGuid.result.onetime_credentials, false));
  const byCrn = await rc.getResourceInstance({ id: instance.crn });
  checkThat('get instance by CRN', () => assert.strictEqual(byCrn.result.guid, instance.guid));

  const updated = await rc.updateResourceInstance({ id: instance.guid, name: 'RcSdkInstanceUpdate1Node',
    parameters: { hello: 'bye' } });
  checkThat('update instance name', () => assert.strictEqual(updated.result.name, 'RcSdkInstanceUpdate1Node'));
  checkSynchronous('update instance', updated.result, 'update');

  const second = (await create('RcSdkInstance2Node')).result;
  const pager = new ResourceControllerV2.ResourceInstancesPager(rc, { resourceId: service, limit: 1 });
  const all = await pager.getAll();
  seen.instances_paged = all.length;
  checkThat('pager visits both instances', () => assert.deepStrictEqual(all.map((i) => i.guid),
    [instance.guid, second.guid]));
  const byName = await rc.listResourceInstances({ name: 'RcSdkInstance2Node', resourceId: service });
  checkThat('list by name', () => assert.strictEqual(byName.result.rows_count, 1));

  const keyCreated = await rc.createResourceKey({ name: 'RcSdkKey1Node', source: instance.guid, role: 'Writer',
    parameters: { parameter1: 'value1' } });
  const key = keyCreated.result;
  seen.create_key = keyCreated.status;
  checkThat('create key status', () => assert.strictEqual(keyCreated.status, 201));
  checkThat('key id is the CRN', () => assert.strictEqual(key.id, key.crn));
  checkThat('key source_crn', () => assert.strictEqual(key.source_crn, instance.crn));
  checkThat('key state', () => assert.strictEqual(key.state, 'active'));
  checkThat('key echoes', () => assert.deepStrictEqual([key.name, key.account_id, key.resource_group_id],
    ['RcSdkKey1Node', accountId, 'default']));
  const credentials = key.credentials || {};
  seen.credentials = Object.keys(credentials).sort();
  checkThat('credentials apikey', () => assert.match(credentials.apikey || '', /^lk_/));
  checkThat('credentials description', () => assert.strictEqual(credentials.iam_apikey_description,
    `Auto-generated for key ${key.crn}`));
  checkThat('credentials role', () => assert.strictEqual(credentials.iam_role_crn,
    'crn:v1:bluemix:public:iam::::serviceRole:Writer'));
  checkThat('credentials service ID', () => assert.match(credentials.iam_serviceid_crn,
    /^crn:v1:bluemix:public:iam-identity::a\/[0-9a-f]{32}::serviceid:ServiceId-/));

  const keyAuthenticator = new IamAuthenticator({ apikey: credentials.apikey, url });
  const keyToken = await keyAuthenticator.tokenManager.getToken();
  seen.key_token = typeof keyToken === 'string' && keyToken.split('.').length === 3;

  const keyRead = await rc.getResourceKey({ id: key.guid });
  checkThat('get key', () => assert.strictEqual(keyRead.status, 200));
  checkThat('get key credentials', () => assert.strictEqual(keyRead.result.credentials.apikey, credentials.apikey));
  checkThat('get key onetime_credentials', () => assert.strictEqual(keyRead.result.onetime_credentials, false));
  const renamed = await rc.updateResourceKey({ id: key.crn, name: 'RcSdkKeyUpdate1Node' });
  checkThat('update key by CRN', () => assert.strictEqual(renamed.result.name, 'RcSdkKeyUpdate1Node'));
  const keysByName = await rc.listResourceKeys({ name: 'RcSdkKeyUpdate1Node', resourceId: service });
  checkThat('list keys by name', () => assert.strictEqual(keysByName.result.rows_count, 1));
  const keysOfInstance = await new ResourceControllerV2.ResourceKeysForInstancePager(rc, { id: instance.guid })
    .getAll();
  checkThat('keys of the instance', () => assert.deepStrictEqual(keysOfInstance.map((k) => k.guid), [key.guid]));

  const locked = await rc.lockResourceInstance({ id: second.guid });
  checkThat('lock', () => assert.strictEqual(locked.result.locked, true));
  checkSynchronous('lock', locked.result, 'lock');
  const lockedDelete = await failure(rc.deleteResourceInstance({ id: second.guid }));
  seen.delete_locked = lockedDelete && lockedDelete.status;
  checkThat('delete a locked instance', () => assert.strictEqual(lockedDelete && lockedDelete.status, 422));
  const unlocked = await rc.unlockResourceInstance({ id: second.guid });
  checkThat('unlock', () => assert.strictEqual(unlocked.result.locked, false));

  const withKeys = await failure(rc.deleteResourceInstance({ id: instance.guid }));
  seen.delete_with_keys = withKeys && withKeys.status;
  checkThat('delete with keys needs recursive', () => assert.strictEqual(withKeys && withKeys.status, 400));
  checkThat('error message reaches the SDK', () => assert.match(withKeys.message, /recursive=true/));

  const keyDeleted = await rc.deleteResourceKey({ id: key.guid });
  seen.delete_key = keyDeleted.status;
  checkThat('delete key', () => assert.strictEqual(keyDeleted.status, 204));
  const removedKey = await rc.getResourceKey({ id: key.guid });
  checkThat('removed key still answers', () => assert.strictEqual(removedKey.result.state, 'removed'));
  const keyAgain = await failure(rc.deleteResourceKey({ id: key.guid }));
  seen.delete_key_again = keyAgain && keyAgain.status;
  checkThat('delete key again', () => assert.strictEqual(keyAgain && keyAgain.status, 410));
  const refused = await failure(new IamAuthenticator({ apikey: credentials.apikey, url }).tokenManager.getToken());
  seen.key_after_delete = refused && refused.message;

  for (const guid of [instance.guid, second.guid]) {
    const deleted = await rc.deleteResourceInstance({ id: guid });
    checkThat('delete instance', () => assert.strictEqual(deleted.status, 204));
  }
  const removed = await rc.getResourceInstance({ id: instance.guid });
  checkThat('removed instance still answers', () => assert.strictEqual(removed.result.state, 'removed'));
  checkSynchronous('delete instance', removed.result, 'delete');
  const again = await failure(rc.deleteResourceInstance({ id: instance.guid }));
  seen.delete_instance_again = again && again.status;
  checkThat('delete instance again', () => assert.strictEqual(again && again.status, 410));

  // The plan catalogue (decision 0045): IBM's SDK may send resource_plan_id alone, and the plan names the service.
  // A built-in plan (IBM Cloud Object Storage's Standard) first, then one registered in the account through
  // Latchkey's own /v2/resource_plans (no IBM SDK has that route; the SDK's token authenticates it).
  const planOnly = (name, resourcePlanId) => rc.createResourceInstance({ name, target: 'global',
    resourceGroup: 'default', resourcePlanId });
  const cos = await planOnly('RcSdkPlanOnlyNode', '744bfc56-d12c-4866-88d5-dac9139e0e5d');
  seen.plan_builtin = { status: cos.status, resource_id: cos.result.resource_id };
  checkThat('built-in plan names its service', () => assert.strictEqual(cos.result.resource_id, 'cloud-object-storage'));
  const planId = `sdk-plan-${Date.now().toString(36)}`;
  const bearer = { Authorization: `Bearer ${await authenticator.tokenManager.getToken()}` };
  const registered = await fetch(`${url}/v2/resource_plans`, { method: 'POST',
    headers: { ...bearer, 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: planId, name: 'Gold', resource_id: service }) });
  checkThat('register a plan', () => assert.strictEqual(registered.status, 201));
  const onPlan = await planOnly('RcSdkPlanOnly2Node', planId);
  seen.plan_only = { status: onPlan.status, resource_id: onPlan.result.resource_id, service,
    resource_plan_id: onPlan.result.resource_plan_id };
  checkThat('registered plan names its service', () => assert.strictEqual(onPlan.result.resource_id, service));
  checkThat('plan only CRN', () => assert.ok(onPlan.result.crn.startsWith(`crn:v1:bluemix:public:${service}:global:`)));
  const moved = await rc.updateResourceInstance({ id: onPlan.result.guid, resourcePlanId: 'plan-free' });
  checkThat('plan change within the service', () => assert.strictEqual(moved.result.resource_plan_id, 'plan-free'));
  checkThat('plan history', () => assert.strictEqual(moved.result.plan_history[0].resource_plan_id, 'plan-free'));
  const unknown = await failure(planOnly('RcSdkPlanOnly3Node', 'no-such-plan'));
  seen.plan_unknown = unknown && unknown.status;
  checkThat('unknown plan alone', () => assert.strictEqual(unknown && unknown.status, 400));
  checkThat('unknown plan message names the field', () => assert.match(unknown.message, /'resource_plan_id'/));
  for (const made of [cos.result, onPlan.result]) {
    await rc.deleteResourceInstance({ id: made.guid });
  }
  const planDeleted = await fetch(`${url}/v2/resource_plans/${planId}`, { method: 'DELETE', headers: bearer });
  seen.plan_deleted = planDeleted.status;
}

run(main);
