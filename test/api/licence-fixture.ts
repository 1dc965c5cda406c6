// The world of the e-licence tests: the licence types of the catalog, an issuing department with a
// sub-unit and a sibling, staff of the roles that matter, holders, department systems with Bearer
// tokens, and an applicant signed in to the portal.
import { randomBytes, randomUUID } from 'node:crypto';
import type { AppDeps } from '../../src/app.js';
import type { Database } from '../../src/db/database.js';
import { identityCheckCharacter } from '../../src/lib/identity-number.js';
import type { Clock } from '../../src/lib/clock.js';
import { sensitiveColumns } from '../../src/lib/sm-crypto.js';
import { createApplicantSession } from '../../src/modules/applicants/service.js';
import { DEFAULT_LICENCE_TYPES } from '../../src/modules/catalog/licence-types.js';
import type { MachineScope } from '../../src/modules/identity/permissions.js';
import { issueLicence, type IssueLicenceInput } from '../../src/modules/licences/service.js';
import { payloadKey } from '../../src/modules/oidc/adapter.js';
import { makeImplementingOrg, makeUser } from '../factories.js';
import type { TestApp } from '../helpers.js';

export const BUSINESS_LICENCE = DEFAULT_LICENCE_TYPES.find((t) => t.name === '营业执照')!.code;
export const FOOD_LICENCE = DEFAULT_LICENCE_TYPES.find((t) => t.name === '食品经营许可证')!.code;
export const DRIVING_LICENCE = DEFAULT_LICENCE_TYPES.find((t) => t.name === '机动车驾驶证')!.code;

/** A valid resident ID number of someone born 1990-01-01 in 乌兰浩特市, by sequence. */
export function idNumber(seq: number): string {
  const first17 = `15220119900101${String(seq).padStart(3, '0')}`;
  return first17 + identityCheckCharacter(first17);
}

export async function licenceWorld(t: TestApp) {
  await t.db
    .insertInto('licence_types')
    .values(DEFAULT_LICENCE_TYPES.map((l) => ({ code: l.code, name: l.name, issuing_department: l.issuingDepartment, shareable: true })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const gov = await makeImplementingOrg(t.db, { kind: 'government', name: '兴安盟行政公署' });
  const own = await makeImplementingOrg(t.db, { kind: 'department', parentId: gov.id, name: '兴安盟市场监督管理局' });
  const child = await makeImplementingOrg(t.db, { kind: 'department', parentId: own.id, name: '乌兰浩特市市场监督管理局' });
  const other = await makeImplementingOrg(t.db, { kind: 'department', parentId: gov.id, name: '兴安盟交通运输局' });
  const staff = {
    decider: (await makeUser(t.db, own.id, ['decider'])).id,
    deptAdmin: (await makeUser(t.db, own.id, ['dept-admin'])).id,
    clerk: (await makeUser(t.db, own.id, ['window-clerk'])).id,
    otherDecider: (await makeUser(t.db, other.id, ['decider'])).id,
    sysAdmin: (await makeUser(t.db, gov.id, ['system-admin'])).id,
  };
  return { orgs: { gov, own, child, other }, staff };
}
export type LicenceWorld = Awaited<ReturnType<typeof licenceWorld>>;

export function depsWith(t: TestApp, clock?: Clock): AppDeps {
  return { ...t.app.deps, ...(clock ? { clock } : {}) };
}

/** Issues a licence as the platform would when a case is granted (its own transaction). */
export async function issue(deps: AppDeps, input: Partial<IssueLicenceInput> & Pick<IssueLicenceInput, 'issuerOrgId'>) {
  return deps.db.transaction().execute((trx) =>
    issueLicence(trx, deps, {
      licenceTypeCode: FOOD_LICENCE,
      holder: { kind: 'person', identity: idNumber(1), name: '张三明' },
      ...input,
    }),
  );
}

/** A department system with the given scopes and a valid access token, stored as the provider stores one. */
export async function machineClient(db: Database, orgId: string, scopes: MachineScope[], name = `接入系统 ${randomUUID().slice(0, 6)}`) {
  const clientId = `mc_${randomBytes(9).toString('base64url')}`;
  await db.insertInto('machine_clients').values({ client_id: clientId, name, org_id: orgId, secret_enc: 'unused', scopes }).execute();
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('oidc_payloads')
    .values({ id: payloadKey(token), type: 'ClientCredentials', payload: JSON.stringify({ clientId, scope: scopes.join(' '), kind: 'ClientCredentials' }), expires_at: new Date(Date.now() + 3600_000) })
    .execute();
  return { clientId, token, name };
}

/** A real-name verified applicant (person) with a portal session; returns the cookie to send. */
export async function signedInApplicant(t: TestApp, identity: string, name: string) {
  const columns = sensitiveColumns(t.app.deps.config);
  const id = randomUUID();
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  await t.db
    .insertInto('applicants')
    .values({
      id,
      kind: 'person',
      name,
      id_number_enc: columns.encrypt(identity, 'applicants.id_number'),
      id_number_hash: columns.hash(identity),
      phone_enc: columns.encrypt(phone, 'applicants.phone'),
      phone_hash: columns.hash(phone),
      real_name_verified_at: new Date(),
      real_name_provider: 'test',
    })
    .execute();
  const token = await createApplicantSession(t.app.deps, id);
  return { applicantId: id, cookies: { tb_applicant: token } };
}
