// The only place an applicant becomes JSON or page data. Every personal value is masked, also for
// the applicant themself: the whole number is never needed on a screen (and a screen can be seen).
import { maskAddress, maskCreditCode, maskIdentityNumber, maskPhone } from '../../lib/mask.js';
import type { ApplicantMe } from './schema.js';
import type { ApplicantView, SignInRecord } from './service.js';

export const KIND_NAMES = { person: '自然人', enterprise: '法人及其他组织' } as const;

export function presentApplicant(view: ApplicantView, signIns: SignInRecord[]): ApplicantMe {
  return {
    id: view.id,
    kind: view.kind,
    kindName: view.kind ? KIND_NAMES[view.kind] : '未实名',
    name: view.name,
    phone: maskPhone(view.phone),
    idNumber: view.idNumber ? maskIdentityNumber(view.idNumber) : null,
    creditCode: view.creditCode ? maskCreditCode(view.creditCode) : null,
    address: view.address ? maskAddress(view.address) : null,
    realNameVerified: !!view.realNameVerifiedAt,
    realNameVerifiedAt: view.realNameVerifiedAt?.toISOString() ?? null,
    realNameProvider: view.realNameProvider,
    createdAt: view.createdAt.toISOString(),
    signIns: signIns.map((s) => ({ at: s.at.toISOString(), method: s.method, current: s.current, ended: s.ended })),
  };
}

export function presentRecord(record: { applicant: ApplicantView; signIns: SignInRecord[] }): ApplicantMe {
  return presentApplicant(record.applicant, record.signIns);
}
