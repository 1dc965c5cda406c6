// 办理形式、办理地点、办理结果（含样本, Art. 11）、咨询方式、监督投诉方式.
import { Button, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DELIVERY_NAMES, HANDLING_FORM_NAMES, RESULT_KIND_NAMES, options } from '../../../../shared/labels';
import { Section } from './common';

export function ServiceSection({ onChanged }: { onChanged: () => void }) {
  return (
    <>
      <Section id="handlingForms" title="办理形式">
        <Form.Item label="办理形式" name="handlingForms">
          <Checkbox.Group options={options(HANDLING_FORM_NAMES)} />
        </Form.Item>
      </Section>
      <Section id="locations" title="办理地点">
        <Form.List name="locations">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8} align="bottom">
                  <Col xs={24} md={7}>
                    <Form.Item label={`地点 ${index + 1} 名称`} name={[field.name, 'name']}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={9}>
                    <Form.Item label="地址" name={[field.name, 'address']}>
                      <Input maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={6}>
                    <Form.Item label="办公时间" name={[field.name, 'hours']}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={2}>
                    <Form.Item>
                      <Button aria-label={`删除地点 ${index + 1}`} icon={<DeleteOutlined />} onClick={() => { remove(field.name); onChanged(); }} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => { add({ name: '', address: '', hours: '' }); onChanged(); }}>
                添加办理地点
              </Button>
            </>
          )}
        </Form.List>
      </Section>
      <Section id="result" title="办理结果">
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item label="结果名称" name={['result', 'name']}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="结果类型" name={['result', 'kind']}>
              <Select options={options(RESULT_KIND_NAMES)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="结果电子证照类型代码" name={['result', 'licenceTypeCode']}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="送达方式" name={['result', 'delivery']}>
              <Checkbox.Group options={options(DELIVERY_NAMES)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="结果样本名称（已脱敏）" name={['result', 'sample', 'title']}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="结果样本地址" name={['result', 'sample', 'url']}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Section>
      <Section id="consultation" title="咨询与监督投诉">
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item label="咨询电话" name={['consultation', 'phone']}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="其他咨询方式" name={['consultation', 'other']}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} id="section-complaint">
            <Form.Item label="监督投诉电话" name={['complaint', 'phone']}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="其他投诉方式" name={['complaint', 'other']}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Section>
    </>
  );
}
