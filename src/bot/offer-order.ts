/**
 * The order a photo or location is offered to commands: the one waiting for an answer from this person first
 * (the media most likely answers its question), then the rest as registered.
 */
export function offerOrder<C extends { id: string }>(
  commands: readonly C[],
  waitingId: string | undefined,
): C[] {
  const waiting = commands.find((c) => c.id === waitingId);
  return waiting ? [waiting, ...commands.filter((c) => c !== waiting)] : [...commands];
}
