import { Card, Descriptions } from 'antd';
import type { GuideTotals } from '../../../api/types';

/** 减负指标: steps, materials, working days, fees and visits of one guide (SPEC §1). */
export function TotalsCard({ totals }: { totals: GuideTotals | undefined }) {
  const t = totals ?? { steps: 0, materials: 0, applicantMaterials: 0, promisedWorkingDays: 0, legalWorkingDays: 0, feesYuan: 0, visits: 0 };
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>指南统计</h2>} data-testid="totals-card">
      <Descriptions size="small" column={2}>
        <Descriptions.Item label="办理环节">{t.steps} 个</Descriptions.Item>
        <Descriptions.Item label="所需材料">{t.materials} 份</Descriptions.Item>
        <Descriptions.Item label="申请人提交">{t.applicantMaterials} 份</Descriptions.Item>
        <Descriptions.Item label="到现场">{t.visits} 次</Descriptions.Item>
        <Descriptions.Item label="承诺时限">{t.promisedWorkingDays} 个工作日</Descriptions.Item>
        <Descriptions.Item label="法定时限">{t.legalWorkingDays} 个工作日</Descriptions.Item>
        <Descriptions.Item label="收费">{t.feesYuan} 元</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
