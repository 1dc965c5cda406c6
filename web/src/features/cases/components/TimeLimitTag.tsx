// 时限标签: how much time a case has left, in a colour AND in words (WCAG 1.4.1: colour is never
// the only carrier). Green 正常, amber 即将到期 (the last fifth), red 已超期, grey 已暂停. The
// server computes colour and remaining working days; this only shows them. Text colours keep 4.5:1.
// While a supplement notice is out (待补齐补正) the ball is in the applicant's court: no acceptance
// day runs (it starts again when the materials come in), so the tag says 等待申请人补正 in grey.
import { Tag } from 'antd';
import type { CaseDetail, CaseSummary, TimeColour } from '../types';

const TONES = {
  green: { label: '正常', style: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' } },
  amber: { label: '即将到期', style: { color: '#873800', background: '#fff7e6', borderColor: '#ffc069' } },
  red: { label: '已超期', style: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' } },
  paused: { label: '已暂停', style: { color: '#434343', background: '#f0f0f0', borderColor: '#bfbfbf' } },
} as const;

function daysText(days: number | null, colour: keyof typeof TONES): string {
  if (days === null) return '';
  if (days < 0) return `超期 ${-days} 个工作日`;
  if (days === 0) return colour === 'red' ? '' : '今日到期';
  return `剩余 ${days} 个工作日`;
}

type Shown = Pick<CaseSummary, 'colour' | 'remainingDays' | 'state' | 'acceptanceOverdue' | 'acceptanceDueOn'> &
  // Only the detail carries the supplement deadline; a queue row has no such field.
  Partial<Pick<CaseDetail, 'supplement'>>;

export function TimeLimitTag({ c }: { c: Shown }) {
  const colour = c.colour as TimeColour;
  if (colour in TONES) {
    const key = colour as keyof typeof TONES;
    const tone = TONES[key];
    const days = daysText(c.remainingDays, key);
    return (
      <Tag style={{ ...tone.style, whiteSpace: 'normal' }} data-colour={key}>
        {tone.label}
        {days && ` · ${days}`}
      </Tag>
    );
  }
  if (c.state === 'awaiting-supplement') {
    const deadline = c.supplement?.deadlineOn;
    return (
      <Tag style={{ ...TONES.paused.style, whiteSpace: 'normal' }} data-colour="waiting">
        等待申请人补正{deadline ? ` · ${deadline} 前` : ''}
      </Tag>
    );
  }
  // Before acceptance the promised limit does not run; the one working day for the acceptance does.
  if (c.state === 'submitted') {
    const tone = c.acceptanceOverdue ? 'red' : 'green';
    return (
      <Tag style={{ ...TONES[tone].style, whiteSpace: 'normal' }} data-colour={tone}>
        {c.acceptanceOverdue ? `受理已超期（应于 ${c.acceptanceDueOn} 前受理）` : `正常 · ${c.acceptanceDueOn} 前受理`}
      </Tag>
    );
  }
  return <span>不计时</span>;
}
