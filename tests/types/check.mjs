// Checks the TypeScript declarations (assets/amocrm-notify.d.ts) with tsc: ok.ts, the reference's
// examples, must compile; bad.ts must fail on exactly the lines marked "error:" and no others. Then
// the API's document against them: openapi-typescript turns docs/openapi.json into types
// (generated/openapi.d.ts), backend.ts, a host backend typed by both, must compile, and
// backend-bad.ts must fail on exactly its marked lines.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const HERE = new URL(".", import.meta.url).pathname;
const TSC = new URL("../e2e/node_modules/typescript/bin/tsc", import.meta.url).pathname;
const OPENAPI_TS = new URL("../e2e/node_modules/openapi-typescript/bin/cli.js", import.meta.url).pathname;
const OPTIONS = ["--strict", "--noEmit", "--target", "ES2020", "--lib", "ES2020,DOM", "--pretty", "false"];
const MODULES = ["--module", "ES2020", "--moduleResolution", "bundler"];

function tsc(file) {
  const run = spawnSync(process.execPath, [TSC, ...OPTIONS, ...MODULES, `${HERE}${file}`], { encoding: "utf8" });
  if (run.error) throw run.error;
  const lines = new Set([...run.stdout.matchAll(/\((\d+),\d+\): error TS/g)].map((m) => Number(m[1])));
  return { status: run.status, output: run.stdout + run.stderr, lines };
}

const generate = spawnSync(
  process.execPath,
  [OPENAPI_TS, `${HERE}../../docs/openapi.json`, "-o", `${HERE}generated/openapi.d.ts`],
  { encoding: "utf8" },
);
if (generate.status !== 0) throw new Error(`openapi-typescript failed:\n${generate.stdout}${generate.stderr}`);

for (const file of ["ok.ts", "warns.ts", "backend.ts"]) {
  const run = tsc(file);
  if (run.status !== 0) throw new Error(`${file} must compile:\n${run.output}`);
}

for (const file of ["bad.ts", "backend-bad.ts"]) {
  const bad = tsc(file);
  const expected = new Set(
    readFileSync(`${HERE}${file}`, "utf8").split("\n").flatMap((line, i) => (line.includes("// error:") ? [i + 1] : [])),
  );
  const missing = [...expected].filter((line) => !bad.lines.has(line));
  const unexpected = [...bad.lines].filter((line) => !expected.has(line));
  if (bad.status === 0 || missing.length || unexpected.length) {
    throw new Error(`${file}: expected errors on lines ${[...expected]}, missing ${missing}, unexpected ${unexpected}\n${bad.output}`);
  }
  console.log(`${file} fails on all ${expected.size} marked lines and no others`);
}
console.log("TypeScript: ok.ts, warns.ts and backend.ts (the API's document against the declarations) compile");
