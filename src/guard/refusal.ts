/**
 * Thrown inside the guard to stop at the first problem; checkModelSql turns it
 * into a refused verdict. Never escapes the guard's public functions.
 */
export class GuardRefusal extends Error {
  constructor(
    readonly reason: string,
    /** UTF-8 byte offset into the model's SQL, when the parser knows one. */
    readonly byteOffset?: number,
  ) {
    super(reason);
    this.name = 'GuardRefusal';
  }
}

export function refuse(reason: string, byteOffset?: number): never {
  throw new GuardRefusal(reason, byteOffset !== undefined && byteOffset >= 0 ? byteOffset : undefined);
}
