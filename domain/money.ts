// Lumen prices arrive as strings with float noise ("$331.20000000000005"): keep them as integer cents.

const PRICE = /^\s*\$?\s*(-?)(\d+)(?:\.(\d+))?\s*$/;

/** Integer cents for "$0.46", "331.20000000000005", 12.5; undefined if unreadable. Rounds half up. */
export function priceToCents(price: string | number): number | undefined {
  const text = typeof price === 'number' ? (Number.isFinite(price) ? price.toFixed(6) : '') : price;
  const match = PRICE.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  const digits = (fraction + '000').slice(0, 3);
  let cents = Number(whole) * 100 + Number(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) cents += 1;
  return sign === '-' ? -cents : cents;
}

/** A decimal string with two places: 33120 → "331.20". */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
