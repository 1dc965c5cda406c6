// Receiving materials at the window: for each material, an uploaded scan (PDF, JPEG or PNG, with
// its progress) or a tick that the paper original was received (纸质已收). Used by 窗口收件 and
// by the 补齐补正 / 容缺补正 the window takes in on the applicant's behalf. A material the
// platform obtains by data sharing (source 'sharing') is listed without either: the server
// refuses it if supplied (src/modules/cases/apply-service.ts prepareMaterials).
import { useCallback, useRef, useState } from 'react';
import { Button, Checkbox, Space, Tag, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { describeError } from '../../../api/client';
import { MATERIAL_SOURCE_NAMES } from '../../../shared/labels';
import { uploadCaseFile } from '../hooks';
import { fileSize } from '../labels';
import type { CaseFile } from '../types';

export interface Received {
  file?: CaseFile;
  paper?: boolean;
  progress?: number;
  error?: string;
}

export type MaterialEntry = { materialId: string; fileId: string } | { materialId: string; paper: true };

/** What has been received per material, and the uploads in flight. */
export function useReceived() {
  const [received, setReceived] = useState<Record<string, Received>>({});
  const patch = useCallback((id: string, r: Partial<Received>) => setReceived((prev) => ({ ...prev, [id]: { ...prev[id], ...r } })), []);
  const upload = useCallback(
    (materialId: string, f: File) => {
      patch(materialId, { progress: 0, error: undefined, file: undefined });
      uploadCaseFile(f, (progress) => patch(materialId, { progress })).then(
        (file) => patch(materialId, { file, progress: 100 }),
        (e) => patch(materialId, { error: describeError(e) }),
      );
    },
    [patch],
  );
  const entries = (materialIds: string[]): MaterialEntry[] =>
    materialIds.flatMap((materialId): MaterialEntry[] => {
      const r = received[materialId];
      if (r?.file) return [{ materialId, fileId: r.file.id }];
      if (r?.paper) return [{ materialId, paper: true }];
      return [];
    });
  const uploading = Object.values(received).some((r) => r.progress !== undefined && !r.file && !r.error);
  return { received, upload, setPaper: (id: string, paper: boolean) => patch(id, { paper }), reset: () => setReceived({}), entries, uploading };
}

interface RowProps {
  materialId: string;
  name: string;
  required?: boolean;
  source?: string;
  /** What to supply or correct (a supplement notice's note). */
  note?: string | null;
  /** A line of explanation, e.g. that the platform obtains it by data sharing. */
  hint?: string;
  received: Received;
  onUpload: (f: File) => void;
  onPaper: (paper: boolean) => void;
}

export function MaterialRow({ name, required, source, note, hint, received, onUpload, onPaper }: RowProps) {
  const input = useRef<HTMLInputElement>(null);
  const uploading = received.progress !== undefined && !received.file && !received.error;
  const heading = (
    <>
      <div>
        <Typography.Text strong>{name}</Typography.Text> {required !== undefined && <Tag>{required ? '必要' : '非必要'}</Tag>}
        {source && <Typography.Text type="secondary">{MATERIAL_SOURCE_NAMES[source] ?? source}</Typography.Text>}
      </div>
      {note && <div>要求：{note}</div>}
      {hint && <div>{hint}</div>}
    </>
  );
  if (source === 'sharing') return <li style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>{heading}</li>;
  return (
    <li style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
      {heading}
      <input
        ref={input}
        type="file"
        style={{ display: 'none' }}
        tabIndex={-1}
        aria-label={`选择“${name}”的文件`}
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onUpload(f);
          e.target.value = '';
        }}
      />
      <Space wrap style={{ marginTop: 4 }}>
        <Button icon={<UploadOutlined />} size="small" disabled={uploading} onClick={() => input.current?.click()} aria-label={`${received.file ? '重新上传' : '上传'}“${name}”`}>
          {received.file ? '重新上传' : '上传'}
        </Button>
        <Checkbox checked={!!received.paper} onChange={(e) => onPaper(e.target.checked)} aria-label={`“${name}”纸质已收`}>
          纸质已收
        </Checkbox>
      </Space>
      {uploading && (
        <div>
          <progress value={received.progress} max={100} aria-label={`“${name}”上传进度`} style={{ width: 160 }} /> {received.progress}%
        </div>
      )}
      {received.file && (
        <div role="status">
          已上传：{received.file.fileName}（{fileSize(received.file.size)}）
        </div>
      )}
      {received.error && (
        <Typography.Text type="danger" role="alert">
          上传失败：{received.error}
        </Typography.Text>
      )}
    </li>
  );
}
