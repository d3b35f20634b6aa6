/**
 * Bench-only: the bytes the handlers log while a case runs, at the level a deployed function logs at (INFO — the
 * stacks set no POWERTOOLS_LOG_LEVEL), for CloudWatch Logs' ingestion price. Every handler of the local runtime runs
 * in this process and shares shared/observability.ts's one logger, and Powertools writes its JSON lines (log records
 * and the metrics' EMF documents alike) to stdout: while metering, each JSON line is counted and kept off the terminal;
 * anything else passes through. Metrics, which the local runtime turns off (POWERTOOLS_METRICS_DISABLED), are turned
 * on meanwhile: in AWS their EMF documents are log lines too. Level and switch come back when metering ends.
 * shared/observability.ts is imported only then, after the stack has set the environment its logger reads.
 */
export function meterLogs() {
  let bytes = 0;
  let restore: (() => void) | undefined;
  return {
    async start(): Promise<void> {
      if (restore) return;
      const { logger, metrics } = await import("#shared/observability.ts");
      const switchable = metrics as unknown as { disabled: boolean };
      const [level, disabled] = [logger.getLevelName(), switchable.disabled];
      const write = process.stdout.write.bind(process.stdout);
      logger.setLogLevel("INFO");
      switchable.disabled = false;
      process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
        if (text.startsWith("{")) {
          bytes += Buffer.byteLength(text);
          const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
          done?.();
          return true;
        }
        return write(chunk, ...(rest as []));
      }) as typeof process.stdout.write;
      restore = () => {
        process.stdout.write = write;
        logger.setLogLevel(level);
        switchable.disabled = disabled;
      };
    },
    reset(): void {
      bytes = 0;
    },
    taken(): number {
      return bytes;
    },
    stop(): void {
      restore?.();
      restore = undefined;
    },
  };
}
