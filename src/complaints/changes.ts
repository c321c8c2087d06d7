import type { HydratedDocument, Types, UpdateQuery } from 'mongoose';
import { UserError } from '../bot/user-error.js';
import type { Complaint, ComplaintHistoryEntry } from '../models/complaint.js';
import type { Models } from '../models/index.js';

export type ComplaintDoc = HydratedDocument<Complaint>;

/** What one change does to a complaint, decided on the version it read. */
export interface Change {
  update: UpdateQuery<Complaint>;
  /** The history entry the change adds, if it is a step (attaching a photo is not). */
  entry?: Omit<ComplaintHistoryEntry, 'version'>;
}

export interface Applied {
  complaint: ComplaintDoc;
  /** The version this source's change produced (a retried source's change is found, not written again). */
  version: number;
}

/** The step that produced `version`, if it was one. */
export const entryAt = (complaint: Complaint, version: number): ComplaintHistoryEntry | undefined =>
  complaint.history.find((h) => h.version === version);

/** A claim older than this belongs to a writer that died between claiming and writing. */
const STALE_CLAIM_MS = 30_000;
const MAX_TRIES = 40;

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Applies one change to a complaint, exactly once per source (the inbound message, timer or photo that
 * caused it). The change is decided on the complaint as read — `decide` returns a refusal (shown to the
 * person) or the change — and written only by the writer that claimed the next version in ComplaintStep,
 * whose unique index FerretDB does enforce under concurrency (its conditional updates are not exclusive).
 * A writer that lost the claim re-reads and decides again on what the winner wrote.
 */
export async function applyChange(
  models: Models,
  complaintId: Types.ObjectId,
  sourceKey: string,
  now: Date,
  decide: (complaint: ComplaintDoc) => Change | string,
): Promise<Applied> {
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const complaint = await models.Complaint.findById(complaintId);
    if (!complaint) throw new Error(`complaint ${String(complaintId)} vanished`);
    const mine = await models.ComplaintStep.findOne({ sourceKey }).lean();
    if (mine && complaint.version >= mine.version) return { complaint, version: mine.version };

    const decision = decide(complaint);
    if (typeof decision === 'string') throw new UserError(decision);
    const version = complaint.version + 1;
    if (!mine) {
      try {
        await models.ComplaintStep.create({ complaintId, version, sourceKey, at: now });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        await releaseStaleClaim(models, complaintId, version, now);
        await pause(10 + Math.random() * 40);
        continue;
      }
    }
    const { $set, $push, ...rest } = decision.update;
    await models.Complaint.updateOne(
      { _id: complaintId, version: complaint.version },
      {
        ...rest,
        $set: { ...$set, version },
        ...(decision.entry || $push
          ? { $push: { ...$push, ...(decision.entry && { history: { ...decision.entry, version } }) } }
          : {}),
      },
    );
    const written = await models.Complaint.findById(complaintId);
    return { complaint: written!, version };
  }
  throw new Error(`complaint ${String(complaintId)}: no change after ${MAX_TRIES} tries`);
}

async function releaseStaleClaim(models: Models, complaintId: Types.ObjectId, version: number, now: Date) {
  const claim = await models.ComplaintStep.findOne({ complaintId, version }).lean();
  if (claim && now.getTime() - claim.at.getTime() > STALE_CLAIM_MS) {
    await models.ComplaintStep.deleteOne({ _id: claim._id });
  }
}
