/** A month of the shows calendar: weeks Monday to Sunday, each day with the shows on it. */
export interface CalendarDay {
  date: string; // YYYY-MM-DD, in the shop's timezone
  inMonth: boolean;
  shows: { id: string; title: string; time: string }[];
}

export interface CalendarShow {
  id: string;
  title: string;
  localStart: string; // YYYY-MM-DDTHH:mm in the shop's timezone
  /** The start time as the admin writes it ("6:00 PM"), formatted on the server. */
  timeLabel: string;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** `month` is "YYYY-MM". Weeks start on Monday, as calendars do in the shops this app serves first. */
export function monthGrid(month: string, shows: readonly CalendarShow[]): CalendarDay[][] {
  const [year, monthIndex] = month.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(year, monthIndex - 1, 1));
  const mondayOffset = (first.getUTCDay() + 6) % 7;
  const start = new Date(first.getTime() - mondayOffset * 86_400_000);
  const byDay = new Map<string, CalendarDay["shows"]>();
  for (const show of [...shows].sort((a, b) => a.localStart.localeCompare(b.localStart))) {
    const day = show.localStart.slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), { id: show.id, title: show.title, time: show.timeLabel }]);
  }
  const weeks: CalendarDay[][] = [];
  for (let cursor = start; ; ) {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      const date = isoDay(cursor);
      week.push({ date, inMonth: cursor.getUTCMonth() === monthIndex - 1, shows: byDay.get(date) ?? [] });
      cursor = new Date(cursor.getTime() + 86_400_000);
    }
    weeks.push(week);
    if (cursor.getUTCMonth() !== monthIndex - 1) break;
  }
  return weeks;
}

export function shiftMonth(month: string, delta: number): string {
  const [year, monthIndex] = month.split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(year, monthIndex - 1 + delta, 1));
  return date.toISOString().slice(0, 7);
}
