// Stays silent: the customer's shopping segment is kept in a cookie for 30 days, within both the
// 13-month cookie ceiling and the recommendations spec it belongs to.
import type { Response } from 'express';

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

/** @profiling recommendations */
export function rememberShoppingSegment(res: Response, segment: string): void {
  res.cookie('segment', segment, { maxAge: THIRTY_DAYS_MS, httpOnly: true, sameSite: 'lax' });
}
