/** An insert refused only by unique indexes (E11000): one document, or every failure of a bulk insert. */
export function isDuplicateKeyError(error: unknown): boolean {
  const e = error as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  if (Array.isArray(e?.writeErrors) && e.writeErrors.length > 0) {
    return e.writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
  }
  return e?.code === 11000;
}
