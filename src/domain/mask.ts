/** Phones are only ever shown masked: 13800001234 → 138****1234; landlines keep area code and last 2 digits. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '未登记';
  const digits = phone.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '****';
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}

/** Names are masked where people other than those who need them can read: 王桂兰 → 王**, 欧阳明 → 欧**. */
export function maskName(name: string | null | undefined): string {
  const chars = [...(name ?? '').trim()];
  if (chars.length === 0) return '居民';
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}
