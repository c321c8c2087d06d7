import { type Connection, type InferSchemaType, type Model, Schema } from 'mongoose';

/**
 * 微信客服 (kf): residents on plain WeChat. One kf account per community; a resident is known by the
 * external_userid WeCom gives them in this corp.
 */

/** A kf account the app manages, the community it serves, and how far its messages have been pulled. */
const KfAccountSchema = new Schema(
  {
    openKfId: { type: String, required: true },
    name: { type: String, default: '' },
    /** The community whose residents write to this account (null: the deployment's first community). */
    communityId: { type: Schema.Types.ObjectId, default: null },
    /** sync_msg's next_cursor, saved only after the batch it ends was stored. */
    cursor: { type: String, default: '' },
    cursorAt: { type: Date, default: null },
    /** The resident QR-code link (kf/add_contact_way), made once. */
    contactUrl: { type: String, default: '' },
  },
  { timestamps: true },
);
KfAccountSchema.index({ openKfId: 1 }, { unique: true });

/**
 * One resident talking to one kf account: when they last wrote (the 48 h window), how many messages we sent
 * since (at most 5), and whether a person took the session over (the bot is silent until it ends).
 */
const KfContactSchema = new Schema(
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
const KfInboxSchema = new Schema({
  msgid: { type: String, required: true },
  openKfId: { type: String, required: true },
  sendTime: { type: Date, required: true },
});
KfInboxSchema.index({ msgid: 1 }, { unique: true });

/**
 * Every message meant for a resident through kf: sent, or held (window closed, over 5, session not ours,
 * msg_send_fail) until they next write, then delivered. The msgid is what WeCom saw.
 */
const KfOutboxSchema = new Schema(
  {
    /** Outbound job id + part: a retried job finds its parts. */
    key: { type: String, required: true },
    msgid: { type: String, required: true },
    openKfId: { type: String, required: true },
    externalUserId: { type: String, required: true },
    text: { type: String, required: true },
    /** The complaint the message is about (its handler hears when it is held). */
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

export type KfAccount = InferSchemaType<typeof KfAccountSchema>;
export type KfContact = InferSchemaType<typeof KfContactSchema>;
export type KfOutbox = InferSchemaType<typeof KfOutboxSchema>;

export const kfModels = (db: Connection) => ({
  KfAccount: (db.models.KfAccount ?? db.model('KfAccount', KfAccountSchema)) as Model<KfAccount>,
  KfContact: (db.models.KfContact ?? db.model('KfContact', KfContactSchema)) as Model<KfContact>,
  KfInbox: (db.models.KfInbox ?? db.model('KfInbox', KfInboxSchema)) as Model<
    InferSchemaType<typeof KfInboxSchema>
  >,
  KfOutbox: (db.models.KfOutbox ?? db.model('KfOutbox', KfOutboxSchema)) as Model<KfOutbox>,
});
