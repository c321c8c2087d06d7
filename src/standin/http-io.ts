import type { IncomingMessage, ServerResponse } from 'node:http';

export interface WecomError {
  errcode: number;
  errmsg: string;
}

export const wecomError = (errcode: number, errmsg: string): WecomError => ({ errcode, errmsg });

export const OK = { errcode: 0, errmsg: 'ok' } as const;

/**
 * Reads at most `limit` bytes. Beyond that it keeps draining (discarding) so the client can finish sending and
 * still read our 413, instead of seeing a reset connection.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? 'too-large' : Buffer.concat(chunks);
}

/** A JSON object body, or undefined for anything WeCom would answer 47001 to. */
export function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sendJson(res: ServerResponse, payload: object, status = 200): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
