import { reasons, type ErrorBody, type ReasonCode } from '../../contracts/reasons.ts';

/**
 * The one error the application throws on purpose. The error handler turns it
 * into `ErrorBody` with the code's HTTP status and Chinese message.
 */
export class AppError extends Error {
  readonly code: ReasonCode;
  readonly status: number;
  readonly issues: ErrorBody['issues'];
  readonly details: ErrorBody['details'];

  constructor(code: ReasonCode, options: { issues?: ErrorBody['issues']; details?: ErrorBody['details']; message?: string } = {}) {
    super(options.message ?? reasons[code].message);
    this.code = code;
    this.status = reasons[code].status;
    this.issues = options.issues;
    this.details = options.details;
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** Throws when a policy said no: `ensure(whyNotX(...))`. */
export function ensure(reason: ReasonCode | null): void {
  if (reason) throw new AppError(reason);
}

/** A missing row is a 404 with the vocabulary's message. */
export function found<T>(row: T | undefined | null): T {
  if (row === undefined || row === null) throw new AppError('not_found');
  return row;
}

/** Maps a PostgreSQL unique violation on a known constraint to a reason. */
export function uniqueViolation(error: unknown, byConstraint: Record<string, ReasonCode>): AppError | null {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return null;
  for (const [constraint, code] of Object.entries(byConstraint)) {
    if (e.constraint === constraint || e.message?.includes(constraint)) return new AppError(code);
  }
  return null;
}
