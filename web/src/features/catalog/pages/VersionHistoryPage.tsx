// 版本历史 (Art. 12): every version of one implementation's guide, and the changes between any two.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Card, Col, Form, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { VersionSummary } from '../../../api/types';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { formatDateTime } from '../../../shared/time';
import { usePageTitle } from '../../../shared/usePageTitle';
import { DiffTable } from '../components/DiffTable';
import { useDiff, useImplementation } from '../hooks';
import { StatusTag } from './ImplementationPage';

export default function VersionHistoryPage() {
  const { id = '' } = useParams();
  const impl = useImplementation(id);
  const [from, setFrom] = useState<string | undefined>();
  const [to, setTo] = useState<string | undefined>();
  const versions = impl.data?.versions ?? [];
  // By default compare the two newest versions.
  const older = from ?? versions[1]?.id;
  const newer = to ?? versions[0]?.id;
  const diff = useDiff(newer, older);
  usePageTitle(impl.data ? `版本历史 · ${impl.data.item.name}` : '版本历史');

  if (impl.isPending) return <Spin />;
  if (impl.error) return <ErrorAlert error={impl.error} />;
  const opts = versions.map((v) => ({ value: v.id, label: `第 ${v.versionNo} 版（${v.effectiveFrom ?? v.status}）` }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        版本历史：{impl.data.item.name}
      </Typography.Title>
      <Link to={`/catalog/implementations/${id}`}>{impl.data.org.name}</Link>
      <Table<VersionSummary>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={versions}
        scroll={{ x: 600 }}
        columns={[
          { title: '版本', dataIndex: 'versionNo', render: (n: number) => `第 ${n} 版` },
          { title: '状态', dataIndex: 'status', render: (s: string, v) => <><StatusTag status={s} />{v.inForce && <Tag color="success">现行</Tag>}</> },
          { title: '施行日期', dataIndex: 'effectiveFrom', render: (s: string | null) => s ?? '—' },
          { title: '发布时间', dataIndex: 'publishedAt', render: (s: string | null) => formatDateTime(s) },
          { title: '调整原因', dataIndex: 'changeReason', render: (s: string) => s || '—' },
        ]}
      />
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>版本比对</h2>}>
        {versions.length < 2 ? (
          <Typography.Text>至少有两个版本才能比对。</Typography.Text>
        ) : (
          <>
            <Form layout="vertical" name="compare">
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item label="较早版本" htmlFor="compare-from">
                    <Select id="compare-from" value={older} onChange={setFrom} options={opts} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label="较新版本" htmlFor="compare-to">
                    <Select id="compare-to" value={newer} onChange={setTo} options={opts} />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
            {older === newer ? (
              <Typography.Text>请选择两个不同的版本。</Typography.Text>
            ) : diff.isPending ? (
              <Spin />
            ) : diff.error ? (
              <ErrorAlert error={diff.error} />
            ) : (
              <DiffTable changes={diff.data?.changes ?? []} />
            )}
          </>
        )}
      </Card>
    </Space>
  );
}
