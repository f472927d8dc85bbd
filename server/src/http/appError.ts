/** The one way routes and services report a refusal: a code from shared/errors.ts and a message for people. */
import { ERROR_CODES, type ErrorCode } from '../../../shared/errors.ts';

export class AppError extends Error {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
    this.statusCode = ERROR_CODES[code];
  }
}

export const badRequest = (message: string, details?: unknown): AppError => new AppError('BAD_REQUEST', message, details);
export const forbidden = (message = 'You may not do that.'): AppError => new AppError('FORBIDDEN', message);
export const notFound = (what = 'That'): AppError => new AppError('NOT_FOUND', `${what} was not found.`);
export const unauthorized = (): AppError => new AppError('UNAUTHORIZED', 'Sign in first.');
export const conflict = (message: string): AppError => new AppError('CONFLICT', message);
