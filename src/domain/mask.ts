/** Phones are only ever shown masked: 13800001234 → 138****1234; landlines keep area code and last 2 digits. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '未登记';
  const digits = phone.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '****';
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}
