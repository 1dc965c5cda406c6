// Reminds a system administrator to enter a year's holiday arrangement before it is needed: without
// it no limit reaching into that year can be counted, so acceptances and extensions are refused
// (the platform never guesses weekdays-only). The State Council announces the next year around
// November; from then on the reminder shows on every page, and always on 工作日历.
import { Alert, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { hasPermission } from '../../../shared/permissions';
import { todayInShanghai } from '../../../shared/time';
import { useMe } from '../../auth/hooks';
import { useHolidayYears } from '../hooks';
import { calendarReminder } from '../periods';

export function CalendarReminder({ where }: { where: 'calendar-page' | 'every-page' }) {
  const canWrite = hasPermission(useMe().data?.roles, 'calendar.write');
  const years = useHolidayYears();
  const navigate = useNavigate();
  if (!years.data) return null;
  const reminder = calendarReminder(
    years.data.map((y) => y.year),
    todayInShanghai(),
    where,
  );
  if (!reminder) return null;
  const missing = reminder.year;
  // Below the text rather than beside it: a 375 px phone has no room for a button at the side.
  const action = canWrite && (
    <div style={{ marginTop: 8 }}>
      <Button size="small" type="primary" onClick={() => navigate(`/calendar/${missing}/edit`)}>
        录入 {missing} 年节假日安排
      </Button>
    </div>
  );
  return reminder.severity === 'error' ? (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={`本年（${missing} 年）节假日安排尚未录入`}
      description={
        <>
          工作日期限无法计算：受理、补正、延期等涉及期限的操作都会被拒绝。请按国务院办公厅的通知立即录入。
          {action}
        </>
      }
    />
  ) : (
    <Alert
      type="warning"
      showIcon
      title={`${missing} 年节假日安排尚未录入`}
      description={
        <>
          期限延伸到 {missing} 年的办件（受理、补正、延期等）将无法计算而被拒绝。国务院办公厅公布 {missing} 年部分节假日安排后，请立即录入。
          {action}
        </>
      }
    />
  );
}
