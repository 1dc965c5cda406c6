import type { ReactNode } from 'react';
import { Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { TIME_UNIT_NAMES, options } from '../../../../shared/labels';

/** One element group of the guide, a landmark-free card with a real heading. */
export function Section({ id, title, children, extra }: { id: string; title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card id={`section-${id}`} size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} extra={extra} style={{ marginBottom: 16 }}>
      {children}
    </Card>
  );
}

/** A list of free-text entries (受理条件, 设定依据), each with its own label. */
export function StringList({ name, label, addText, onChanged }: { name: string; label: string; addText: string; onChanged: () => void }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
              <Form.Item label={`${label} ${index + 1}`} name={field.name} style={{ flex: 1, minWidth: 0, marginBottom: 8 }}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} style={{ width: '100%' }} />
              </Form.Item>
              <Button
                aria-label={`删除${label} ${index + 1}`}
                icon={<DeleteOutlined />}
                onClick={() => {
                  remove(field.name);
                  onChanged();
                }}
                style={{ marginTop: 30 }}
              />
            </div>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => {
              add('');
              onChanged();
            }}
          >
            {addText}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** 时限: days and unit (工作日 | 日) as one labelled pair. */
export function TimeLimitInput({ name, label }: { name: (string | number)[]; label: string }) {
  return (
    <Form.Item label={label} style={{ marginBottom: 12 }}>
      <Space.Compact>
        <Form.Item name={[...name, 'days']} noStyle>
          <InputNumber aria-label={`${label}天数`} min={0} max={3650} precision={0} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name={[...name, 'unit']} noStyle>
          <Select aria-label={`${label}单位`} options={options(TIME_UNIT_NAMES)} style={{ width: 100 }} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}
