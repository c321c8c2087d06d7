/**
 * A problem the person can fix: becomes a short Chinese reply, logged at info, never as an error. Defined here,
 * below everything, so a pure parser can say 「没有2月30日这一天」 for every command that reads a date or number.
 */
export class UserError extends Error {
  constructor(readonly reply: string) {
    super(reply);
    this.name = 'UserError';
  }
}
