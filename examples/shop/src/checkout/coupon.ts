import { cartTotal, type CartLine } from '../cart/cart-total.js';

// A suppression with no reason suppresses nothing and is itself reported (unjustified-suppression).
// profilint-disable-next-line proxy-attribute
export function couponDiscountCents(lines: CartLine[], couponPercent: number): number {
  return Math.round((cartTotal(lines) * couponPercent) / 100);
}
