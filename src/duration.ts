/** A retention or expiry period as profilint understands it. */
export type Duration =
  | { kind: 'bounded'; days: number }
  | { kind: 'unlimited' }
  | { kind: 'unparseable' };

/** A unit a duration may be written in, by the number of days one of it lasts. */
const daysPerUnit = {
  second: 1 / 86_400,
  minute: 1 / 1_440,
  hour: 1 / 24,
  day: 1,
  week: 7,
  // Calendar months and years vary; 30 and 365 keep `6 months` equal to `P180D`, as specs write them.
  month: 30,
  year: 365,
} as const;

type Unit = keyof typeof daysPerUnit;

// `m` follows the `ms` package (minutes), the convention of JavaScript code that passes '30m' around.
const unitAliases: Record<string, Unit> = {
  s: 'second', sec: 'second', secs: 'second', second: 'second', seconds: 'second',
  m: 'minute', min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute',
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour',
  d: 'day', day: 'day', days: 'day',
  w: 'week', wk: 'week', wks: 'week', week: 'week', weeks: 'week',
  mo: 'month', mon: 'month', mos: 'month', month: 'month', months: 'month',
  y: 'year', yr: 'year', yrs: 'year', year: 'year', years: 'year',
};

const unlimitedWords =
  /^(?:unlimited|forever|indefinite(?:ly)?|infinite|infinity|permanent(?:ly)?|no limit|never|never expires?|no expiry|no expiration)$/;

// PnYnMnWnDTnHnMnS, every part optional, decimals with a point or a comma.
const isoNumber = String.raw`(\d+(?:[.,]\d+)?)`;
const isoDuration = new RegExp(
  `^p(?:${isoNumber}y)?(?:${isoNumber}m)?(?:${isoNumber}w)?(?:${isoNumber}d)?` +
    `(?:t(?:${isoNumber}h)?(?:${isoNumber}m)?(?:${isoNumber}s)?)?$`,
);
const isoUnits: Unit[] = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];

// One `<number> <unit>` term; several may follow each other (`1 year 6 months`, `1y6mo`, `2 years and 3 months`).
const term = /(\d+(?:\.\d+)?)\s*([a-z]+)/y;
const termSeparator = /(?:\s*,\s*|\s+and\s+|\s*)/y;

// Retention prose often names the clock that starts it: `3 years after account closure`.
const trailingQualifier = /\s+(?:after|from|since|following|of|post)\b.*$/;

/**
 * Parses a retention or expiry period into days: ISO 8601 (`P180D`, `P1Y6M`), short (`180d`, `3y`),
 * prose (`6 months`, `1 year and 6 months`); `unlimited`, `forever`, `indefinite` are unlimited.
 * A bare number has no unit and is unparseable unless `defaultUnit` says what it counts.
 */
export function parseDuration(value: string | number, options: { defaultUnit?: string } = {}): Duration {
  const text = String(value).trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === '') return { kind: 'unparseable' };
  if (unlimitedWords.test(text)) return { kind: 'unlimited' };

  if (/^\d+(?:\.\d+)?$/.test(text)) {
    const unit = options.defaultUnit === undefined ? undefined : unitAliases[options.defaultUnit.toLowerCase()];
    return unit === undefined ? { kind: 'unparseable' } : bounded(Number(text) * daysPerUnit[unit]);
  }

  const iso = isoDuration.exec(text);
  if (iso !== null) return parseIso(iso);

  return parseTerms(text.replace(trailingQualifier, ''));
}

function parseIso(match: RegExpExecArray): Duration {
  let days = 0;
  let anyPart = false;
  isoUnits.forEach((unit, index) => {
    const part = match[index + 1];
    if (part === undefined) return;
    anyPart = true;
    days += Number(part.replace(',', '.')) * daysPerUnit[unit];
  });
  return anyPart ? bounded(days) : { kind: 'unparseable' };
}

function parseTerms(text: string): Duration {
  let days = 0;
  let position = 0;
  let terms = 0;
  while (position < text.length) {
    term.lastIndex = position;
    const match = term.exec(text);
    if (match === null) return { kind: 'unparseable' };
    const unit = unitAliases[match[2]!];
    if (unit === undefined) return { kind: 'unparseable' };
    days += Number(match[1]) * daysPerUnit[unit];
    terms += 1;
    position = term.lastIndex;
    termSeparator.lastIndex = position;
    termSeparator.exec(text);
    position = termSeparator.lastIndex;
  }
  return terms > 0 ? bounded(days) : { kind: 'unparseable' };
}

function bounded(days: number): Duration {
  return Number.isFinite(days) ? { kind: 'bounded', days } : { kind: 'unparseable' };
}

/** Writes a number of days back the way people read retention periods: `180 days`, `2 years`. */
export function formatDays(days: number): string {
  if (days >= 365 && days % 365 === 0) return plural(days / 365, 'year');
  if (days >= 30 && days % 30 === 0 && days < 365) return plural(days / 30, 'month');
  if (days >= 1) return plural(Math.round(days * 100) / 100, 'day');
  const hours = days * 24;
  if (hours >= 1) return plural(Math.round(hours * 100) / 100, 'hour');
  return plural(Math.round(hours * 60 * 100) / 100, 'minute');
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
