// 所需材料 (Art. 10): a table of the materials; a row is added or edited in a dialog whose fields
// belong to the same form, so a lint message about "materials.2.blankForm" can open and focus it.
import { Button, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag, type FormInstance } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Material } from '../../../../api/types';
import { MATERIAL_FORM_NAMES, MATERIAL_SOURCE_NAMES, options } from '../../../../shared/labels';
import { Section } from './common';
import { newMaterial, type FormValues } from './content';

interface Props {
  form: FormInstance<FormValues>;
  editing: number | null;
  setEditing: (index: number | null) => void;
  onChanged: () => void;
  readOnly: boolean;
}

export function MaterialsSection({ form, editing, setEditing, onChanged, readOnly }: Props) {
  const materials = (Form.useWatch('materials', { form, preserve: true }) ?? []) as Material[];

  const add = () => {
    const list = [...((form.getFieldValue('materials') as Material[]) ?? []), newMaterial()];
    form.setFieldValue('materials', list);
    setEditing(list.length - 1);
    onChanged();
  };

  const remove = (index: number) => {
    const list = [...((form.getFieldValue('materials') as Material[]) ?? [])];
    const [gone] = list.splice(index, 1);
    form.setFieldValue('materials', list);
    // A removed material leaves no dangling reference in the situations and steps.
    for (const key of ['situations', 'process'] as const) {
      const rows = (form.getFieldValue(key) as { materialIds?: string[] }[]) ?? [];
      form.setFieldValue(
        key,
        rows.map((r) => ({ ...r, materialIds: (r.materialIds ?? []).filter((id) => id !== gone?.id) })),
      );
    }
    onChanged();
  };

  return (
    <Section
      id="materials"
      title={`所需材料（${materials.length}）`}
      extra={
        !readOnly && (
          <Button size="small" icon={<PlusOutlined />} onClick={add}>
            添加材料
          </Button>
        )
      }
    >
      <Table<Material>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={materials}
        scroll={{ x: 640 }}
        locale={{ emptyText: '尚未添加材料' }}
        columns={[
          { title: '序号', key: 'no', width: 56, render: (_: unknown, __, i) => i + 1 },
          { title: '材料名称', dataIndex: 'name', render: (n: string) => n || <Tag color="error">未填写</Tag> },
          { title: '形式', dataIndex: 'forms', render: (f: string[] = []) => f.map((x) => MATERIAL_FORM_NAMES[x]).join('、') },
          { title: '份数', dataIndex: 'copies', width: 60 },
          { title: '来源', dataIndex: 'source', render: (s: string) => MATERIAL_SOURCE_NAMES[s] ?? s },
          { title: '表格', dataIndex: 'isForm', width: 60, render: (b: boolean) => (b ? '是' : '否') },
          {
            title: '操作',
            key: 'actions',
            width: 130,
            render: (_: unknown, m, i) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setEditing(i)} aria-label={`${readOnly ? '查看' : '编辑'}材料 ${m.name || i + 1}`}>
                  {readOnly ? '查看' : '编辑'}
                </Button>
                {!readOnly && (
                  <Button size="small" type="link" danger onClick={() => remove(i)} aria-label={`删除材料 ${m.name || i + 1}`}>
                    删除
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={editing !== null ? `材料 ${editing + 1}：${materials[editing]?.name || '（未命名）'}` : ''}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        footer={
          <Button type="primary" onClick={() => setEditing(null)}>
            完成
          </Button>
        }
        width={720}
        destroyOnHidden
        forceRender={false}
      >
        {editing !== null && materials[editing] && <MaterialFields index={editing} material={materials[editing]} />}
      </Modal>
    </Section>
  );
}

function MaterialFields({ index, material }: { index: number; material: Material }) {
  const n = (...path: string[]) => ['materials', index, ...path];
  return (
    <Row gutter={12}>
      <Col xs={24}>
        <Form.Item label="材料名称" name={n('name')} extra="写明具体材料，不用“其他”“相关材料”“等材料”之类兜底表述（第十条第（一）项）">
          <Input maxLength={200} autoFocus />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="材料形式" name={n('forms')} rules={[{ required: true, message: '至少选择一种材料形式' }]}>
          <Checkbox.Group options={options(MATERIAL_FORM_NAMES)} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="份数" name={n('copies')}>
          <InputNumber min={0} max={99} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="纸质规格" name={n('spec')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="必要性（必须提交）" name={n('required')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="是否为需填写的表格" name={n('isForm')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="来源渠道" name={n('source')}>
          <Select options={options(MATERIAL_SOURCE_NAMES)} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="空白表格名称" name={n('blankForm', 'title')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="空白表格下载地址" name={n('blankForm', 'url')}>
          <Input maxLength={500} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="示例样表名称" name={n('sampleForm', 'title')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="示例样表下载地址" name={n('sampleForm', 'url')}>
          <Input maxLength={500} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="出具部门（政府部门核发时）" name={n('issuingDepartment')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="中介机构类别（中介机构出具时）" name={n('intermediary', 'agencyCategory')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="中介机构资质要求" name={n('intermediary', 'qualification')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="电子证照类型代码" name={n('licenceTypeCode')}>
          <Input maxLength={32} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label="设定依据" name={n('legalBasis')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label="填报须知" name={n('notes')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
        </Form.Item>
      </Col>
      {material.source === 'sharing' && (
        <Col xs={24}>
          <Tag color="processing">数据共享获取：申请人无需提交</Tag>
        </Col>
      )}
    </Row>
  );
}
