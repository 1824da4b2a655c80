'use strict';
// Drives IBM's Node SDK (@ibm-cloud/platform-services IamPolicyManagementV1 0.83.1, unchanged) through the flow of
// IBM's own policy integration tests (reference ibm-policy-users-resources-api.md §2.7) against a Latchkey server,
// then a custom role's life (create, get, list, assign, replace, delete refused while assigned, delete) and a v2
// policy with time-based conditions (create, get, read through v1, replace, list, delete, a refused rule).
// Input: LATCHKEY_URL, LATCHKEY_APIKEY (a key of an account owner or policy administrator; its identity is the
// subject). Output: one JSON line with what it saw. Exit 1 on any mismatch, 2 on a crash.
// IbmNodeSdkTest runs it.
const assert = require('assert');
const IamPolicyManagementV1 = require('@ibm-cloud/platform-services/iam-policy-management/v1');
const IamIdentityV1 = require('@ibm-cloud/platform-services/iam-identity/v1');
const { IamAuthenticator } = require('ibm-cloud-sdk-core');
const { seen, checkThat, failure, run } = require('./flow-kit');

const url = process.env.LATCHKEY_URL;
const apikey = process.env.LATCHKEY_APIKEY;
const RFC3339_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function main() {
  if (!url || !apikey) {
    throw new Error('set LATCHKEY_URL and LATCHKEY_APIKEY');
  }
  const authenticator = new IamAuthenticator({ apikey, url });
  const policies = new IamPolicyManagementV1({ authenticator, serviceUrl: url });
  const own = await new IamIdentityV1({ authenticator, serviceUrl: url }).getApiKeysDetails({ iamApiKey: apikey });
  const accountId = own.result.account_id;
  const subject = own.result.iam_id;

  const subjects = [{ attributes: [{ name: 'iam_id', value: subject }] }];
  const tagged = [{
    attributes: [{ name: 'accountId', value: accountId, operator: 'stringEquals' },
      { name: 'serviceType', value: 'service', operator: 'stringEquals' }],
    tags: [{ name: 'project', value: 'prototype', operator: 'stringEquals' }],
  }];
  const created = await policies.createPolicy({ type: 'access', subjects, resources: tagged, acceptLanguage: 'en',
    roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Viewer' }] });
  const id = created.result.id;
  seen.created = created.status;
  checkThat('create status', () => assert.strictEqual(created.status, 201));
  checkThat('create subjects', () => assert.deepStrictEqual(created.result.subjects, subjects));
  checkThat('create resources', () => assert.deepStrictEqual(created.result.resources, tagged));
  checkThat('create created_at', () => assert.match(created.result.created_at, RFC3339_MILLIS));
  checkThat('create href', () => assert.strictEqual(created.result.href, `${url}/v1/policies/${id}`));

  const read = await policies.getPolicy({ policyId: id });
  seen.etag = read.headers.etag;
  checkThat('get ETag', () => assert.match(read.headers.etag || '', /^1-[0-9a-f]{32}$/));

  const untagged = [{ attributes: [{ name: 'accountId', value: accountId, operator: 'stringEquals' },
    { name: 'serviceName', value: 'iam-groups', operator: 'stringEquals' }] }];
  const replaced = await policies.replacePolicy({ policyId: id, ifMatch: read.headers.etag, type: 'access', subjects,
    roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Editor' }], resources: untagged });
  checkThat('replace resources (no tags key)', () => assert.deepStrictEqual(replaced.result.resources, untagged));
  checkThat('replace new ETag', () => assert.notStrictEqual(replaced.headers.etag, read.headers.etag));

  const patched = await policies.updatePolicyState({ policyId: id, ifMatch: replaced.headers.etag, state: 'active' });
  checkThat('patch state', () => assert.strictEqual(patched.result.state, 'active'));

  const pager = new IamPolicyManagementV1.PoliciesPager(policies, { accountId, iamId: subject, limit: 1 });
  const listed = await pager.getAll();
  seen.listed = listed.length;
  checkThat('list contains it', () => assert.ok(listed.some((p) => p.id === id)));

  const roles = await policies.listRoles({ accountId, serviceGroupId: 'IAM' });
  checkThat('roles: Viewer', () => assert.ok(roles.result.system_roles.some(
    (r) => r.crn === 'crn:v1:bluemix:public:iam::::role:Viewer')));
  checkThat('roles: ServiceIdCreator', () => assert.ok(roles.result.service_roles.some(
    (r) => r.crn === 'crn:v1:bluemix:public:iam-identity::::serviceRole:ServiceIdCreator')));

  const conflict = await failure(policies.createPolicy({ type: 'access', subjects, resources: untagged,
    roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Viewer' }] }));
  seen.conflict = conflict && conflict.status;
  checkThat('duplicate is 409 naming the policy', () => assert.ok(conflict && conflict.status === 409
    && conflict.message.includes(id)));

  // A custom role of a service of the account's own, assigned, honoured, replaced, refused deletion while assigned
  const role = await policies.createRole({ accountId, name: 'ShelfWriter', displayName: 'Shelf writer',
    serviceName: 'books', actions: ['books.shelf.read', 'books.shelf.write'], description: 'made by the SDK' });
  seen.role_created = role.status;
  checkThat('role crn', () => assert.strictEqual(role.result.crn,
    `crn:v1:bluemix:public:iam-access-management::a/${accountId}::customRole:ShelfWriter`));
  const roleRead = await policies.getRole({ roleId: role.result.id });
  checkThat('role ETag', () => assert.match(roleRead.headers.etag || '', /^1-[0-9a-f]{32}$/));
  const listedRoles = await policies.listRoles({ accountId, serviceName: 'books' });
  checkThat('custom_roles lists it', () => assert.deepStrictEqual(listedRoles.result.custom_roles.map((r) => r.id),
    [role.result.id]));
  const onBooks = [{ attributes: [{ name: 'accountId', value: accountId }, { name: 'serviceName', value: 'books' }] }];
  const assigned = await policies.createPolicy({ type: 'access', subjects, resources: onBooks,
    roles: [{ role_id: role.result.crn }] });
  checkThat('assigned role display name', () => assert.strictEqual(assigned.result.roles[0].display_name,
    'Shelf writer'));
  const replacedRole = await policies.replaceRole({ roleId: role.result.id, ifMatch: roleRead.headers.etag,
    displayName: 'Shelf reader', actions: ['books.shelf.read'] });
  checkThat('role replaced', () => assert.deepStrictEqual(replacedRole.result.actions, ['books.shelf.read']));
  const staleRole = await failure(policies.replaceRole({ roleId: role.result.id, ifMatch: roleRead.headers.etag,
    displayName: 'stale', actions: ['books.shelf.read'] }));
  seen.role_stale = staleRole && staleRole.status;
  const inUse = await failure(policies.deleteRole({ roleId: role.result.id }));
  seen.role_in_use = inUse && inUse.status;
  await policies.deletePolicy({ policyId: assigned.result.id });
  const roleDeleted = await policies.deleteRole({ roleId: role.result.id });
  seen.role_deleted = roleDeleted.status;

  // v2: a policy with IBM's weekly custom-hours conditions, read back through v2 and v1, replaced, listed, deleted
  const weekdays = { operator: 'and', conditions: [
    { key: '{{environment.attributes.day_of_week}}', operator: 'dayOfWeekAnyOf',
      value: ['1+00:00', '2+00:00', '3+00:00', '4+00:00', '5+00:00'] },
    { key: '{{environment.attributes.current_time}}', operator: 'timeGreaterThanOrEquals', value: '09:00:00+00:00' },
    { key: '{{environment.attributes.current_time}}', operator: 'timeLessThanOrEquals', value: '17:00:00+00:00' }] };
  const v2Subject = { attributes: [{ key: 'iam_id', operator: 'stringEquals', value: subject }] };
  const v2Resource = { attributes: [{ key: 'accountId', operator: 'stringEquals', value: accountId },
    { key: 'serviceName', operator: 'stringEquals', value: 'books' },
    { key: 'resource', operator: 'stringEqualsAnyOf', value: ['fiction', 'poetry'] }] };
  const v2 = await policies.createV2Policy({ type: 'access', subject: v2Subject, resource: v2Resource,
    control: { grant: { roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Reader' }] } },
    pattern: 'time-based-conditions:weekly:custom-hours', rule: weekdays, description: 'office hours' });
  seen.v2_created = v2.status;
  checkThat('v2 rule echoed', () => assert.deepStrictEqual(v2.result.rule, weekdays));
  checkThat('v2 resource echoed', () => assert.deepStrictEqual(v2.result.resource, v2Resource));
  const v2Read = await policies.getV2Policy({ id: v2.result.id });
  checkThat('v2 ETag', () => assert.match(v2Read.headers.etag || '', /^1-[0-9a-f]{32}$/));
  const v1View = await policies.getPolicy({ policyId: v2.result.id });
  checkThat('v2 policy readable through v1', () => assert.strictEqual(v1View.result.id, v2.result.id));
  const v2Replaced = await policies.replaceV2Policy({ id: v2.result.id, ifMatch: v2Read.headers.etag,
    type: 'access', subject: v2Subject, resource: v2Resource,
    control: { grant: { roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Writer' }] } },
    pattern: 'time-based-conditions:weekly:all-day',
    rule: { key: '{{environment.attributes.day_of_week}}', operator: 'dayOfWeekAnyOf', value: ['6+00:00', '7+00:00'] } });
  checkThat('v2 replaced', () => assert.strictEqual(v2Replaced.result.pattern, 'time-based-conditions:weekly:all-day'));
  const v2Stale = await failure(policies.replaceV2Policy({ id: v2.result.id, ifMatch: v2Read.headers.etag,
    type: 'access', subject: v2Subject, resource: v2Resource,
    control: { grant: { roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Reader' }] } } }));
  seen.v2_stale = v2Stale && v2Stale.status;
  const v2Listed = await policies.listV2Policies({ accountId, iamId: subject });
  checkThat('v2 list contains it', () => assert.ok(v2Listed.result.policies.some((p) => p.id === v2.result.id)));
  const v2Deleted = await policies.deleteV2Policy({ id: v2.result.id });
  seen.v2_deleted = v2Deleted.status;
  const v2Bad = await failure(policies.createV2Policy({ type: 'access', subject: v2Subject, resource: v2Resource,
    control: { grant: { roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Reader' }] } },
    pattern: 'time-based-conditions:once', rule: weekdays }));
  seen.v2_bad = v2Bad && v2Bad.status;

  const deleted = await policies.deletePolicy({ policyId: id });
  checkThat('delete status', () => assert.strictEqual(deleted.status, 204));
  const gone = await failure(policies.getPolicy({ policyId: id }));
  checkThat('get after delete', () => assert.strictEqual(gone && gone.status, 404));
}

run(main);
