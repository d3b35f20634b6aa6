import { clock } from "#shared/clock.ts";
import { INTEGRATION_SECRETS } from "#shared/config/integrations.ts";
import { secretValue } from "#shared/config/secrets.ts";
import { signedHeaders } from "#shared/webhooks/signature.ts";

/** The hotline answered something other than 2xx, or could not be reached: the queue retries the callback. */
export class HotlineUnavailableError extends Error {
  override name = "HotlineUnavailableError";
}

/**
 * Our callbacks to the 12345 hotline (signed for, reply, follow-up), signed like its webhook (DESIGN.md). Settings
 * are read when a callback is sent, so functions that never call back need neither the URL nor the secret.
 */
export function hotlineClient(env: NodeJS.ProcessEnv = process.env, timeoutMs = 5000) {
  return {
    async send(callback: { callbackId: string } & Record<string, unknown>): Promise<void> {
      const url = env.HOTLINE_CALLBACK_URL;
      if (!url) throw new HotlineUnavailableError("HOTLINE_CALLBACK_URL is not configured.");
      const secret = await secretValue(INTEGRATION_SECRETS.hotline, env);
      const body = JSON.stringify(callback);
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...signedHeaders(secret, body, clock.now(), callback.callbackId),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new HotlineUnavailableError(`The hotline could not be reached: ${(error as Error).name}`);
      }
      await res.body?.cancel();
      if (!res.ok) throw new HotlineUnavailableError(`The hotline answered ${res.status}.`);
    },
  };
}
