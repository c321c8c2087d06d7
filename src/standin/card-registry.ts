import { randomBytes } from 'node:crypto';
import { type WecomError, wecomError } from './http-io.js';

/** response_code lives 72 h and is single use (platform doc §5.5). */
const CODE_TTL_MS = 72 * 3600 * 1000;

export interface IssuedCode {
  taskId: string;
  userids: string[];
  expiresAt: number;
  used: boolean;
}

/** task_ids ever sent by the app, and the response_codes handed out by send and by card-click callbacks. */
export class CardRegistry {
  readonly #taskIds = new Set<string>();
  readonly #codes = new Map<string, IssuedCode>();

  /** "同一个应用任务id不能重复": unique per app forever. Returns false if already used. */
  claimTask(taskId: string): boolean {
    if (this.#taskIds.has(taskId)) return false;
    this.#taskIds.add(taskId);
    return true;
  }

  issue(taskId: string, userids: string[]): string {
    const code = randomBytes(32).toString('base64url');
    this.#codes.set(code, { taskId, userids, expiresAt: Date.now() + CODE_TTL_MS, used: false });
    return code;
  }

  consume(code: unknown): IssuedCode | WecomError {
    const issued = typeof code === 'string' ? this.#codes.get(code) : undefined;
    if (!issued || Date.now() >= issued.expiresAt)
      return wecomError(40058, 'invalid parameter: response_code');
    if (issued.used) return wecomError(42022, 'response_code has been used');
    issued.used = true;
    return issued;
  }

  clear(): void {
    this.#taskIds.clear();
    this.#codes.clear();
  }
}
