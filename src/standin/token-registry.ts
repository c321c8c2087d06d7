import { randomBytes } from 'node:crypto';
import { type WecomError, wecomError } from './http-io.js';

/**
 * Issued access tokens. Every gettoken issues a fresh token and earlier ones stay valid until they expire:
 * the 2024 doc no longer promises the same token on refetch (platform doc §4), so a bot must not rely on either.
 */
export class TokenRegistry {
  readonly #expiresAt = new Map<string, number>();
  readonly #ttlMs: number;

  constructor(ttlSeconds: number) {
    this.#ttlMs = ttlSeconds * 1000;
  }

  issue(): string {
    const token = randomBytes(48).toString('base64url'); // 64 chars
    this.#expiresAt.set(token, Date.now() + this.#ttlMs);
    return token;
  }

  check(token: string | null): WecomError | undefined {
    if (!token) return wecomError(41001, 'access_token missing');
    const expiresAt = this.#expiresAt.get(token);
    if (expiresAt === undefined) return wecomError(40014, 'invalid access_token');
    if (Date.now() >= expiresAt) return wecomError(42001, 'access_token expired');
    return undefined;
  }

  /** WeCom may revoke tokens early; known tokens then answer 42001, not 40014. */
  expireAll(): void {
    for (const token of this.#expiresAt.keys()) this.#expiresAt.set(token, 0);
  }

  clear(): void {
    this.#expiresAt.clear();
  }
}
