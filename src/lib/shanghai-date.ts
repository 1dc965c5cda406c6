// The legal date in 兴安盟: the platform's "today" is the calendar date in Asia/Shanghai, whatever
// time zone the server runs in (a guide published at 00:30 Beijing time takes effect that day).
const FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** 'YYYY-MM-DD' of the given instant in Asia/Shanghai. */
export function shanghaiDate(at: Date = new Date()): string {
  return FORMAT.format(at);
}
