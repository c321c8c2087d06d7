import { type Connection, type Model, Schema, type Types } from 'mongoose';

/**
 * 微信客服 (kf): residents on plain WeChat. One kf account per community; a resident is known by the
 * external_userid WeCom gives them in this corp.
 */

/** A kf account the app manages, the community it serves, and how far its messages have been pulled. */
export interface KfAccount {
  openKfId: string;
  name: string;
  /** The community whose residents write to this account (null: the deployment's first community). */
  communityId: Types.ObjectId | null;
  /** sync_msg's next_cursor, saved only after the batch it ends was stored. */
  cursor: string;
  cursorAt: Date | null;
  /** The residents' link (kf/add_contact_way), made once. */
  contactUrl: string;
  createdAt?: Date;
  updatedAt?: Date;
}

const KfAccountSchema = new Schema<KfAccount>(
  {
    openKfId: { type: String, required: true },
    name: { type: String, default: '' },
    communityId: { type: Schema.Types.ObjectId, default: null },
    cursor: { type: String, default: '' },
    cursorAt: { type: Date, default: null },
    contactUrl: { type: String, default: '' },
  },
  { timestamps: true },
);
KfAccountSchema.index({ openKfId: 1 }, { unique: true });

/**
 * One resident talking to one kf account: when they last wrote (the 48 h window), how many messages we sent
 * since (at most 5), and whether a person took the session over (the bot is silent until it ends).
 */
export interface KfContact {
  openKfId: string;
  externalUserId: string;
  lastCustomerAt: Date | null;
  sentSince: number;
  handedOver: boolean;
  handedOverTo: string;
  createdAt?: Date;
  updatedAt?: Date;
}

const KfContactSchema = new Schema<KfContact>(
  {
    openKfId: { type: String, required: true },
    externalUserId: { type: String, required: true },
    lastCustomerAt: { type: Date, default: null },
    sentSince: { type: Number, default: 0 },
    handedOver: { type: Boolean, default: false },
    handedOverTo: { type: String, default: '' },
  },
  { timestamps: true },
);
KfContactSchema.index({ openKfId: 1, externalUserId: 1 }, { unique: true });
KfContactSchema.index({ externalUserId: 1, lastCustomerAt: -1 });

/** Every pulled kf message id: a re-pull (crash, lost cursor) never handles a message twice. */
export interface KfInbox {
  msgid: string;
  openKfId: string;
  sendTime: Date;
}

const KfInboxSchema = new Schema<KfInbox>({
  msgid: { type: String, required: true },
  openKfId: { type: String, required: true },
  sendTime: { type: Date, required: true },
});
KfInboxSchema.index({ msgid: 1 }, { unique: true });

/**
 * Every message meant for a resident through kf: sent, or held (window closed, over 5, session not ours,
 * msg_send_fail) until they next write, then delivered. The msgid is what WeCom saw.
 */
export interface KfOutbox {
  /** Outbound job id + part: a retried job finds its parts. */
  key: string;
  msgid: string;
  openKfId: string;
  externalUserId: string;
  text: string;
  /** The complaint the message is about (its handler hears when it is held). */
  complaintId: Types.ObjectId | null;
  state: 'sent' | 'held' | 'delivered';
  heldReason: string;
  at: Date;
  createdAt?: Date;
  updatedAt?: Date;
}

const KfOutboxSchema = new Schema<KfOutbox>(
  {
    key: { type: String, required: true },
    msgid: { type: String, required: true },
    openKfId: { type: String, required: true },
    externalUserId: { type: String, required: true },
    text: { type: String, required: true },
    complaintId: { type: Schema.Types.ObjectId, default: null },
    state: { type: String, enum: ['sent', 'held', 'delivered'], required: true },
    heldReason: { type: String, default: '' },
    at: { type: Date, required: true },
  },
  { timestamps: true },
);
KfOutboxSchema.index({ key: 1 }, { unique: true });
KfOutboxSchema.index({ msgid: 1 });
KfOutboxSchema.index({ externalUserId: 1, state: 1, at: 1 });

export const kfModels = (db: Connection) => ({
  KfAccount: (db.models.KfAccount ?? db.model<KfAccount>('KfAccount', KfAccountSchema)) as Model<KfAccount>,
  KfContact: (db.models.KfContact ?? db.model<KfContact>('KfContact', KfContactSchema)) as Model<KfContact>,
  KfInbox: (db.models.KfInbox ?? db.model<KfInbox>('KfInbox', KfInboxSchema)) as Model<KfInbox>,
  KfOutbox: (db.models.KfOutbox ?? db.model<KfOutbox>('KfOutbox', KfOutboxSchema)) as Model<KfOutbox>,
});
