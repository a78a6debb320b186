import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { reasons, type ErrorBody, type ReasonCode } from '../../../contracts/reasons.ts';
import { AppError } from '../errors.ts';

/** Fastify's own error codes, mapped into the one vocabulary. */
const fastifyCodes: Record<string, ReasonCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
};

function body(code: ReasonCode, extra: Omit<ErrorBody, 'code' | 'message'> = {}): ErrorBody {
  return { code, message: reasons[code].message, ...extra };
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof AppError) {
        if (error.status >= 500) request.log.error({ err: error }, error.code);
        return reply.status(error.status).send(error.toBody());
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const issues = error.validation.map((v) => ({
          path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
          message: v.message ?? '格式不正确',
        }));
        return reply.status(400).send(body('validation_failed', { issues }));
      }
      const mapped = error.code ? fastifyCodes[error.code] : undefined;
      if (mapped) return reply.status(reasons[mapped].status).send(body(mapped));
      if (error.statusCode === 429) return reply.status(429).send(body('rate_limited'));
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        request.log.info({ err: error }, 'client error');
        return reply.status(error.statusCode).send(body('bad_request'));
      }
      // Never leak a stack trace or an internal message to the client.
      request.log.error({ err: error }, 'unhandled error');
      return reply.status(500).send(body('internal_error'));
    });
  },
  { name: 'errors' },
);
