/**
 * Kept only for test/integration/cn-messaging.test.ts, which imports `#services/delivery/events.ts`: delivery's
 * published events are its contract, services/delivery/contract/ (issue 22). Delete this file once that import reads
 * `#services/delivery/contract/events.ts`.
 */
export * from "./contract/events.ts";
