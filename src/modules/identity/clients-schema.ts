// TypeBox schemas of machine-client administration (部门业务系统接入): department systems calling
// the platform with OAuth2 client credentials, each bound to an organization and granted scopes.
import { Type, type Static } from '@sinclair/typebox';
import { MACHINE_SCOPES, type MachineScope } from './permissions.js';

const SCOPE_KEYS = Object.keys(MACHINE_SCOPES) as MachineScope[];
const ScopeSchema = Type.Unsafe<MachineScope>({ type: 'string', enum: SCOPE_KEYS, description: `授权范围 scope: ${SCOPE_KEYS.join(' | ')}` });

export const ClientParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'client_id' }) });

export const ClientListQuery = Type.Object(
  { orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '只看该机构 only this organization' })) },
  { additionalProperties: false },
);

export const MachineClientSchema = Type.Object({
  clientId: Type.String(),
  name: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  scopes: Type.Array(Type.String()),
  active: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const ClientListResponse = Type.Object({
  items: Type.Array(MachineClientSchema),
  availableScopes: Type.Array(Type.Object({ scope: Type.String(), permissions: Type.Array(Type.String()) })),
});

export const CreateClientBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: '系统名称 e.g. 市场监管局企业登记系统' }),
    orgId: Type.String({ minLength: 1, maxLength: 64, description: '所属机构 the organization the system acts for' }),
    scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: SCOPE_KEYS.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type CreateClientInput = Static<typeof CreateClientBody>;

/** The secret is shown here once (creation, rotation); only its encrypted form is stored. */
export const ClientSecretResponse = Type.Object({
  client: MachineClientSchema,
  clientSecret: Type.String({ description: '客户端密钥 (shown once)' }),
});
