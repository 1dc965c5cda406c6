import { describe, expect, it } from 'vitest';
import { consistencyReport, type ConsistencyInput } from './consistency.js';
import type { GuideContent } from './guide-content.js';
import { cleanGuide } from '../../../test/fixtures/guides.js';

const at = (implementationId: string, divisionName: string, content: GuideContent): ConsistencyInput => ({
  implementationId,
  orgId: `org-${implementationId}`,
  orgName: `${divisionName}市场监督管理局`,
  divisionName,
  content,
});
const field = (report: ReturnType<typeof consistencyReport>, name: string) => report.find((f) => f.field === name)!;

describe('consistencyReport (Art. 9 ¶2)', () => {
  it('lists the nine elements in order, all equal for identical guides', () => {
    const report = consistencyReport([at('a', '乌兰浩特市', cleanGuide()), at('b', '阿尔山市', cleanGuide())]);
    expect(report.map((f) => f.field)).toEqual(['itemName', 'itemType', 'acceptanceConditions', 'serviceObjects', 'process', 'materials', 'timeLimits', 'feeBasis', 'result']);
    expect(report.filter((f) => f.differs)).toEqual([]);
    expect(field(report, 'itemType').values[0].value).toBe('行政许可');
    expect(field(report, 'timeLimits').values[1]).toMatchObject({ implementationId: 'b', divisionName: '阿尔山市', value: '法定10个工作日；承诺5个工作日' });
    expect(field(report, 'process').values[0].value).toMatch(/^申请与受理（1个工作日） → 审查（2个工作日） → 现场核查（5个工作日，不计时限）/);
    expect(field(report, 'materials').values[0].value).toContain('营业执照（电子材料）');
  });

  it('ignores width, whitespace and the order of unordered lists', () => {
    const b = cleanGuide();
    b.itemName = ' 食品经营许可 ';
    b.acceptanceConditions = [...b.acceptanceConditions].reverse().map((c) => c.replace('、', '，'));
    b.materials.reverse();
    b.fees.basis = b.fees.basis.replace('，', ',').replace('《', '《 ');
    b.process[0].name = '申请与受理 ';
    b.result.name = '食品经营许可证（ＳＰ）';
    const a = cleanGuide();
    a.result.name = '食品经营许可证(SP)';
    const report = consistencyReport([at('a', '乌兰浩特市', a), at('b', '突泉县', b)]);
    expect(report.filter((f) => f.differs).map((f) => f.field)).toEqual([]);
  });

  it('reports each real difference field by field, keeping each value for display', () => {
    const b = cleanGuide();
    b.promisedLimit.days = 8;
    b.materials[3].forms = ['original'];
    b.process.reverse();
    const c = cleanGuide();
    c.serviceObjects = ['natural-person'];
    const report = consistencyReport([at('a', '乌兰浩特市', cleanGuide()), at('b', '科右前旗', b), at('c', '扎赉特旗', c)]);
    expect(report.filter((f) => f.differs).map((f) => f.field)).toEqual(['serviceObjects', 'process', 'materials', 'timeLimits']);
    expect(field(report, 'serviceObjects').values.map((v) => v.value)).toEqual(['法人、其他组织', '法人、其他组织', '自然人']);
  });

  it('shows a missing element as not filled, and a single guide never differs', () => {
    const report = consistencyReport([at('a', '乌兰浩特市', {} as GuideContent)]);
    expect(report.every((f) => !f.differs && f.values[0].value.includes('未填写'))).toBe(true);
  });
});
