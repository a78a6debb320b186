const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** '2024-06-30 17:00' in Beijing time, whatever the server's own zone. */
export function formatShanghaiMinute(date: Date): string {
  const p = Object.fromEntries(parts.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** A moment as people in Jiangsu read it: '2024-06-30 17:00(北京时间)'. */
export function formatShanghai(date: Date): string {
  return `${formatShanghaiMinute(date)}(北京时间)`;
}

/**
 * A Date whose local fields read Beijing's wall clock, for formats that store local
 * time without a zone (zip entries): a file packed at 07:09 in Nanjing shows 07:09 on
 * the recipient's Windows, whatever the server's own zone.
 */
export function shanghaiWallClock(date: Date = new Date()): Date {
  return new Date(date.getTime() + (8 * 60 + date.getTimezoneOffset()) * 60_000);
}
