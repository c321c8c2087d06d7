import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { createModels, type Models, syncIndexes } from '../../src/models/index.js';
import { MONGO_BASE } from './test-bot.js';

/** A database the test opens itself, beside what it runs (the roster CLI, a web-only bot's workers). */
export interface ScratchDb {
  uri: string;
  db: Connection;
  models: Models;
  /** Drops the database and closes the connection. */
  close(): Promise<void>;
}

/**
 * Opens `uri` (a fresh database of its own unless given); `indexes` builds the unique indexes first, for a test
 * that writes before anything else has (a bot's workers build them when they start).
 */
export async function openScratchDb(options: { uri?: string; indexes?: boolean } = {}): Promise<ScratchDb> {
  const uri = options.uri ?? `${MONGO_BASE}/t${randomBytes(6).toString('hex')}`;
  const db = await mongoose.createConnection(uri).asPromise();
  const models = createModels(db);
  if (options.indexes) await syncIndexes(models);
  return {
    uri,
    db,
    models,
    async close() {
      await db.dropDatabase();
      await db.close();
    },
  };
}
