// A year at a glance: twelve month tables, days off marked 休 and make-up working days 班, as the
// notice's readers picture them. Pure display of the dates it is given (saved or being edited).
import type { CSSProperties } from 'react';
import type { NamedDate } from '../periods';

const WEEK_HEADS = ['一', '二', '三', '四', '五', '六', '日'];

const cellBase: CSSProperties = { textAlign: 'center', padding: '2px 0', fontSize: 13, lineHeight: '18px', borderRadius: 4 };
const holidayStyle: CSSProperties = { ...cellBase, background: '#fff1f0', color: '#a8071a', fontWeight: 600 };
const makeupStyle: CSSProperties = { ...cellBase, background: '#e6f4ff', color: '#003eb3', fontWeight: 600 };
const weekendStyle: CSSProperties = { ...cellBase, color: 'rgba(0, 0, 0, 0.62)' };

const pad = (n: number) => String(n).padStart(2, '0');

/** The month's weeks, Monday first, with null before the 1st and after the last day. */
function weeksOf(year: number, month: number): (number | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay(); // 0 = Sunday
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (number | null)[] = [...Array<null>((first + 6) % 7).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

export function YearGrid({ year, holidays, makeupWorkdays }: { year: number; holidays: readonly NamedDate[]; makeupWorkdays: readonly NamedDate[] }) {
  const off = new Map(holidays.map((d) => [d.date, d.name]));
  const makeup = new Map(makeupWorkdays.map((d) => [d.date, d.name]));
  return (
    <div>
      <p style={{ margin: '0 0 8px' }}>
        <span style={{ ...holidayStyle, padding: '0 6px' }}>休</span> 放假　<span style={{ ...makeupStyle, padding: '0 6px' }}>班</span> 调休上班
      </p>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 12 }}>
        {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
          <table key={month} style={{ width: '100%', borderCollapse: 'separate', borderSpacing: 1, tableLayout: 'fixed' }}>
            <caption style={{ textAlign: 'start', fontWeight: 600 }}>
              {year}年{month}月
            </caption>
            <thead>
              <tr>
                {WEEK_HEADS.map((h) => (
                  <th key={h} scope="col" style={{ fontSize: 12, fontWeight: 400, color: 'rgba(0, 0, 0, 0.68)' }}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeksOf(year, month).map((week, w) => (
                <tr key={w}>
                  {week.map((day, d) => {
                    if (day === null) return <td key={d} />;
                    const date = `${year}-${pad(month)}-${pad(day)}`;
                    const holiday = off.get(date);
                    const work = makeup.get(date);
                    if (holiday) {
                      return (
                        <td key={d} style={holidayStyle} title={`${date} ${holiday} 放假`} data-date={date} data-kind="holiday">
                          {day}
                          <span style={{ fontSize: 10 }}>休</span>
                        </td>
                      );
                    }
                    if (work) {
                      return (
                        <td key={d} style={makeupStyle} title={`${date} ${work} 调休上班`} data-date={date} data-kind="makeup">
                          {day}
                          <span style={{ fontSize: 10 }}>班</span>
                        </td>
                      );
                    }
                    return (
                      <td key={d} style={d >= 5 ? weekendStyle : cellBase} data-date={date}>
                        {day}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </div>
  );
}
