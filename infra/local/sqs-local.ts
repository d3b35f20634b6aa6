import { createSqsServer } from "local-aws-sqs";
import { assertPortFree } from "./prerequisites.ts";

export interface SqsLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** local-aws-sqs, in this process (AWS JSON protocol), on loopback only. */
export async function startSqsLocal(options: { port: number }): Promise<SqsLocal> {
  if (options.port !== 0) {
    await assertPortFree(
      options.port,
      "the local SQS server",
      "another `npm start` running? Stop it or set SQS_PORT.",
    );
  }
  const server = await createSqsServer({
    port: options.port,
    hostname: "127.0.0.1",
    emulateQueueCreationLifecycle: false,
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
