// Factories for test data: makeOrg, makeUser. Domain modules add theirs (makeItem, makeGuide …).
import { randomUUID } from 'node:crypto';
import type { Database } from '../src/db/database.js';
import type { Level, OrgKind } from '../src/db/schema.js';
import { createOrg, upsertDivisions } from '../src/modules/orgs/service.js';
import { createUser } from '../src/modules/identity/service.js';
import type { Role } from '../src/modules/identity/permissions.js';

export async function ensureDivisions(db: Database): Promise<void> {
  await upsertDivisions(db, [
    { code: '15', name: '内蒙古自治区', level: 'province', parentCode: null },
    { code: '1522', name: '兴安盟', level: 'prefecture', parentCode: '15' },
    { code: '152201', name: '乌兰浩特市', level: 'county', parentCode: '1522' },
    { code: '152202', name: '阿尔山市', level: 'county', parentCode: '1522' },
  ]);
}

export async function makeOrg(
  db: Database,
  overrides: Partial<{ name: string; kind: OrgKind; level: Level; divisionCode: string; parentId: string | null; code: string }> = {},
) {
  await ensureDivisions(db);
  const suffix = randomUUID().slice(0, 8);
  return createOrg(db, {
    code: overrides.code ?? `ORG-${suffix}`,
    name: overrides.name ?? `测试机构${suffix}`,
    kind: overrides.kind ?? 'department',
    level: overrides.level ?? 'league',
    divisionCode: overrides.divisionCode ?? '1522',
    parentId: overrides.parentId ?? null,
  });
}

export async function makeUser(db: Database, orgId: string, roles: Role[], password = 'Test-Passw0rd!') {
  const username = `u_${randomUUID().slice(0, 8)}`;
  const id = await createUser(db, { username, displayName: `测试用户 ${username}`, password, orgId, roles });
  return { id, username, password };
}
