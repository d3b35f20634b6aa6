/**
 * Settings Powertools and the SDK read when their modules load: `npm start` sets them before importing anything else.
 * Metrics go to CloudWatch in AWS; locally they would only be noise on stdout.
 */
export function localProcessEnvironment(logLevel: string): Record<string, string> {
  return {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    POWERTOOLS_LOG_LEVEL: logLevel,
    POWERTOOLS_METRICS_DISABLED: "true",
    POWERTOOLS_METRICS_NAMESPACE: "GovService",
    POWERTOOLS_SERVICE_NAME: "govservice-local",
  };
}
