// 办理情形 and 办理流程: situations pick their materials; each process step has its unit, time limit,
// whether the time counts toward the legal limit (特殊环节 do not), on-site visit, materials, basis.
import { Button, Card, Col, Form, Input, Row, Select, Switch, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Material } from '../../../../api/types';
import { Section, TimeLimitInput } from './common';
import { newId, newStep, type FormValues } from './content';

interface Props {
  form: FormInstance<FormValues>;
  onChanged: () => void;
}

function useMaterialOptions(form: FormInstance<FormValues>) {
  const materials = (Form.useWatch('materials', { form, preserve: true }) ?? []) as Material[];
  return materials.map((m, i) => ({ value: m.id, label: m.name || `材料 ${i + 1}` }));
}

export function SituationsSection({ form, onChanged }: Props) {
  const materialOptions = useMaterialOptions(form);
  return (
    <Section id="situations" title="办理情形（新办、变更、延续、注销等）">
      <Form.List name="situations">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Row key={field.key} gutter={8} align="bottom">
                <Col xs={24} md={7}>
                  <Form.Item label={`情形 ${index + 1} 名称`} name={[field.name, 'name']}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={20} md={15}>
                  <Form.Item label={`情形 ${index + 1} 所需材料`} name={[field.name, 'materialIds']}>
                    <Select mode="multiple" options={materialOptions} placeholder="从所需材料中选择" />
                  </Form.Item>
                </Col>
                <Col xs={4} md={2}>
                  <Form.Item>
                    <Button
                      aria-label={`删除情形 ${index + 1}`}
                      icon={<DeleteOutlined />}
                      onClick={() => {
                        remove(field.name);
                        onChanged();
                      }}
                    />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => {
                add({ id: newId('s'), name: '', materialIds: [] });
                onChanged();
              }}
            >
              添加情形
            </Button>
          </>
        )}
      </Form.List>
    </Section>
  );
}

export function ProcessSection({ form, onChanged }: Props) {
  const materialOptions = useMaterialOptions(form);
  return (
    <Section id="process" title="办理流程">
      <Form.List name="process">
        {(fields, { add, remove, move }) => (
          <>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                type="inner"
                title={`第 ${index + 1} 步`}
                style={{ marginBottom: 12 }}
                extra={
                  <>
                    <Button size="small" type="link" disabled={index === 0} onClick={() => { move(index, index - 1); onChanged(); }}>
                      上移
                    </Button>
                    <Button
                      size="small"
                      type="link"
                      danger
                      aria-label={`删除第 ${index + 1} 步`}
                      onClick={() => {
                        remove(field.name);
                        onChanged();
                      }}
                    >
                      删除
                    </Button>
                  </>
                }
              >
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item label="环节名称" name={[field.name, 'name']}>
                      <Input maxLength={200} placeholder="如 受理、审查、决定、送达" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label="责任单位/岗位" name={[field.name, 'responsibleUnit']}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <TimeLimitInput name={[field.name, 'timeLimit']} label={`第 ${index + 1} 步时限`} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item label="计入法定时限" name={[field.name, 'countsTowardLimit']} valuePropName="checked" extra="关闭即为特殊环节">
                      <Switch />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item label="需到现场" name={[field.name, 'onSite']} valuePropName="checked">
                      <Switch />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item label="本环节材料" name={[field.name, 'materialIds']}>
                      <Select mode="multiple" options={materialOptions} placeholder="从所需材料中选择" />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item label="环节依据" name={[field.name, 'legalBasis']}>
                      <Input.TextArea autoSize={{ minRows: 1 }} maxLength={1000} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => {
                add(newStep());
                onChanged();
              }}
            >
              添加环节
            </Button>
          </>
        )}
      </Form.List>
    </Section>
  );
}
