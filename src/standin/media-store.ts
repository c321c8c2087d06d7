import { randomBytes } from 'node:crypto';
import { type WecomError, wecomError } from './http-io.js';

/** Temporary media (platform doc §7): media_id valid 3 days; per-type size and format limits from §7.1. */

const MB = 1024 * 1024;
const TTL_MS = 3 * 24 * 3600 * 1000;

export type MediaType = 'image' | 'voice' | 'video' | 'file';

interface Rule {
  maxBytes: number;
  /** WeCom checks the format: JPG/PNG, AMR, MP4. */
  looksValid?: (data: Buffer) => boolean;
}

const startsWith = (data: Buffer, magic: string, at = 0) =>
  data.subarray(at, at + magic.length / 2).equals(Buffer.from(magic, 'hex'));

const RULES: Record<MediaType, Rule> = {
  image: {
    maxBytes: 10 * MB,
    looksValid: (d) => startsWith(d, 'ffd8ff') || startsWith(d, '89504e470d0a1a0a'),
  },
  voice: { maxBytes: 2 * MB, looksValid: (d) => d.subarray(0, 6).toString('latin1') === '#!AMR\n' },
  video: { maxBytes: 10 * MB, looksValid: (d) => d.subarray(4, 8).toString('latin1') === 'ftyp' },
  file: { maxBytes: 20 * MB },
};

export const isMediaType = (t: string | null): t is MediaType => t !== null && Object.hasOwn(RULES, t);

export function checkUpload(type: MediaType, data: Buffer): WecomError | undefined {
  const rule = RULES[type];
  if (data.length <= 5) return wecomError(40006, 'invalid file size: must be more than 5 bytes');
  if (data.length > rule.maxBytes)
    return wecomError(45001, `media size out of limit: ${type} max ${rule.maxBytes} bytes`);
  if (rule.looksValid && !rule.looksValid(data)) return wecomError(40004, `invalid media type for ${type}`);
  return undefined;
}

/** Best guess for seeded media, whose type the caller does not state. */
export function mediaTypeFor(contentType: string): MediaType {
  if (contentType.startsWith('image/')) return 'image';
  if (contentType.startsWith('audio/')) return 'voice';
  if (contentType.startsWith('video/')) return 'video';
  return 'file';
}

export interface StoredMedia {
  mediaId: string;
  type: MediaType;
  filename: string;
  contentType: string;
  data: Buffer;
  createdAt: number;
}

export class MediaStore {
  readonly #items = new Map<string, StoredMedia>();

  put(data: Buffer, filename: string, contentType: string, type: MediaType): StoredMedia {
    const media: StoredMedia = {
      mediaId: `3${randomBytes(30).toString('base64url')}`,
      type,
      filename,
      contentType,
      data,
      createdAt: Date.now(),
    };
    this.#items.set(media.mediaId, media);
    return media;
  }

  get(mediaId: string | null): StoredMedia | undefined {
    const media = mediaId === null ? undefined : this.#items.get(mediaId);
    return media && Date.now() - media.createdAt < TTL_MS ? media : undefined;
  }

  clear(): void {
    this.#items.clear();
  }
}
