/**
 * The installer's error: an npm error `code` (`E404`, `EINTEGRITY`, …), the
 * process exit code, and extra lines npm prints under the message.
 */
export class NpmError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly detail: string[];

  constructor(code: string, message: string, options: { detail?: string[]; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NpmError';
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
    this.detail = options.detail ?? [];
  }
}

/** Formats an error the way npm 10+ prints it (`npm error code E404` …). */
export function formatNpmError(err: unknown, prefix = 'npm error'): string {
  if (err instanceof NpmError) {
    const lines = [`${prefix} code ${err.code}`, ...err.message.split('\n').map((l) => `${prefix} ${l}`), ...err.detail.map((l) => `${prefix} ${l}`)];
    return lines.join('\n') + '\n';
  }
  const e = err as { code?: unknown; message?: unknown; stack?: unknown };
  const lines: string[] = [];
  if (typeof e?.code === 'string') lines.push(`${prefix} code ${e.code}`);
  lines.push(`${prefix} ${String(e?.message ?? err)}`);
  return lines.join('\n') + '\n';
}
