/**
 * An independent, deliberately naive implementation of the deadline rules for the tests to check
 * against: JS Date in UTC, Easter by Oudin's algorithm (not Meeus/Jones/Butcher), holidays as a
 * set of ISO strings. Slow and obvious on purpose.
 */
export function oudinEaster(y: number): string {
  const c = Math.floor(y / 100);
  const n = y - 19 * Math.floor(y / 19);
  const k = Math.floor((c - 17) / 25);
  let i = c - Math.floor(c / 4) - Math.floor((c - k) / 3) + 19 * n + 15;
  i = i - 30 * Math.floor(i / 30);
  i = i - Math.floor(i / 28) * (1 - Math.floor(i / 28) * Math.floor(29 / (i + 1)) * Math.floor((21 - n) / 11));
  let j = y + Math.floor(y / 4) + i + 2 - c + Math.floor(c / 4);
  j = j - 7 * Math.floor(j / 7);
  const l = i - j;
  const m = 3 + Math.floor((l + 40) / 44);
  const d = l + 28 - 31 * Math.floor(m / 4);
  return iso(new Date(Date.UTC(y, m - 1, d)));
}

export function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function plusDays(isoDate: string, n: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

export function oracleHolidays(y: number): string[] {
  const e = oudinEaster(y);
  return [`${y}-01-01`, plusDays(e, 1), `${y}-05-01`, plusDays(e, 39), plusDays(e, 50), `${y}-07-21`, `${y}-08-15`, `${y}-11-01`, `${y}-11-11`, `${y}-12-25`];
}

export function oracleRoll(isoDate: string, extraClosed: readonly string[] = []): string {
  let d = isoDate;
  for (;;) {
    const date = new Date(`${d}T00:00:00Z`);
    const wd = date.getUTCDay();
    const closed = wd === 0 || wd === 6 || oracleHolidays(date.getUTCFullYear()).includes(d) || extraClosed.includes(d);
    if (!closed) return d;
    d = plusDays(d, 1);
  }
}

/** Receipt + n months with the month-end rule, by Date arithmetic. */
export function oraclePlusMonths(isoDate: string, n: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m - 1 + n, Math.min(d, lastDay))));
}

/** The Brussels calendar date of an instant, straight from Intl: the slow, trusted way. */
const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });
export function intlBrusselsIso(ms: number): string {
  return fmt.format(ms);
}
