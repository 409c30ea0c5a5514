// Checks the TypeScript declarations (assets/amocrm-notify.d.ts) with tsc: ok.ts, the reference's
// examples, must compile; bad.ts must fail on exactly the lines marked "error:" and no others.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const HERE = new URL(".", import.meta.url).pathname;
const TSC = new URL("../e2e/node_modules/typescript/bin/tsc", import.meta.url).pathname;
const OPTIONS = ["--strict", "--noEmit", "--target", "ES2020", "--lib", "ES2020,DOM", "--pretty", "false"];

function tsc(file) {
  const run = spawnSync(process.execPath, [TSC, ...OPTIONS, `${HERE}${file}`], { encoding: "utf8" });
  if (run.error) throw run.error;
  const lines = new Set([...run.stdout.matchAll(/\((\d+),\d+\): error TS/g)].map((m) => Number(m[1])));
  return { status: run.status, output: run.stdout + run.stderr, lines };
}

for (const file of ["ok.ts", "warns.ts"]) {
  const run = tsc(file);
  if (run.status !== 0) throw new Error(`${file} must compile:\n${run.output}`);
}

const bad = tsc("bad.ts");
const expected = new Set(
  readFileSync(`${HERE}bad.ts`, "utf8").split("\n").flatMap((line, i) => (line.includes("// error:") ? [i + 1] : [])),
);
const missing = [...expected].filter((line) => !bad.lines.has(line));
const unexpected = [...bad.lines].filter((line) => !expected.has(line));
if (bad.status === 0 || missing.length || unexpected.length) {
  throw new Error(`bad.ts: expected errors on lines ${[...expected]}, missing ${missing}, unexpected ${unexpected}\n${bad.output}`);
}
console.log(`TypeScript declarations: ok.ts and warns.ts compile; bad.ts fails on all ${expected.size} marked lines and no others`);
