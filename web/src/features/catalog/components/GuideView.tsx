// A guide version read-only, element by element (what the reviewer checks before publishing).
import { Card, Descriptions, List, Table, Tag } from 'antd';
import type { GuideDraft, Material, ProcessStep } from '../../../api/types';
import {
  DELIVERY_NAMES,
  HANDLING_FORM_NAMES,
  ITEM_TYPE_NAMES,
  MATERIAL_FORM_NAMES,
  MATERIAL_SOURCE_NAMES,
  RESULT_KIND_NAMES,
  SERVICE_OBJECT_NAMES,
  TIME_UNIT_NAMES,
} from '../../../shared/labels';

const names = (list: string[] | undefined, map: Record<string, string>) => (list ?? []).map((x) => map[x] ?? x).join('、') || '—';
const limitText = (l?: { days: number; unit: string }) => (l ? `${l.days} ${TIME_UNIT_NAMES[l.unit] ?? l.unit}` : '—');
const h2 = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

function Attachment({ a }: { a?: { title: string; url: string } }) {
  if (!a) return <Tag color="error">无</Tag>;
  return a.url ? <a href={a.url}>{a.title || a.url}</a> : <span>{a.title}</span>;
}

function MaterialsTable({ materials }: { materials: Material[] }) {
  return (
    <Table<Material>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={materials}
      scroll={{ x: 900 }}
      columns={[
        { title: '材料名称', dataIndex: 'name' },
        { title: '形式', dataIndex: 'forms', render: (f: string[]) => names(f, MATERIAL_FORM_NAMES) },
        { title: '份数/规格', key: 'copies', render: (_: unknown, m) => `${m.copies} 份 ${m.spec}` },
        { title: '必要', dataIndex: 'required', render: (b: boolean) => (b ? '必要' : '非必要') },
        { title: '来源', dataIndex: 'source', render: (s: string, m) => `${MATERIAL_SOURCE_NAMES[s] ?? s}${m.issuingDepartment ? `（${m.issuingDepartment}）` : ''}${m.intermediary ? `（${m.intermediary.agencyCategory}${m.intermediary.qualification ? `，${m.intermediary.qualification}` : ''}）` : ''}` },
        { title: '空白表格/样表', key: 'form', render: (_: unknown, m) => (m.isForm ? <><Attachment a={m.blankForm} /> / <Attachment a={m.sampleForm} /></> : '不是表格') },
        { title: '证照类型', dataIndex: 'licenceTypeCode', render: (s?: string) => s ?? '—' },
        { title: '设定依据', dataIndex: 'legalBasis' },
      ]}
    />
  );
}

export function GuideView({ content: c }: { content: GuideDraft }) {
  const materialName = new Map((c.materials ?? []).map((m) => [m.id, m.name]));
  const matNames = (ids: string[]) => ids.map((id) => materialName.get(id) ?? id).join('、') || '—';
  return (
    <>
      <Card size="small" title={h2('基本信息')} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="事项名称">{c.itemName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="子项名称">{c.subItemName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="事项类型">{c.itemType ? ITEM_TYPE_NAMES[c.itemType] : '—'}</Descriptions.Item>
          <Descriptions.Item label="实施主体">{c.implementingBody ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="服务对象">{names(c.serviceObjects, SERVICE_OBJECT_NAMES)}</Descriptions.Item>
          <Descriptions.Item label="办理形式">{names(c.handlingForms, HANDLING_FORM_NAMES)}</Descriptions.Item>
          <Descriptions.Item label="法定办结时限">{limitText(c.legalLimit)}</Descriptions.Item>
          <Descriptions.Item label="承诺办结时限">{limitText(c.promisedLimit)}</Descriptions.Item>
          <Descriptions.Item label="收费">
            {c.fees ? (c.fees.charged ? c.fees.items.map((f) => `${f.name} ${f.amountYuan} 元（${f.basis}）`).join('；') : '不收费') : '—'}
            {c.fees?.basis ? `；${c.fees.basis}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="咨询方式">{[c.consultation?.phone, c.consultation?.other].filter(Boolean).join('；') || '—'}</Descriptions.Item>
          <Descriptions.Item label="监督投诉方式">{[c.complaint?.phone, c.complaint?.other].filter(Boolean).join('；') || '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={h2('受理条件与设定依据')} style={{ marginBottom: 16 }}>
        <List size="small" header="受理条件" dataSource={c.acceptanceConditions ?? []} renderItem={(s) => <List.Item>{s}</List.Item>} />
        <List size="small" header="设定依据" dataSource={c.legalBasis ?? []} renderItem={(s) => <List.Item>{s}</List.Item>} />
      </Card>
      <Card size="small" title={h2(`所需材料（${c.materials?.length ?? 0}）`)} style={{ marginBottom: 16 }}>
        <MaterialsTable materials={c.materials ?? []} />
      </Card>
      <Card size="small" title={h2('办理情形与流程')} style={{ marginBottom: 16 }}>
        <List
          size="small"
          header="办理情形"
          dataSource={c.situations ?? []}
          renderItem={(s) => <List.Item>{s.name}：{matNames(s.materialIds)}</List.Item>}
        />
        <Table<ProcessStep>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.process ?? []}
          scroll={{ x: 700 }}
          columns={[
            { title: '环节', dataIndex: 'name' },
            { title: '责任单位', dataIndex: 'responsibleUnit' },
            { title: '时限', dataIndex: 'timeLimit', render: limitText },
            { title: '计入时限', dataIndex: 'countsTowardLimit', render: (b: boolean) => (b ? '计入' : <Tag>特殊环节</Tag>) },
            { title: '到现场', dataIndex: 'onSite', render: (b: boolean) => (b ? '是' : '否') },
            { title: '材料', dataIndex: 'materialIds', render: matNames },
            { title: '依据', dataIndex: 'legalBasis' },
          ]}
        />
      </Card>
      <Card size="small" title={h2('办理地点与结果')} style={{ marginBottom: 16 }}>
        <List
          size="small"
          header="办理地点"
          dataSource={c.locations ?? []}
          renderItem={(l) => <List.Item>{l.name}｜{l.address}｜{l.hours}</List.Item>}
        />
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="结果名称">{c.result?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="结果类型">{c.result ? RESULT_KIND_NAMES[c.result.kind] : '—'}</Descriptions.Item>
          <Descriptions.Item label="结果样本">
            <Attachment a={c.result?.sample} />
          </Descriptions.Item>
          <Descriptions.Item label="送达方式">{names(c.result?.delivery, DELIVERY_NAMES)}</Descriptions.Item>
        </Descriptions>
      </Card>
    </>
  );
}
