'use strict';
// Drives IBM's Node SDK (@ibm-cloud/platform-services IamIdentityV1, unchanged) through service ID groups against a
// Latchkey server: create, get (Etag), update with If-Match and a stale one refused, list, a duplicate name refused,
// a service ID that names its group (createServiceId/getServiceId/listServiceIds with groupId and showGroupId), the
// group refused on delete while the service ID names it, then deleted (decision 0043).
// Input: LATCHKEY_URL, LATCHKEY_APIKEY (the account owner).
// Output: one JSON line with what it saw. Exit 1 on any mismatch, 2 on a crash.
const IamIdentityV1 = require('@ibm-cloud/platform-services/iam-identity/v1');
const { IamAuthenticator } = require('ibm-cloud-sdk-core');
const { seen, check, failure, run } = require('./flow-kit');

const url = process.env.LATCHKEY_URL;
const apikey = process.env.LATCHKEY_APIKEY;

async function main() {
  if (!url || !apikey) {
    throw new Error('set LATCHKEY_URL and LATCHKEY_APIKEY');
  }
  const iam = new IamIdentityV1({ authenticator: new IamAuthenticator({ apikey, url }), serviceUrl: url });
  const own = await iam.getApiKeysDetails({ iamApiKey: apikey });
  const accountId = own.result.account_id;
  const name = `Node-SDK-ServiceId-Group-${Date.now()}`;

  const created = await iam.createServiceIdGroup({ accountId, name, description: 'NodeSDK ServiceIdGroup desc' });
  const groupId = created.result.id;
  seen.create = { status: created.status, id: groupId, created_by: created.result.created_by,
    fields: Object.keys(created.result) };
  check('create status', created.status, 201);
  check('create name', created.result.name, name);
  check('create account', created.result.account_id, accountId);
  check('create crn', created.result.crn, `crn:v1:bluemix:public:iam-identity::a/${accountId}::serviceidgroup:${groupId}`);

  const read = await iam.getServiceIdGroup({ id: groupId });
  seen.get = { status: read.status, etag: read.headers.etag, entity_tag: read.result.entity_tag };
  check('get status', read.status, 200);
  check('get name', read.result.name, name);
  check('get etag is entity_tag', read.headers.etag, read.result.entity_tag);

  const renamed = `${name}-renamed`;
  const updated = await iam.updateServiceIdGroup({ id: groupId, ifMatch: read.result.entity_tag, name: renamed,
    description: 'This is an updated description' });
  seen.update = { status: updated.status, entity_tag: updated.result.entity_tag };
  check('update status', updated.status, 200);
  check('update name', updated.result.name, renamed);
  check('update description', updated.result.description, 'This is an updated description');
  check('update new entity_tag', updated.result.entity_tag !== read.result.entity_tag, true);
  const stale = await failure(iam.updateServiceIdGroup({ id: groupId, ifMatch: read.result.entity_tag,
    name: `${name}-stale` }));
  seen.update_stale = stale && stale.status;

  const listed = await iam.listServiceIdGroup({ accountId });
  seen.list = { status: listed.status, found: listed.result.serviceid_groups.filter((g) => g.id === groupId).length };
  const duplicate = await failure(iam.createServiceIdGroup({ accountId, name: renamed }));
  seen.duplicate = duplicate && duplicate.status;

  const sid = await iam.createServiceId({ accountId, name: `${name}-member`, groupId, showGroupId: 'true' });
  seen.serviceid = { status: sid.status, group_id: sid.result.group_id };
  check('service ID group', sid.result.group_id, groupId);
  const sidRead = await iam.getServiceId({ id: sid.result.id, showGroupId: 'true' });
  seen.serviceid_get_group_id = sidRead.result.group_id;
  const hidden = await iam.getServiceId({ id: sid.result.id });
  seen.serviceid_get_hidden = hidden.result.group_id === undefined;
  const inGroup = await iam.listServiceIds({ accountId, groupId, showGroupId: 'true', pagesize: 100 });
  seen.serviceid_list = inGroup.result.serviceids.map((s) => ({ id: s.id === sid.result.id, group_id: s.group_id
    === groupId }));

  const inUse = await failure(iam.deleteServiceIdGroup({ id: groupId }));
  seen.delete_in_use = inUse && inUse.status;
  seen.delete_in_use_message = inUse && inUse.message;
  const deletedSid = await iam.deleteServiceId({ id: sid.result.id });
  check('delete service ID', deletedSid.status, 204);
  const deleted = await iam.deleteServiceIdGroup({ id: groupId });
  seen.delete = deleted.status;
  const gone = await failure(iam.getServiceIdGroup({ id: groupId }));
  seen.get_deleted = gone && gone.status;
}

run(main);
