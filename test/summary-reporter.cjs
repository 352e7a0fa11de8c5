// Mocha reporter: the spec reporter's output, plus a plain "N passed, N failed" line
// written to SLUICE_TEST_SUMMARY (run-tests.mjs prints it last, after c8's report).
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => { passed++; });
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, () => { failed++; });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const line = `${passed} passed, ${failed} failed`;
      if (process.env.SLUICE_TEST_SUMMARY) fs.writeFileSync(process.env.SLUICE_TEST_SUMMARY, line + '\n');
      else console.log(line);
    });
  }
}
module.exports = SummaryReporter;
