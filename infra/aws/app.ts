import { createApp } from "./gov-service-app.ts";

// The CLI runs this file (cdk.json) with CDK_OUTDIR set, so the app synthesizes itself when the process ends.
createApp();
