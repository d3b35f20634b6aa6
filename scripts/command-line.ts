import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * An operator command's arguments, parsed strictly (an unknown option is refused, not ignored), with `--help`/`-h`:
 * undefined after printing the parser's complaint and the usage, for the caller to exit with 2.
 */
export function commandLine<const O extends Options>(
  argv: string[],
  options: O,
  usage: string,
  err: (line: string) => void,
) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { ...options, help: { type: "boolean", short: "h", default: false } } as O & {
        help: { type: "boolean"; short: "h"; default: false };
      },
    });
  } catch (error) {
    err(`${(error as Error).message}\n${usage}`);
    return undefined;
  }
}
