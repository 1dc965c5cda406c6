// 搜索同义词: groups of words that mean the same to people searching (e.g. 营业执照 / 执照 / 开店).
import { useEffect } from 'react';
import { App, Button, Card, Form, Select, Space, Spin, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, describeError } from '../../../api/client';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { usePageTitle } from '../../../shared/usePageTitle';

interface Groups {
  groups: string[][];
}

export default function SynonymsPage() {
  usePageTitle('搜索同义词');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Groups>();
  const data = useQuery({ queryKey: ['synonyms'], queryFn: () => api.get<Groups>('/api/search/synonyms') });
  const save = useMutation({
    mutationFn: (body: Groups) => api.put<Groups>('/api/search/synonyms', body),
    onSuccess: (g) => {
      qc.setQueryData(['synonyms'], g);
      form.setFieldsValue(g);
      message.success('同义词已保存');
    },
    onError: (e) => message.error(describeError(e)),
  });
  useEffect(() => {
    if (data.data) form.setFieldsValue(data.data);
  }, [data.data, form]);

  const onFinish = (v: Groups) =>
    save.mutate({ groups: (v.groups ?? []).map((g) => (g ?? []).map((w) => w.trim()).filter(Boolean)).filter((g) => g.length > 0) });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        搜索同义词
      </Typography.Title>
      <Typography.Paragraph>每组中的词在搜索时视为同义：搜索其中任何一个词，都会找到含有同组其他词的事项。输入一个词后按回车添加。</Typography.Paragraph>
      <ErrorAlert error={data.error} />
      {data.isPending ? (
        <Spin />
      ) : (
        <Card size="small">
          <Form form={form} name="synonyms" layout="vertical" onFinish={onFinish}>
            <Form.List name="groups">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                      <Form.Item label={`同义词组 ${index + 1}`} name={field.name} style={{ flex: 1, minWidth: 0 }}>
                        <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ', '、']} style={{ width: '100%' }} />
                      </Form.Item>
                      <Button aria-label={`删除同义词组 ${index + 1}`} icon={<DeleteOutlined />} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                    </div>
                  ))}
                  <Space wrap>
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add([])}>
                      添加同义词组
                    </Button>
                    <Button type="primary" htmlType="submit" loading={save.isPending}>
                      保存
                    </Button>
                  </Space>
                </>
              )}
            </Form.List>
          </Form>
        </Card>
      )}
    </Space>
  );
}
