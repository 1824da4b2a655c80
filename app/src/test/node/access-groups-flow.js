'use strict';
// Drives IBM's Node SDK (@ibm-cloud/platform-services IamAccessGroupsV2 and IamPolicyManagementV1 0.83.1, unchanged)
// through every access group route Latchkey serves: groups, members, a group as a policy's subject, the account's
// group settings, and the 501 of dynamic rules. Input: LATCHKEY_URL, LATCHKEY_APIKEY (the account owner's key),
// LATCHKEY_MEMBER_APIKEY (a plain member's key). Output: one JSON line with what it saw. Exit 1 on any mismatch,
// 2 on a crash.
const assert = require('assert');
const IamAccessGroupsV2 = require('@ibm-cloud/platform-services/iam-access-groups/v2');
const IamPolicyManagementV1 = require('@ibm-cloud/platform-services/iam-policy-management/v1');
const IamIdentityV1 = require('@ibm-cloud/platform-services/iam-identity/v1');
const { IamAuthenticator } = require('ibm-cloud-sdk-core');
const { seen, checkThat, failure, run } = require('./flow-kit');

const url = process.env.LATCHKEY_URL;
const apikey = process.env.LATCHKEY_APIKEY;
const memberApikey = process.env.LATCHKEY_MEMBER_APIKEY;

