import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types'

/**
 * A bounded exponential backoff with jitter, plugged into the AWS SDK's retry middleware: the SDK classifies the
 * error and waits; this decides whether and how long. `retryableNames` adds client errors worth another attempt
 * that the SDK does not classify as transient (Bedrock's 408 ModelTimeoutException, for one).
 */
export class BoundedRetryStrategy implements RetryStrategyV2 {
  constructor(
    private readonly maxAttempts: number,
    private readonly baseDelayMs: number,
    private readonly opts: { maxDelayMs?: number; retryableNames?: ReadonlySet<string> } = {}
  ) {}

  acquireInitialRetryToken(): Promise<RetryToken> {
    return Promise.resolve(token(0, 0))
  }

  refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const retries = previous.getRetryCount() + 1
    const name = (info.error as { name?: string } | undefined)?.name ?? ''
    const retryable = info.errorType !== 'CLIENT_ERROR' || (this.opts.retryableNames?.has(name) ?? false)
    if (!retryable || retries >= this.maxAttempts) return Promise.reject(info.error ?? new Error('no retry'))
    const maxDelay = this.opts.maxDelayMs ?? 20_000
    const ceiling = Math.min(maxDelay, this.baseDelayMs * 2 ** (retries - 1))
    let delay = ceiling / 2 + Math.random() * (ceiling / 2)
    if (info.retryAfterHint instanceof Date) {
      delay = Math.max(delay, Math.min(info.retryAfterHint.getTime() - Date.now(), maxDelay))
    }
    return Promise.resolve(token(retries, Math.round(delay)))
  }

  recordSuccess(): void {}
}

function token(count: number, delay: number): RetryToken {
  return { getRetryCount: () => count, getRetryDelay: () => delay }
}
