// `tongban calendar …`: working-day maths on the shipped holiday data (no database needed).
// Exit codes: 0 done, 1 a year without holiday data, 2 bad input.
import type { Command } from 'commander';
import { CalendarError, shippedCalendar } from '../lib/calendar/index.js';
import { CliError, runCommand } from './run.js';

/** Turns a calendar refusal into the CLI's exit codes: bad input 2, unknown year 1. */
function calendarCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CalendarError) {
      throw new CliError(error.detail, error.code === 'calendar-year-unknown' ? 1 : 2, { code: error.code, year: error.year });
    }
    throw error;
  }
}

function parseCount(raw: string): number {
  if (!/^\d{1,6}$/.test(raw)) {
    throw new CliError(`N 应为不小于 0 的整数 (N must be a whole number ≥ 0, got "${raw.slice(0, 20)}")`, 2, { code: 'calendar-invalid-count' });
  }
  return Number(raw);
}

export function registerCalendarCommands(program: Command): void {
  const calendar = program
    .command('calendar')
    .description('工作日历 working-day calendar (shipped holiday data)')
    // A missing or extra argument is bad input too: exit 2 after commander's message.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

  calendar
    .command('add-working-days')
    .description('DATE 之后第 N 个工作日 the N-th working day after DATE (N = 0: DATE itself if working, else the next)')
    .argument('<date>', 'YYYY-MM-DD')
    .argument('<n>', 'working days, ≥ 0')
    .option('--json', 'machine-readable output')
    .allowUnknownOption() // so that "-1" reaches the N check and gets its clear message
    .action((date: string, n: string, opts: { json?: boolean }) =>
      runCommand(opts, async () => {
        const result = calendarCall(() => shippedCalendar().addWorkingDays(date, parseCount(n)));
        return { json: { date: result }, text: result };
      }),
    );

  calendar
    .command('working-days')
    .description('(FROM, TO] 内的工作日数 working days after FROM up to and including TO')
    .argument('<from>', 'YYYY-MM-DD (not counted)')
    .argument('<to>', 'YYYY-MM-DD (counted)')
    .option('--json', 'machine-readable output')
    .action((from: string, to: string, opts: { json?: boolean }) =>
      runCommand(opts, async () => {
        const count = calendarCall(() => shippedCalendar().countWorkingDays(from, to));
        return { json: { count }, text: String(count) };
      }),
    );
}
