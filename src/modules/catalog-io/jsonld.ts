// The export in the EU Core Public Service Vocabulary Application Profile (CPSV-AP 3.2,
// https://semiceu.github.io/CPSV-AP/) as JSON-LD, so other catalogs can read our services.
// Each implementation entry (实施清单) is one cpsv:PublicService; its organization is the
// cv:PublicOrganisation competent for it. Property names follow the 3.2 SHACL shapes:
// cpsv:hasInput and cpsv:produces (not cv:), cv:contactPoint (3.x renamed cv:hasContactPoint).
import { ITEM_TYPE_NAMES, type GuideContent } from '../catalog/guide-content.js';
import { ITEM_TYPE_CODES } from '../catalog/codes.js';
import type { ExchangeImplementation, ExchangeItem } from './exchange.js';
import type { ExportData, ExportOrg } from './export-data.js';
import { LABELS } from './xlsx-columns.js';

export const CPSV_CONTEXT = {
  cpsv: 'http://purl.org/vocab/cpsv#',
  cv: 'http://data.europa.eu/m8g/',
  dct: 'http://purl.org/dc/terms/',
  adms: 'http://www.w3.org/ns/adms#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  eli: 'http://data.europa.eu/eli/ontology#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

type Node = Record<string, unknown>;
const zh = (value: string) => ({ '@language': 'zh', '@value': value });
const label = (labels: Record<string, readonly string[]>, v: string) => labels[v]?.[0] ?? v;

function concept(base: string, scheme: string, value: string, prefLabel: string, notation?: string): Node {
  return { '@id': `${base}/id/${scheme}/${value}`, '@type': 'skos:Concept', 'skos:prefLabel': zh(prefLabel), ...(notation ? { 'skos:notation': notation } : {}) };
}

function organisation(base: string, org: ExportOrg): Node {
  return {
    '@id': `${base}/id/org/${encodeURIComponent(org.code)}`,
    '@type': 'cv:PublicOrganisation',
    'dct:identifier': org.code,
    'skos:prefLabel': zh(org.name),
    ...(org.creditCode
      ? { 'adms:identifier': { '@type': 'adms:Identifier', 'skos:notation': org.creditCode, 'dct:type': zh('统一社会信用代码 (GB 32100)') } }
      : {}),
    'dct:spatial': { '@id': `${base}/id/division/${org.divisionCode}`, '@type': 'dct:Location', 'dct:identifier': org.divisionCode, 'skos:prefLabel': zh(org.divisionName) },
  };
}

/** ISO 8601 duration of the promised limit; D counts working days (工作日) unless the guide says calendar days. */
function processingTime(g: GuideContent): Node {
  const unit = g.promisedLimit.unit === 'working-day' ? '工作日' : '自然日';
  return {
    'cv:processingTime': { '@value': `P${g.promisedLimit.days}D`, '@type': 'xsd:duration' },
    'rdfs:comment': zh(`承诺办结时限 ${g.promisedLimit.days} 个${unit}（时长中的 D 按${unit}计）；法定办结时限 ${g.legalLimit.days} 个${g.legalLimit.unit === 'working-day' ? '工作日' : '自然日'}`),
  };
}

function evidence(id: string, g: GuideContent): Node[] {
  return g.materials.map((m) => ({
    '@id': `${id}/evidence/${m.id}`,
    '@type': 'cv:Evidence',
    'dct:identifier': m.id,
    'dct:title': zh(m.name),
    'dct:description': zh(
      [`来源：${label(LABELS.source, m.source)}`, `形式：${m.forms.map((f) => label(LABELS.materialForm, f)).join('、')}`, `份数：${m.copies}`, m.spec && `规格：${m.spec}`, `${m.required ? '必要' : '非必要'}`, m.legalBasis && `设定依据：${m.legalBasis}`]
        .filter(Boolean)
        .join('；'),
    ),
  }));
}

function costs(id: string, g: GuideContent): Node[] {
  const currency = { '@id': 'http://publications.europa.eu/resource/authority/currency/CNY' };
  if (!g.fees.charged || g.fees.items.length === 0) {
    return [{ '@id': `${id}/cost/0`, '@type': 'cv:Cost', 'dct:identifier': 'free', 'cv:value': { '@value': 0, '@type': 'xsd:double' }, 'cv:currency': currency, 'dct:description': zh(`不收费。${g.fees.basis}`) }];
  }
  return g.fees.items.map((f, i) => ({
    '@id': `${id}/cost/${i + 1}`,
    '@type': 'cv:Cost',
    'dct:identifier': String(i + 1),
    'cv:value': { '@value': f.amountYuan, '@type': 'xsd:double' },
    'cv:currency': currency,
    'dct:description': zh(`${f.name}；收费依据：${f.basis}`),
  }));
}

function contactPoints(g: GuideContent): Node[] {
  const cp = (kind: string, c: { phone: string; other?: string }) => ({
    '@type': 'cv:ContactPoint',
    'rdfs:label': zh(kind),
    'cv:telephone': c.phone,
    ...(c.other ? { 'dct:description': zh(c.other) } : {}),
  });
  return [cp('咨询方式', g.consultation), cp('监督投诉方式', g.complaint)];
}

function channels(base: string, id: string, g: GuideContent): Node[] {
  return g.handlingForms.map((f) => ({
    '@id': `${id}/channel/${f}`,
    '@type': 'cv:Channel',
    'dct:identifier': f,
    'dct:type': concept(base, 'channel', f, label(LABELS.handlingForm, f)),
    ...(f === 'window' && g.locations.length ? { 'dct:description': zh(g.locations.map((l) => `${l.name}，${l.address}，${l.hours}`).join('；')) } : {}),
  }));
}

function service(base: string, item: ExchangeItem, impl: ExchangeImplementation, org: ExportOrg | undefined): Node {
  const id = `${base}/id/service/${impl.code}`;
  const g = impl.guide;
  const type = concept(base, 'item-type', item.type, ITEM_TYPE_NAMES[item.type], ITEM_TYPE_CODES[item.type]);
  const title = g ? [g.itemName, g.subItemName].filter(Boolean).join(' — ') : item.name;
  const legal = g?.legalBasis.length ? g.legalBasis : item.legalBasis;
  const node: Node = {
    '@id': id,
    '@type': 'cpsv:PublicService',
    'dct:identifier': impl.code,
    'dct:title': zh(title),
    'dct:description': zh(item.description || (g ? `${title}（${org?.name ?? ''}）。受理条件：${g.acceptanceConditions.join('；') || '无'}` : title)),
    'dct:type': type,
    'cv:isClassifiedBy': { '@id': type['@id'] },
    'cv:hasCompetentAuthority': org ? { '@id': `${base}/id/org/${encodeURIComponent(org.code)}` } : null,
    'cv:hasLegalResource': legal.map((text, i) => ({ '@id': `${id}/legal/${i + 1}`, '@type': 'eli:LegalResource', 'dct:description': zh(text) })),
  };
  if (org) node['dct:spatial'] = { '@id': `${base}/id/division/${org.divisionCode}` };
  if (!g) return node;
  return {
    ...node,
    ...processingTime(g),
    'cpsv:hasInput': evidence(id, g),
    'cv:hasCost': costs(id, g),
    'cv:hasChannel': channels(base, id, g),
    'cv:contactPoint': contactPoints(g),
    'cpsv:produces': {
      '@id': `${id}/output`,
      '@type': 'cv:Output',
      'dct:identifier': `${impl.code}-result`,
      'dct:title': zh(g.result.name),
      'dct:type': concept(base, 'result-kind', g.result.kind, label(LABELS.resultKind, g.result.kind)),
    },
  };
}

export function toCpsvAp(data: ExportData, publicUrl: string): Record<string, unknown> {
  const base = publicUrl.replace(/\/$/, '');
  const graph: Node[] = [];
  for (const item of data.doc.items) {
    for (const impl of item.implementations) graph.push(service(base, item, impl, impl.orgCode ? data.orgs.get(impl.orgCode) : undefined));
  }
  for (const org of data.orgs.values()) graph.push(organisation(base, org));
  return { '@context': CPSV_CONTEXT, '@id': `${base}/id/catalog`, 'dct:issued': data.doc.exportedAt, '@graph': graph };
}
