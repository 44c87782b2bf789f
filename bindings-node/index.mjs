// ESM entry: re-exports the CommonJS package (one module instance, one native addon).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const sdk = require('./index.js');

export const {
  CryptoTopCard,
  VERSION,
  verifyWebhook,
  constructEvent,
  generateTestSignature,
  toCents,
  fromCents,
  Page,
  APIPromise,
  PagePromise,
  CryptoTopCardError,
  APIError,
  BadRequestError,
  InsufficientFundsError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ValidationError,
  ConfigurationError,
  WebhookVerificationError,
  InternalError,
} = sdk;
export * from './models.mjs';
export default sdk.CryptoTopCard;
