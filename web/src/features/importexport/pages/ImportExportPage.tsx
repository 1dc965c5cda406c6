// 导入导出: upload a catalog file (xlsx or JSON), watch the import job's progress, read each problem
// by sheet, row and column; download the catalog.
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Progress, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, describeError, request } from '../../../api/client';
import { usePageTitle } from '../../../shared/usePageTitle';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import type { Static } from '@sinclair/typebox';
import type { ImportAcceptedSchema, ImportJobSchema } from '../../../../../src/modules/catalog-io/schema.js';

type ImportJob = Static<typeof ImportJobSchema>;
type ImportIssue = ImportJob['errors'][number];

const STATUS: Record<string, string> = { validating: '校验中', writing: '写入中', done: '已完成', failed: '失败' };
const COUNT_NAMES: Record<string, string> = {
  items: '事项',
  itemsCreated: '新增事项',
  itemsUpdated: '更新事项',
  itemsUnchanged: '未变事项',
  implementations: '实施清单',
  implementationsCreated: '新增实施清单',
  guideVersionsCreated: '新增指南版本',
  guidesUnchanged: '未变指南',
};

function useImportJob(jobId: string | null) {
  return useQuery({
    queryKey: ['import-job', jobId],
    queryFn: () => api.get<ImportJob>(`/api/catalog/import/${jobId}`),
    enabled: !!jobId,
    // Poll until the job ends.
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}

function JobReport({ job }: { job: ImportJob }) {
  const total = job.total ?? 0;
  const percent = total ? Math.round(((job.processed ?? 0) / total) * 100) : job.status === 'done' ? 100 : 0;
  const finished = job.status === 'done' || job.status === 'failed';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text>
        {job.fileName} · {STATUS[job.status] ?? job.status}
        {job.dryRun ? '（仅校验）' : ''}
      </Typography.Text>
      <Progress
        percent={percent}
        status={job.status === 'failed' ? 'exception' : finished ? 'success' : 'active'}
        aria-label="导入进度"
      />
      {job.counts && (
        <Descriptions size="small" column={{ xs: 2, md: 4 }}>
          {Object.entries(job.counts).map(([k, v]) => (
            <Descriptions.Item key={k} label={COUNT_NAMES[k] ?? k}>
              {v}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {job.errorCount > 0 && (
        <>
          <Alert type="error" showIcon title={`发现 ${job.errorCount} 个问题${job.errorCount > job.errors.length ? `（显示前 ${job.errors.length} 个）` : ''}`} />
          <Table<ImportIssue>
            rowKey={(r, i) => `${r.sheet}-${r.row}-${r.column}-${i}`}
            size="small"
            dataSource={job.errors}
            scroll={{ x: 700 }}
            columns={[
              { title: '工作表', dataIndex: 'sheet', width: 100 },
              { title: '行', dataIndex: 'row', width: 80 },
              { title: '列', dataIndex: 'column', width: 180 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Space>
  );
}

export default function ImportExportPage() {
  usePageTitle('导入导出');
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [uploading, setUploading] = useState(false);
  const job = useImportJob(jobId);

  const upload = async (file: File) => {
    const body = new FormData();
    body.append('file', file, file.name);
    setUploading(true);
    try {
      const r = await request<Static<typeof ImportAcceptedSchema>>('POST', `/api/catalog/import${dryRun ? '?dryRun=true' : ''}`, body);
      setJobId(r.jobId);
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        导入导出
      </Typography.Title>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>导入事项目录</h2>}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>上传 Excel（.xlsx）或 JSON 文件。全部校验通过后才写入；有任何问题时按工作表、行、列列出，不写入任何数据。</Typography.Paragraph>
          <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
            仅校验，不写入
          </Checkbox>
          <Upload
            accept=".xlsx,.json,application/json"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              选择文件并导入
            </Button>
          </Upload>
          <ErrorAlert error={job.error} />
          {job.data && <JobReport job={job.data} />}
        </Space>
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>导出事项目录</h2>}>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href="/api/catalog/export?format=xlsx" download>
            导出 Excel
          </Button>
          <Button icon={<DownloadOutlined />} href="/api/catalog/export?format=json" download>
            导出 JSON
          </Button>
          <Button icon={<DownloadOutlined />} href="/api/catalog/export?format=jsonld" download>
            导出 JSON-LD
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
