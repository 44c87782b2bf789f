// Declarations of `cryptotopcard-sandbox` (used through `cryptotopcard/testing`, not directly).

/** The sandbox API server, running inside this process on 127.0.0.1 (a free port). */
export declare class NativeSandbox {
  /** Starts a sandbox; resolves once it listens. */
  static start(): Promise<NativeSandbox>;
  /** The base URL an SDK takes (`http://127.0.0.1:PORT/v1`). */
  get url(): string;
  /** Stops the server (idempotent). */
  stop(): void;
}

/** The version of the addon (the workspace version). */
export declare function nativeVersion(): string;
