/**
 * How the bot addresses a resident on plain WeChat: `kf:<external_userid>`. A corp userid never holds a
 * colon (letters, digits, _ - @ . only), so the two cannot be confused, and everything that keys on a
 * userid (complaint reporters, followers, dialogues) works unchanged.
 */
const PREFIX = 'kf:';

export const kfAddress = (externalUserId: string): string => `${PREFIX}${externalUserId}`;

export const isKfAddress = (userId: string): boolean => userId.startsWith(PREFIX);

/** The external_userid of a kf address (null for a corp userid). */
export const externalUserIdOf = (userId: string): string | null =>
  isKfAddress(userId) ? userId.slice(PREFIX.length) : null;
