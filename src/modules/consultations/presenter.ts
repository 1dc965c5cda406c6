// The only place a consultation becomes JSON. The asker's name and contact are shown whole only to
// a viewer whose role processes cases (personal-data.read-whole); everyone else sees them masked.
import { presentPersonal } from '../../lib/mask.js';
import { can, type Actor } from '../identity/permissions.js';
import { CHANNEL_NAMES, contactKind, type Channel } from './rules.js';
import type { ConsultationJson } from './schema.js';
import type { ConsultationView } from './service.js';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function presentConsultation(view: ConsultationView, viewer: Actor): ConsultationJson {
  const { row, askerContact } = view;
  const whole = can(viewer, 'personal-data.read-whole');
  return {
    id: row.id,
    channel: row.channel,
    channelName: CHANNEL_NAMES[row.channel as Channel] ?? row.channel,
    org: { id: row.org_id, name: row.org_name },
    item: row.item_id && row.item_name && row.item_code ? { id: row.item_id, name: row.item_name, code: row.item_code } : null,
    responder: row.responder_id ? { id: row.responder_id, name: row.responder_name ?? row.responder_id } : null,
    askerName: presentPersonal(row.asker_name, 'name', whole),
    askerContact: askerContact === null ? null : presentPersonal(askerContact, contactKind(askerContact), whole),
    question: row.question,
    answer: row.answer,
    answeredAt: iso(row.answered_at),
    case: row.case_id ? { id: row.case_id, caseNumber: row.case_number ?? '' } : null,
    createdAt: iso(row.created_at)!,
  };
}
