import { AppError, type ErrorCode, type FieldError } from '../../../platform/errors.ts';

/**
 * Why a CSAF document was refused, machine-readable:
 * - `too-large`: more bytes than the configured limit
 * - `encoding`: not UTF-8
 * - `malformed-json`: not JSON
 * - `not-csaf`: JSON, but not an object with a `document` object
 * - `invalid`: fails the CSAF 2.0 JSON schema (strict) or a mandatory test (section 6.1)
 */
export type CsafErrorReason = 'too-large' | 'encoding' | 'malformed-json' | 'not-csaf' | 'invalid';

/** One problem, located by a JSON pointer (RFC 6901) into the CSAF document. */
export interface CsafProblem extends FieldError {
  /** `schema` for the JSON schema, `6.1.1` … for mandatory tests, else the reason. */
  test: string;
}

const CODE_FOR_REASON: Record<CsafErrorReason, ErrorCode> = {
  'too-large': 'payload-too-large',
  encoding: 'validation-failed',
  'malformed-json': 'validation-failed',
  'not-csaf': 'validation-failed',
  invalid: 'validation-failed',
};

/** The only error `readCsaf` throws. Maps to a 400/413 problem document listing every problem. */
export class CsafError extends AppError {
  readonly reason: CsafErrorReason;
  readonly problems: CsafProblem[];

  constructor(reason: CsafErrorReason, problems: CsafProblem[], options: { cause?: unknown } = {}) {
    const first = problems[0];
    const detail =
      problems.length === 0
        ? `CSAF: ${reason}`
        : `CSAF: ${first?.pointer || '/'}: ${first?.message}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}`;
    super(CODE_FOR_REASON[reason], {
      detail,
      errors: problems,
      extensions: { reason, tests: [...new Set(problems.map((p) => p.test))] },
      cause: options.cause,
    });
    this.name = 'CsafError';
    this.reason = reason;
    this.problems = problems;
  }
}
