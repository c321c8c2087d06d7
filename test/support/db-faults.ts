import { Collection, MongoNetworkError } from 'mongodb';

/** Driver calls that change data; every mongoose write goes through one of them. */
const WRITES = [
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'bulkWrite',
] as const;

/**
 * Where the lost connection strikes: `before` the write reaches the database (nothing written), or `after`
 * it was written and only the answer is lost — the case that doubles records if a retry is not keyed.
 */
export type FaultMoment = 'before' | 'after';

/** What the armed write suffers: a lost connection, or only a slow database (`slowMs`). */
type Strike = { moment: FaultMoment } | { slowMs: number };

type Armed = Strike & { db: string; nth: number; seen: number };

let armed: Armed | null = null;
const counts = new Map<string, number>();
let installed = false;

/** Wraps the driver's write methods once; a wrapped write counts itself and throws when it is the armed one. */
function install() {
  if (installed) return;
  installed = true;
  const proto = Collection.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of WRITES) {
    const original = proto[name]!;
    proto[name] = async function (this: Collection, ...args: unknown[]) {
      counts.set(this.dbName, (counts.get(this.dbName) ?? 0) + 1);
      const strike = armed?.db === this.dbName && ++armed.seen === armed.nth ? armed : null;
      if (strike) armed = null;
      const lost = () => new MongoNetworkError(`connection reset during ${name} (injected)`);
      const moment = strike && 'moment' in strike ? strike.moment : null;
      if (strike && 'slowMs' in strike) await new Promise((r) => setTimeout(r, strike.slowMs));
      if (moment === 'before') throw lost();
      const result = await original.apply(this, args);
      if (moment === 'after') throw lost();
      return result;
    };
  }
}

/** The `nth` write to database `db` from now on fails once, as if the connection dropped. */
export function failNthWrite(db: string, nth: number, moment: FaultMoment): void {
  install();
  armed = { db, nth, moment, seen: 0 };
}

/** The `nth` write to database `db` from now on takes `ms` longer, as on a loaded server. */
export function slowNthWrite(db: string, nth: number, ms: number): void {
  install();
  armed = { db, nth, slowMs: ms, seen: 0 };
}

/** True while the armed fault has not struck yet. */
export const faultPending = (): boolean => armed !== null;

export function disarm(): void {
  armed = null;
}

/** How many writes database `db` has received since counting began. */
export function writesTo(db: string): number {
  install();
  return counts.get(db) ?? 0;
}
