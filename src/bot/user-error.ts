export { UserError } from '../domain/user-error.js';
