/** A line in the shopping cart. */
export interface CartLine {
  sku: string;
  unitPriceCents: number;
  quantity: number;
}

/** The cart total in cents, before tax and shipping. */
export function cartTotal(lines: CartLine[]): number {
  return lines.reduce((total, line) => total + line.unitPriceCents * line.quantity, 0);
}

/** Free shipping from 50 euros; ordinary business logic that profiles nobody. */
export function qualifiesForFreeShipping(lines: CartLine[]): boolean {
  return cartTotal(lines) >= 5_000;
}
