import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDays, parseDuration } from '../../src/duration.js';

describe('parseDuration', () => {
  it.each([
    ['P180D', 180],
    ['P1Y6M', 545],
    ['P2W', 14],
    ['PT36H', 1.5],
    ['P1DT12H', 1.5],
    ['p0,5y', 182.5],
    ['180d', 180],
    ['180 days', 180],
    ['6 months', 180],
    ['3 y', 1095],
    ['3y', 1095],
    ['1 year', 365],
    ['1 year 6 months', 545],
    ['2 years and 3 months', 820],
    ['1y, 2mo', 425],
    ['  18   Months ', 540],
    ['24h', 1],
    ['30m', 30 / 1440],
    ['3 years after account closure', 1095],
    ['30 days of inactivity', 30],
  ])('reads %j as %d days', (text, days) => {
    const parsed = parseDuration(text);
    expect(parsed.kind).toBe('bounded');
    expect(parsed.kind === 'bounded' && parsed.days).toBeCloseTo(days, 6);
  });

  it.each(['unlimited', 'Forever', 'indefinite', 'indefinitely', 'permanent', 'never expires'])(
    'recognises %j as unlimited',
    (text) => expect(parseDuration(text)).toEqual({ kind: 'unlimited' }),
  );

  it.each(['', 'P', 'PT', '180', 'six months', 'as long as needed', '6 fortnights', '-5 days', 'P1Y6', 'until deleted', '5 days 3'])(
    'refuses %j',
    (text) => expect(parseDuration(text)).toEqual({ kind: 'unparseable' }),
  );

  it('reads a bare number in the unit its key names', () => {
    expect(parseDuration(180, { defaultUnit: 'days' })).toEqual({ kind: 'bounded', days: 180 });
    expect(parseDuration('3', { defaultUnit: 'y' })).toEqual({ kind: 'bounded', days: 1095 });
    expect(parseDuration(180)).toEqual({ kind: 'unparseable' });
  });

  it('gives the same days for the ISO and the prose spelling of any whole period', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(11), fc.nat(400), (years, months, days) => {
        const iso = parseDuration(`P${years}Y${months}M${days}D`);
        const prose = parseDuration(`${years} years ${months} months ${days} days`);
        expect(iso).toEqual(prose);
        expect(iso).toEqual({ kind: 'bounded', days: years * 365 + months * 30 + days });
      }),
    );
  });
});

describe('formatDays', () => {
  it.each([
    [730, '2 years'],
    [180, '6 months'],
    [45, '45 days'],
    [1, '1 day'],
    [0.5, '12 hours'],
    [1 / 1440, '1 minute'],
  ])('writes %d days as %j', (days, text) => expect(formatDays(days)).toBe(text));
});
