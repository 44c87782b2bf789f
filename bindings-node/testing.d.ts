import type { ClientOptions, CryptoTopCard } from './index';

/** A fresh sk_test_ key (a new, empty sandbox account). */
export declare function newTestKey(): string;

/**
 * The project's sandbox server, running inside this process on 127.0.0.1. It comes from the
 * separate package `cryptotopcard-sandbox` (`npm install --save-dev cryptotopcard-sandbox`);
 * without it, `start()` rejects with an Error whose `code` is `'ERR_CTC_SANDBOX_NOT_INSTALLED'`.
 */
export declare class Sandbox {
  static start(): Promise<Sandbox>;
  /** http://127.0.0.1:PORT/v1 */
  readonly url: string;
  /** A fresh sk_test_ key for this sandbox. */
  readonly apiKey: string;
  newApiKey(): string;
  /** A client for this sandbox (this sandbox's key unless `apiKey` is given). */
  client(options?: ClientOptions): CryptoTopCard;
  stop(): Promise<void>;
}
