// 基本信息: name, type, conditions, body, service objects, time limits, fees, legal basis (Art. 9).
import { Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ITEM_TYPE_NAMES, SERVICE_OBJECT_NAMES, options } from '../../../../shared/labels';
import { Section, StringList, TimeLimitInput } from './common';

export function BasicSection({ onChanged }: { onChanged: () => void }) {
  return (
    <>
      <Section id="basic" title="基本信息">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="事项名称" name="itemName">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="子项名称" name="subItemName">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="事项类型" name="itemType">
              <Select options={options(ITEM_TYPE_NAMES)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="实施主体" name="implementingBody">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="服务对象" name="serviceObjects">
              <Checkbox.Group options={options(SERVICE_OBJECT_NAMES)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <TimeLimitInput name={['legalLimit']} label="法定办结时限" />
          </Col>
          <Col xs={24} md={12}>
            <TimeLimitInput name={['promisedLimit']} label="承诺办结时限" />
          </Col>
        </Row>
      </Section>
      <Section id="acceptanceConditions" title="受理条件">
        <StringList name="acceptanceConditions" label="受理条件" addText="添加受理条件" onChanged={onChanged} />
      </Section>
      <Section id="legalBasis" title="设定依据">
        <StringList name="legalBasis" label="设定依据" addText="添加设定依据" onChanged={onChanged} />
      </Section>
      <FeesSection onChanged={onChanged} />
    </>
  );
}

function FeesSection({ onChanged }: { onChanged: () => void }) {
  return (
    <Section id="fees" title="收费标准及收费依据">
      <Form.Item label="是否收费" name={['fees', 'charged']} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.List name={['fees', 'items']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Row key={field.key} gutter={8} align="bottom">
                <Col xs={24} md={8}>
                  <Form.Item label={`收费项目 ${index + 1}`} name={[field.name, 'name']}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item label="金额（元）" name={[field.name, 'amountYuan']}>
                    <InputNumber min={0} max={100000000} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={9}>
                  <Form.Item label="收费依据" name={[field.name, 'basis']}>
                    <Input maxLength={1000} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={2}>
                  <Form.Item>
                    <Button
                      aria-label={`删除收费项目 ${index + 1}`}
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
            <Space style={{ marginBottom: 12 }}>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => {
                  add({ name: '', amountYuan: 0, basis: '' });
                  onChanged();
                }}
              >
                添加收费项目
              </Button>
            </Space>
          </>
        )}
      </Form.List>
      <Form.Item label="收费标准及收费依据说明（不收费的也写明依据）" name={['fees', 'basis']}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
      </Form.Item>
    </Section>
  );
}
