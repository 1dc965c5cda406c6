// The applicant's personal data on a case (identity number or credit code, phone, e-mail): stored
// SM4-encrypted with these contexts, decrypted only here. Also what every case message needs: the
// recipients and the params every template gets (caseNumber, itemName, orgName, stateName, link).
// Other case services (actions, timers) use caseMessage() so every message looks the same.
import type { AppDeps } from '../../app.js';
import type { CasesTable } from '../../db/schema.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import type { MessageRequest } from '../outbox/service.js';
import { STATE_NAMES, type CaseState } from './rules.js';

/** Encryption contexts of the cases columns (the context is bound into the ciphertext). */
export const CASE_CONTEXTS = { identity: 'cases.applicant_id', phone: 'cases.phone', email: 'cases.email' } as const;

export interface CasePersonal {
  kind: 'person' | 'enterprise';
  name: string;
  /** The resident identity number (person) or the unified social credit code (enterprise). */
  identity: string;
  phone: string | null;
  email: string | null;
}

type PersonalColumns = Pick<CasesTable, 'applicant_kind' | 'applicant_name' | 'applicant_id_enc' | 'phone_enc' | 'email_enc'>;

export function decryptCasePersonal(deps: Pick<AppDeps, 'config'>, row: PersonalColumns): CasePersonal {
  const columns = sensitiveColumns(deps.config);
  return {
    kind: row.applicant_kind,
    name: row.applicant_name,
    identity: columns.decrypt(row.applicant_id_enc, CASE_CONTEXTS.identity),
    phone: columns.decrypt(row.phone_enc, CASE_CONTEXTS.phone),
    email: columns.decrypt(row.email_enc, CASE_CONTEXTS.email),
  };
}

/** The applicant's case page in the portal (the {{link}} of every message). */
export const applicantCaseLink = (deps: Pick<AppDeps, 'config'>, caseId: string) => `${deps.config.publicUrl}/my/cases/${caseId}`;

/**
 * A message about a case to its applicant on every channel it has: the portal (when the case is
 * linked to an applicant account), e-mail and SMS (when given). `dedupeKey` must be unique per
 * logical message, e.g. `case:<id>:<action seq>`.
 */
export function caseMessage(
  deps: Pick<AppDeps, 'config'>,
  row: PersonalColumns & { id: string; case_number: string; applicant_id: string | null; state: string },
  names: { itemName: string; orgName: string },
  templateKey: string,
  dedupeKey: string,
  extra: Record<string, string> = {},
): MessageRequest {
  const personal = decryptCasePersonal(deps, row);
  return {
    templateKey,
    dedupeKey,
    caseId: row.id,
    applicantId: row.applicant_id,
    to: { portal: !!row.applicant_id, email: personal.email, phone: personal.phone },
    params: {
      caseNumber: row.case_number,
      itemName: names.itemName,
      orgName: names.orgName,
      stateName: STATE_NAMES[row.state as CaseState] ?? row.state,
      link: applicantCaseLink(deps, row.id),
      ...extra,
    },
  };
}
