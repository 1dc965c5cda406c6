// Between the antd form and the guide content (GuideDraft): defaults for a new guide and new rows,
// and the clean-up that drops empty optional parts so the server's schema accepts a half-done draft.
import type { GuideDraft, ImplementationDetail, LintMessage, Material, ProcessStep } from '../../../../api/types';
import type { InvalidParam } from '../../../../api/client';

export type FormValues = Record<string, unknown> & GuideDraft;

let counter = 0;
/** An id matching the schema's ^[A-Za-z0-9_-]+$, unique within the guide. */
export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

export function newMaterial(): Material {
  return {
    id: newId('m'),
    name: '',
    forms: ['original'],
    copies: 1,
    spec: 'A4',
    required: true,
    isForm: false,
    source: 'applicant',
    legalBasis: '',
  };
}

export function newStep(name = ''): ProcessStep {
  return {
    id: newId('p'),
    name,
    responsibleUnit: '',
    timeLimit: { days: 1, unit: 'working-day' },
    countsTowardLimit: true,
    onSite: false,
    materialIds: [],
    legalBasis: '',
  };
}

/** A new guide starts from its item and organization; what is already written is kept. */
export function withDefaults(content: GuideDraft, impl: ImplementationDetail | undefined): FormValues {
  return {
    itemName: impl?.item.name ?? '',
    itemType: (impl?.item.type ?? 'licensing') as GuideDraft['itemType'],
    implementingBody: impl?.org.name ?? '',
    acceptanceConditions: [],
    serviceObjects: [],
    legalLimit: { days: undefined as unknown as number, unit: 'working-day' },
    promisedLimit: { days: undefined as unknown as number, unit: 'working-day' },
    fees: { charged: false, items: [], basis: '' },
    legalBasis: [],
    materials: [],
    situations: [],
    process: [],
    handlingForms: [],
    locations: [],
    result: { name: '', kind: 'licence', delivery: [] },
    consultation: { phone: '' },
    complaint: { phone: '' },
    ...content,
  };
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Drops optional keys whose value is blank. */
function dropBlank<T extends object>(obj: T, keys: (keyof T)[]): T {
  const out = { ...obj };
  for (const k of keys) if (isBlank(out[k])) delete out[k];
  return out;
}

type Attachment = { title?: string; url?: string } | undefined;
function attachment(a: Attachment) {
  if (!a || (isBlank(a.title) && isBlank(a.url))) return undefined;
  return { title: a.title ?? '', url: a.url ?? '' };
}

function limit(l: { days?: number | null; unit?: string } | undefined, fallbackDays?: number) {
  const days = l?.days ?? fallbackDays;
  if (days === undefined || days === null) return undefined;
  return { days, unit: (l?.unit ?? 'working-day') as 'working-day' };
}

function cleanMaterial(m: Material): Material {
  const out = dropBlank({ ...m, copies: m.copies ?? 0 }, ['issuingDepartment', 'licenceTypeCode', 'notes']);
  const blank = attachment(m.blankForm);
  const sample = attachment(m.sampleForm);
  if (blank) out.blankForm = blank;
  else delete out.blankForm;
  if (sample) out.sampleForm = sample;
  else delete out.sampleForm;
  const inter = m.intermediary;
  if (!inter || (isBlank(inter.agencyCategory) && isBlank(inter.qualification))) delete out.intermediary;
  else out.intermediary = dropBlank({ agencyCategory: inter.agencyCategory ?? '', qualification: inter.qualification }, ['qualification']);
  return out;
}

/** The form's values as a GuideDraft the server accepts (PUT, lint, submit). */
export function toDraft(values: FormValues): GuideDraft {
  const v = JSON.parse(JSON.stringify(values)) as FormValues; // drops undefined, copies
  const out: GuideDraft = dropBlank(v, ['subItemName']);
  const legal = limit(v.legalLimit);
  const promised = limit(v.promisedLimit);
  if (legal) out.legalLimit = legal;
  else delete out.legalLimit;
  if (promised) out.promisedLimit = promised;
  else delete out.promisedLimit;
  if (v.fees) out.fees = { charged: !!v.fees.charged, basis: v.fees.basis ?? '', items: (v.fees.items ?? []).map((f) => ({ name: f.name ?? '', basis: f.basis ?? '', amountYuan: f.amountYuan ?? 0 })) };
  if (v.materials) out.materials = v.materials.map(cleanMaterial);
  if (v.process) out.process = v.process.map((s) => ({ ...s, materialIds: s.materialIds ?? [], timeLimit: limit(s.timeLimit, 0)! }));
  if (v.situations) out.situations = v.situations.map((s) => ({ ...s, materialIds: s.materialIds ?? [] }));
  if (v.result) {
    const r = dropBlank({ ...v.result, delivery: v.result.delivery ?? [] }, ['licenceTypeCode']);
    const sample = attachment(r.sample);
    if (sample) r.sample = sample;
    else delete r.sample;
    out.result = r;
  }
  if (v.consultation) out.consultation = dropBlank({ phone: v.consultation.phone ?? '', other: v.consultation.other }, ['other']);
  if (v.complaint) out.complaint = dropBlank({ phone: v.complaint.phone ?? '', other: v.complaint.other }, ['other']);
  for (const k of ['acceptanceConditions', 'legalBasis'] as const) if (v[k]) out[k] = v[k].map((s) => s ?? '');
  return out;
}

/** Schema errors of a refused draft (400 invalidParams) shown in the lint panel like lint messages. */
export function schemaMessages(params: InvalidParam[]): LintMessage[] {
  return params.map((p) => ({
    severity: 'error',
    rule: 'invalid-input',
    article: '格式要求 (schema)',
    field: p.name.replace(/^body\.(content\.)?/, ''),
    message: `填写格式有误：${p.reason}`,
  }));
}
