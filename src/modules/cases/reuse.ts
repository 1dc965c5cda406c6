// 一证办理 (Art. 20): what the platform already holds for an identity number or credit code is
// offered again instead of being asked for. An earlier case's material of the SAME holder (same
// applicant_id_hash) is offered for a guide material with the same name or the same e-licence type
// (licenceTypeCode). Reusing it adds a case_materials row with source 'reuse', the same file and
// reused_from_case_id; the file is never copied. Another holder's materials are never offered.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Material } from '../catalog/guide-content.js';

export interface ReuseOffer {
  /** The guide material (of the new application) this earlier material can stand for. */
  materialId: string;
  name: string;
  fromCaseId: string;
  fromCaseNumber: string;
  /** The earlier case_materials row: pass it as reuseMaterialId. */
  caseMaterialId: string;
  fileId: string;
  fileName: string;
  submittedAt: Date;
}

type Q = Kysely<DB> | Transaction<DB>;

/** Earlier materials of the holder that carry a file and were not sent back for correction, newest first. */
function candidates(db: Q, holderHash: string) {
  return db
    .selectFrom('case_materials as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .innerJoin('case_files as f', 'f.id', 'm.file_id')
    .select(['m.id', 'm.material_id', 'm.name', 'm.file_id', 'm.created_at', 'c.id as case_id', 'c.case_number', 'c.guide_version_id', 'c.submitted_at', 'f.file_name'])
    .where('c.applicant_id_hash', '=', holderHash)
    .where('f.holder_hash', '=', holderHash)
    .where('m.superseded_at', 'is', null)
    .where('m.status', '<>', 'to-correct')
    .where('m.file_id', 'is not', null);
}

/** The e-licence type code of each (guide version, material id) the rows came from. */
async function licenceCodes(db: Q, versionIds: string[]): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  if (versionIds.length === 0) return codes;
  const versions = await db.selectFrom('guide_versions').select(['id', 'content']).where('id', 'in', [...new Set(versionIds)]).execute();
  for (const v of versions) {
    for (const m of v.content.materials ?? []) if (m.licenceTypeCode) codes.set(`${v.id}:${m.id}`, m.licenceTypeCode);
  }
  return codes;
}

/** Whether an earlier material can stand for a guide material: same name, or same e-licence type. */
export function sameMaterial(material: Pick<Material, 'name' | 'licenceTypeCode'>, earlier: { name: string; licenceTypeCode: string | undefined }): boolean {
  if (earlier.name === material.name) return true;
  return !!material.licenceTypeCode && earlier.licenceTypeCode === material.licenceTypeCode;
}

/**
 * For each guide material the applicant supplies (not 'sharing', which the platform obtains itself),
 * the holder's earlier materials that can be reused: newest first, one per file, at most
 * `perMaterial` each.
 */
export async function reusableFor(db: Q, holderHash: string, guideMaterials: readonly Material[], options: { excludeCaseId?: string; perMaterial?: number } = {}): Promise<ReuseOffer[]> {
  const wanted = guideMaterials.filter((m) => m.source !== 'sharing');
  if (wanted.length === 0) return [];
  let query = candidates(db, holderHash);
  if (options.excludeCaseId) query = query.where('c.id', '<>', options.excludeCaseId);
  const rows = await query.orderBy('m.created_at', 'desc').orderBy('m.id').limit(500).execute();
  const codes = await licenceCodes(db, rows.map((r) => r.guide_version_id));
  const perMaterial = options.perMaterial ?? 5;
  const offers: ReuseOffer[] = [];
  for (const material of wanted) {
    const seenFiles = new Set<string>();
    for (const r of rows) {
      if (seenFiles.size >= perMaterial) break;
      if (seenFiles.has(r.file_id!)) continue;
      if (!sameMaterial(material, { name: r.name, licenceTypeCode: codes.get(`${r.guide_version_id}:${r.material_id}`) })) continue;
      seenFiles.add(r.file_id!);
      offers.push({
        materialId: material.id,
        name: material.name,
        fromCaseId: r.case_id,
        fromCaseNumber: r.case_number,
        caseMaterialId: r.id,
        fileId: r.file_id!,
        fileName: r.file_name,
        submittedAt: new Date(r.submitted_at),
      });
    }
  }
  return offers;
}

/**
 * The file and source case of an earlier material offered for this guide material, or null when it
 * is not the holder's, was superseded or sent back, or is a different material.
 */
export async function resolveReuse(db: Q, holderHash: string, caseMaterialId: string, material: Material): Promise<{ fileId: string; fromCaseId: string } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(caseMaterialId)) return null;
  const row = await candidates(db, holderHash).where('m.id', '=', caseMaterialId).executeTakeFirst();
  if (!row) return null;
  const codes = await licenceCodes(db, [row.guide_version_id]);
  if (!sameMaterial(material, { name: row.name, licenceTypeCode: codes.get(`${row.guide_version_id}:${row.material_id}`) })) return null;
  return { fileId: row.file_id!, fromCaseId: row.case_id };
}