async function main() {
  if (!url || !apikey || !memberApikey) {
    throw new Error('set LATCHKEY_URL, LATCHKEY_APIKEY and LATCHKEY_MEMBER_APIKEY');
  }
  const authenticator = new IamAuthenticator({ apikey, url });
  const groups = new IamAccessGroupsV2({ authenticator, serviceUrl: url });
  const policies = new IamPolicyManagementV1({ authenticator, serviceUrl: url });
  const identity = new IamIdentityV1({ authenticator, serviceUrl: url });
  const accountId = (await identity.getApiKeysDetails({ iamApiKey: apikey })).result.account_id;
  const memberIamId = (await identity.getApiKeysDetails({ iamApiKey: memberApikey })).result.iam_id;
  const memberIdentity = new IamIdentityV1({
    authenticator: new IamAuthenticator({ apikey: memberApikey, url }), serviceUrl: url });

  const created = await groups.createAccessGroup({ accountId, name: 'SDK readers', description: 'made by the SDK' });
  const groupId = created.result.id;
  seen.create = created.status;
  checkThat('create status', () => assert.strictEqual(created.status, 201));
  checkThat('create id', () => assert.match(groupId, /^AccessGroupId-/));

  const read = await groups.getAccessGroup({ accessGroupId: groupId, showFederated: true });
  seen.etag = read.headers.etag;
  checkThat('get ETag', () => assert.match(read.headers.etag || '', /^1-[0-9a-f]{32}$/));
  checkThat('get is_federated', () => assert.strictEqual(read.result.is_federated, false));

  const updated = await groups.updateAccessGroup({ accessGroupId: groupId, ifMatch: read.headers.etag,
    name: 'SDK key readers' });
  checkThat('update name', () => assert.strictEqual(updated.result.name, 'SDK key readers'));
  const stale = await failure(groups.updateAccessGroup({ accessGroupId: groupId, ifMatch: read.headers.etag,
    name: 'stale' }));
  seen.update_stale = stale && stale.status;

  const second = (await groups.createAccessGroup({ accountId, name: 'SDK second' })).result.id;
  const pager = new IamAccessGroupsV2.AccessGroupsPager(groups, { accountId, limit: 1 });
  const all = await pager.getAll();
  seen.listed = all.length;
  checkThat('pager found both', () => assert.ok([groupId, second].every((id) => all.some((g) => g.id === id))));

  // a group as a policy's subject: the member may list the account's keys once in the group
  const policy = await policies.createPolicy({ type: 'access',
    subjects: [{ attributes: [{ name: 'access_group_id', value: groupId }] }],
    roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Administrator' }],
    resources: [{ attributes: [{ name: 'accountId', value: accountId }, { name: 'serviceName',
      value: 'iam-identity' }] }] });
  seen.policy = policy.status;
  checkThat('policy subject', () => assert.deepStrictEqual(policy.result.subjects,
    [{ attributes: [{ name: 'access_group_id', value: groupId }] }]));
  const listed = await policies.listPolicies({ accountId, accessGroupId: groupId });
  checkThat('policies of the group', () => assert.deepStrictEqual(listed.result.policies.map((p) => p.id),
    [policy.result.id]));
  const before = await failure(memberIdentity.listApiKeys({ accountId, scope: 'account' }));
  seen.member_before = before && before.status;

  const added = await groups.addMembersToAccessGroup({ accessGroupId: groupId,
    members: [{ iam_id: memberIamId, type: 'user' }] });
  seen.add = added.status;
  checkThat('add member outcome', () => assert.strictEqual(added.result.members[0].status_code, 200));
  const after = await memberIdentity.listApiKeys({ accountId, scope: 'account' });
  seen.member_after = after.status;

  const isMember = await groups.isMemberOfAccessGroup({ accessGroupId: groupId, iamId: memberIamId });
  seen.is_member = isMember.status;
  const memberPager = new IamAccessGroupsV2.AccessGroupMembersPager(groups, { accessGroupId: groupId,
    verbose: true, limit: 1 });
  const members = await memberPager.getAll();
  checkThat('members', () => assert.deepStrictEqual(members.map((m) => m.iam_id), [memberIamId]));
  checkThat('verbose name', () => assert.ok(members[0].email && members[0].email.includes('@')));

  const multi = await groups.addMemberToMultipleAccessGroups({ accountId, iamId: memberIamId, type: 'user',
    groups: [second] });
  seen.add_multi = multi.status;
  checkThat('multi outcome', () => assert.strictEqual(multi.result.groups[0].status_code, 200));

  const removed = await groups.removeMemberFromAccessGroup({ accessGroupId: groupId, iamId: memberIamId });
  seen.remove = removed.status;
  const refused = await failure(memberIdentity.listApiKeys({ accountId, scope: 'account' }));
  seen.member_removed = refused && refused.status;
  const notMember = await failure(groups.isMemberOfAccessGroup({ accessGroupId: groupId, iamId: memberIamId }));
  seen.is_member_after = notMember && notMember.status;

  await groups.addMembersToAccessGroup({ accessGroupId: groupId, members: [{ iam_id: memberIamId, type: 'user' }] });
  const bulk = await groups.removeMembersFromAccessGroup({ accessGroupId: groupId, members: [memberIamId] });
  seen.remove_bulk = bulk.status;
  checkThat('bulk outcome', () => assert.strictEqual(bulk.result.members[0].status_code, 204));
  const everywhere = await groups.removeMemberFromAllAccessGroups({ accountId, iamId: memberIamId });
  seen.remove_all = everywhere.status;
  checkThat('removed from the second', () => assert.deepStrictEqual(
    everywhere.result.groups.map((g) => g.access_group_id), [second]));

  const settings = await groups.getAccountSettings({ accountId });
  checkThat('settings default', () => assert.strictEqual(settings.result.public_access_enabled, true));
  const changed = await groups.updateAccountSettings({ accountId, publicAccessEnabled: false });
  checkThat('settings changed', () => assert.strictEqual(changed.result.public_access_enabled, false));
  await groups.updateAccountSettings({ accountId, publicAccessEnabled: true });

  const rule = await failure(groups.addAccessGroupRule({ accessGroupId: groupId, expiration: 12,
    realmName: 'https://idp.example.com', conditions: [{ claim: 'team', operator: 'EQUALS', value: 'a' }] }));
  seen.rule = rule && rule.status;
  checkThat('rule message', () => assert.ok(rule && rule.message.includes('Dynamic rules')));

  await groups.addMembersToAccessGroup({ accessGroupId: groupId, members: [{ iam_id: memberIamId, type: 'user' }] });
  const unforced = await failure(groups.deleteAccessGroup({ accessGroupId: groupId }));
  seen.delete_unforced = unforced && unforced.status;
  const deleted = await groups.deleteAccessGroup({ accessGroupId: groupId, force: true });
  seen.delete = deleted.status;
  await groups.deleteAccessGroup({ accessGroupId: second });
  const gone = await failure(groups.getAccessGroup({ accessGroupId: groupId }));
  seen.get_deleted = gone && gone.status;
  const policyGone = await failure(policies.getPolicy({ policyId: policy.result.id }));
  seen.policy_after_delete = policyGone && policyGone.status;
}

run(main);
