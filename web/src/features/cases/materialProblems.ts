// When the server refuses materials (422 materials-invalid / materials-missing) it names each entry
// by its place in the request (body.materials.2.materialId) and sometimes by the guide's id
// (材料“floorplan”…). A clerk knows materials by name: this turns the refusal into one Chinese
// sentence naming each material as the form listed it, with the server's reason kept.
import { ApiError, describeError } from '../../api/client';

const ENTRY = /^body\.materials\.(\d+)(?:\.|$)/;
const HEADINGS: Record<string, string> = { 'materials-missing': '申请材料不齐全', 'materials-not-as-listed': '所交材料与告知清单不一致' };

/** The server's reason without its English gloss (trailing ASCII parentheses, e.g. " (given twice)"). */
function chineseReason(reason: string): string {
  let text = reason.trim();
  for (let m = / ?\([\x20-\x7e]*\)$/.exec(text); m && m.index > 0; m = / ?\([\x20-\x7e]*\)$/.exec(text)) text = text.slice(0, m.index).trimEnd();
  return text;
}

/**
 * The error as the alert should say it. `sent` is the materials array of the refused request (the
 * server's index points into it); `names` maps the guide's material ids to their names. Errors that
 * are not about materials read as describeError has them.
 */
export function describeMaterialError(error: unknown, sent: readonly { materialId: string }[], names: ReadonlyMap<string, string>): string {
  if (!(error instanceof ApiError) || !error.invalidParams.some((p) => p.name === 'body.materials' || ENTRY.test(p.name))) return describeError(error);
  const lines = error.invalidParams.map((p) => {
    let text = chineseReason(p.reason);
    const index = ENTRY.exec(p.name)?.[1];
    const id = index === undefined ? undefined : sent[Number(index)]?.materialId;
    const name = id && names.get(id);
    if (!id || !name) return text;
    text = text.replaceAll(`“${id}”`, `“${name}”`);
    return text.includes(name) ? text : `“${name}”：${text}`;
  });
  return `${HEADINGS[error.code] ?? '申请材料有误'}：${[...new Set(lines)].join('；')}`;
}
