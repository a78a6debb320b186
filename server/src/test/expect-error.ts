import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** The response is the refusal a user would see: this HTTP status with this reason code. */
export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
}
