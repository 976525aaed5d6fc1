// 12306 and the ticket system write wall-clock times with no zone; they are Beijing time (UTC+8,
// no daylight saving since 1991) whatever zone the user's machine is in. Parsing them with the local
// zone would move every deadline by hours for a user abroad, so they are parsed by hand here.

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `YYYY-MM-DD HH:mm[:ss]` (also with `T` or `/`), or compact `yyyyMMddHHmmss`, read as Beijing time. */
export function parseBeijingTime(text: string): number | null {
  const match =
    /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(text) ??
    /^\s*(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?\s*$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const instant = Date.UTC(year, month - 1, day, hour, minute, second) - BEIJING_OFFSET_MS;
  // Date.UTC rolls 02-30 over into March; a date that does not round-trip was not a real date.
  if (new Date(instant + BEIJING_OFFSET_MS).getUTCDate() !== day) return null;
  return instant;
}

/**
 * Like parseBeijingTime, but only for text that names a time of day: a date alone would read as
 * midnight, which for a deadline is not a rough time but a wrong one.
 */
export function parseBeijingDateTime(text: string): number | null {
  return /\d:\d{2}|^\s*\d{12}/.test(text) ? parseBeijingTime(text) : null;
}

/** The Beijing wall-clock fields of an instant, for showing departure times as the ticket does. */
export function beijingFields(instant: number) {
  const shifted = new Date(instant + BEIJING_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** `03-25 06:36`: how a departure reads on a 12306 ticket. */
export function formatBeijingShort(instant: number): string {
  const { month, day, hour, minute } = beijingFields(instant);
  return `${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}`;
}

/** `14:57:09`: a deadline's Beijing wall-clock time. */
export function formatBeijingClock(instant: number): string {
  const { hour, minute, second } = beijingFields(instant);
  return `${pad(hour)}:${pad(minute)}:${pad(second)}`;
}
