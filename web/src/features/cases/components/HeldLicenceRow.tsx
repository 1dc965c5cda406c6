// A material the platform holds as the applicant's e-licence (Art. 10(四), Art. 20): shown as
// already provided — type, number, identifier and validity — with nothing to upload or tick.
import { Tag, Typography } from 'antd';
import type { MaterialLicence } from '../types';

export function HeldLicenceRow({ name, required, licence }: { name: string; required?: boolean; licence: MaterialLicence }) {
  return (
    <li style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} aria-label={`${name}：已由平台调取`}>
      <div>
        <Typography.Text strong>{name}</Typography.Text> {required !== undefined && <Tag>{required ? '必要' : '非必要'}</Tag>}
        <Tag color="green">无需收取</Tag>
      </div>
      <div>
        已由平台调取：{licence.typeName}（编号 {licence.licenceNumber}，{licence.validUntil ? `有效期至 ${licence.validUntil}` : '长期有效'}）
      </div>
      <Typography.Text type="secondary" copyable={{ text: licence.identifier }}>
        证照标识 {licence.identifier} · {licence.issuerName}
      </Typography.Text>
    </li>
  );
}
