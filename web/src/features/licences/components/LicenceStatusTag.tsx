// A licence's status in words (有效 / 已注销 / 已过期 / 已吊销), its colour only a second signal.
import { Tag } from 'antd';
import { STATUS_NAMES, STATUS_STYLES } from '../labels';
import type { LicenceStatus } from '../types';

export function LicenceStatusTag({ status, name }: { status: LicenceStatus; name?: string }) {
  return (
    <Tag style={STATUS_STYLES[status]} data-status={status}>
      {name || STATUS_NAMES[status]}
    </Tag>
  );
}
