/** A problem the person can fix: becomes a short Chinese reply, logged at info, never as an error. */
export class UserError extends Error {
  constructor(readonly reply: string) {
    super(reply);
    this.name = 'UserError';
  }
}
