import type { CallbackOutcome } from '../../wecom/callback.js';

/**
 * Which setting a rejected callback points at. A signature that does not match, or ciphertext that will not open,
 * is almost always a token or key copied wrong, not an attack: the operator should be told which one to check.
 */
const HINTS: Partial<Record<CallbackOutcome, string>> = {
  bad_signature:
    'WeCom callbacks fail the signature check: check WECOM_TOKEN — it must equal the Token of the app’s 接收消息 API settings',
  undecryptable:
    'WeCom callbacks do not decrypt: check WECOM_ENCODING_AES_KEY — it must equal the EncodingAESKey of the app’s 接收消息 API settings',
  foreign_receiver:
    'WeCom callbacks are for another corp: check WECOM_CORP_ID — it must equal the 企业ID under 我的企业',
};

const ONCE_PER_MS = 60_000;

/** The hint for `outcome`, at most once a minute per setting (a flood of bad callbacks must not flood the log). */
export function settingHints(now: () => Date): (outcome: CallbackOutcome) => string | null {
  const lastSaid = new Map<string, number>();
  return (outcome) => {
    const hint = HINTS[outcome];
    if (!hint) return null;
    const at = now().getTime();
    const last = lastSaid.get(outcome);
    if (last !== undefined && at - last < ONCE_PER_MS) return null;
    lastSaid.set(outcome, at);
    return hint;
  };
}
