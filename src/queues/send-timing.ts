/**
 * WeCom asks senders to avoid the top and the half of the hour, when most apps fire and delivery lags.
 * A scheduled fan-out whose time falls within two minutes of :00 or :30 is moved 2–6 minutes later;
 * any other is spread over a minute so batches do not all leave in the same second.
 */
export function fanoutDelayMs(scheduledAt: Date, random: () => number = Math.random): number {
  // The crowd follows China time (UTC+8, a whole hour), so UTC minutes mark the same moments.
  const minute = scheduledAt.getUTCMinutes() % 30;
  const nearCrowdedMinute = minute < 2 || minute >= 28;
  const base = nearCrowdedMinute ? (minute >= 28 ? 30 - minute : 0) * 60_000 + 2 * 60_000 : 0;
  const spread = nearCrowdedMinute ? 4 * 60_000 : 60_000;
  return base + Math.floor(random() * spread);
}
