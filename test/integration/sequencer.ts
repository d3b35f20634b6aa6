import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The integration files share one virtual clock that only moves forward. The files that move it furthest run last,
 * so the others meet the dates they were written for: `schedules.test.ts` jumps to December to see the calendar
 * coverage warning (deadlines set then reach the unpublished 2027); the ratings file moves it days ahead to see a
 * rectification clock warn. The contract test reads the answers of every file before it, so it is the very last.
 */
const LAST = [
  "test/integration/complaints-ratings.test.ts",
  "test/integration/schedules.test.ts",
  // Reads every answer the files before it received: it must come after all of them (issue 16).
  "test/integration/contract-answers.test.ts",
];

export default class IntegrationSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isLast = (f: TestSpecification) => LAST.some((path) => f.moduleId.endsWith(path));
    const rank = (f: TestSpecification) => LAST.findIndex((path) => f.moduleId.endsWith(path));
    return [...sorted.filter((f) => !isLast(f)), ...sorted.filter(isLast).sort((a, b) => rank(a) - rank(b))];
  }
}
