// Working-day calendar (工作日) on the Chinese calendar: shipped State Council holiday data,
// admin overrides per year, and a fast engine. Server code that must honour admin corrections
// gets its calendar from src/modules/calendar/service.ts (calendarFor(db)); pure code and the CLI
// use shippedCalendar().
export { WorkingCalendar, type DayKind } from './working-calendar.js';
export { CalendarError, type CalendarErrorCode } from './errors.js';
export { addCalendarDays, calendarDaysBetween, isValidDate, weekdayOf } from './dates.js';
export {
  validateYearData,
  normalizeYearData,
  MIN_CALENDAR_YEAR,
  MAX_CALENDAR_YEAR,
  type YearData,
  type NamedDate,
  type HolidaySource,
  type YearDataProblem,
} from './year-data.js';
export { buildCalendar, mergeYears, readShippedYears, shippedCalendar } from './shipped.js';
