import { readFileSync, realpathSync } from "node:fs";
import { SourceMap } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { BUNDLE_OPTIONS, REPO_ROOT } from "#infra/aws/constructs/service-function.ts";
import { model } from "#infra/manifest.ts";

/**
 * `npm run symbolicate -- <function id> [--file stack.txt]`: a stack trace a deployed function logged, back in the
 * sources. Functions run without `--enable-source-maps` (its parse costs every cold start, issue 21), so their
 * traces point into the one minified line of `index.js`; this builds that function's bundle again, as CDK builds it
 * (`BUNDLE_OPTIONS`, from a checkout of the deployed commit), and maps every `index.js:<line>:<column>` frame of the
 * trace (stdin, or `--file`) through its source map. The asset's own `index.js.map`, beside the deployed code, maps
 * the same way: `--map path/to/index.js.map`.
 */
const FRAME = /(?:[^\s()]*\/)?index\.js:(\d+):(\d+)/g;

/** The function's bundle as CDK builds it: its code and its source map. */
export async function bundleOf(functionId: string): Promise<{ code: string; map: SourceMap }> {
  const fn = model.functions.find((f) => f.id === functionId);
  if (!fn) throw new Error(`No function ${functionId} in the manifest (e.g. ${model.functions[0]!.id})`);
  const { outputFiles } = await build({
    ...BUNDLE_OPTIONS,
    absWorkingDir: REPO_ROOT,
    entryPoints: [join(REPO_ROOT, fn.entry)],
    outfile: join(REPO_ROOT, ".local/symbolicate/index.js"),
    write: false,
    logLevel: "silent",
  });
  const map = outputFiles?.find((f) => f.path.endsWith(".map"));
  const code = outputFiles?.find((f) => f.path.endsWith(".js"));
  if (!map || !code) throw new Error("esbuild wrote no bundle or no source map");
  return { code: code.text, map: new SourceMap(JSON.parse(map.text) as never) };
}

/** The trace with each bundle frame followed by where it is in the sources. */
export function symbolicate(trace: string, map: SourceMap): string {
  return trace.replace(FRAME, (frame, line: string, column: string) => {
    const origin = map.findOrigin(Number(line), Number(column));
    if (!("fileName" in origin)) return frame;
    // Sources are named relative to the bundle's folder: from the repository root once the `../` are gone.
    const file = origin.fileName.replace(/^(\.\.\/)+/, "");
    return `${file}:${origin.lineNumber}:${origin.columnNumber}${origin.name ? ` (${origin.name})` : ""}`;
  });
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { file: { type: "string" }, map: { type: "string" } },
  });
  const [functionId] = positionals;
  if (!functionId && !values.map) {
    process.stderr.write(
      "usage: npm run symbolicate -- <function id> [--file stack.txt] [--map index.js.map]\n",
    );
    process.exit(2);
  }
  const map = values.map
    ? new SourceMap(JSON.parse(readFileSync(values.map, "utf8")) as never)
    : (await bundleOf(functionId!)).map;
  const trace = readFileSync(values.file ?? 0, "utf8");
  process.stdout.write(symbolicate(trace, map));
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) await main();
