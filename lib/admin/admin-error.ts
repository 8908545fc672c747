/** A refused admin change (duplicate email, last admin, unknown connection), with a message for the admin. */
export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdminError";
  }
}
