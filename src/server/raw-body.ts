import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body exceeds ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads the whole body as UTF-8, refusing (without buffering the rest) anything over `limit` bytes. Plain
 * 'data'/'end' listeners, not an async iterator: this is on the webhook's hot path, and a callback body
 * comes in one chunk, decoded without a copy.
 */
export function readRawBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.destroy();
        reject(new BodyTooLargeError(limit));
      } else chunks.push(chunk);
    });
    req.on('end', () =>
      resolve((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString('utf8')),
    );
    req.on('error', reject);
  });
}
