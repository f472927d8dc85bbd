/** The refusals a poll or working-group route may answer with (their bodies are all ErrorResponse). */
import { ErrorResponse } from '../../../shared/schemas/common.ts';

export const REFUSALS = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
