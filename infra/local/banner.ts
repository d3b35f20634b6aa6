/**
 * How `npm start` tells the operator to sign calls to the 12345 webhook. A secret the operator set is theirs and is
 * never echoed (terminals are logged and screens are shared); only the development value is shown, to sign test calls.
 */
export function webhookBanner(url: string, secret: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return [
    env.HOTLINE_WEBHOOK_SECRET
      ? `12345 webhook: POST ${url}/v1/hotline/work-orders signed with the HOTLINE_WEBHOOK_SECRET you set`
      : `12345 webhook: POST ${url}/v1/hotline/work-orders signed with HOTLINE_WEBHOOK_SECRET="${secret}" (a development value)`,
    "  our callbacks reach the fake hotline: GET /_local/hotline/callbacks",
  ];
}
