import { type Logger, pino } from 'pino';

export type { Logger };

/** Keys that may carry secrets or personal data; pino replaces their values wherever they appear. */
const REDACT = [
  'secret',
  'token',
  'access_token',
  'encodingAesKey',
  'mobile',
  'phone',
  '*.secret',
  '*.token',
  '*.access_token',
  '*.encodingAesKey',
  '*.mobile',
  '*.phone',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'dangjian' } },
    destination,
  );
}
