import { ZavaError } from '../errors.js';

export function ownerOnly(): ZavaError {
  return new ZavaError('internal', 'scripts run only in owner transactions');
}
