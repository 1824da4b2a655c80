'use strict';
// What every flow of IBM's Node SDK shares: what it saw, what did not match, and how it ends. A flow fills `seen`,
// records mismatches with check (equal as JSON) or checkThat (an assert that must not throw), and hands its main
// function to run, which prints one JSON line ({ ok, mismatches, seen }, and the crash if it threw) and exits 0,
// 1 on any mismatch, 2 on a crash. IbmNodeSdkTest reads that line.
const seen = {};
const mismatches = [];

function check(what, actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    mismatches.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

function checkThat(what, test) {
  try {
    test();
  } catch (err) {
    mismatches.push(`${what}: ${err.message}`);
  }
}

/** The error a promise rejects with, or null when it resolves. */
async function failure(promise) {
  try {
    await promise;
    return null;
  } catch (err) {
    return err;
  }
}

function run(main) {
  main().then(
    () => {
      console.log(JSON.stringify({ ok: mismatches.length === 0, mismatches, seen }));
      process.exit(mismatches.length === 0 ? 0 : 1);
    },
    (err) => {
      mismatches.push(`crashed: ${err && (err.stack || err.message || err)}`);
      console.log(JSON.stringify({ ok: false, mismatches, seen,
        error: { status: err && err.status, message: err && err.message, body: err && err.body } }));
      process.exit(2);
    },
  );
}

module.exports = { seen, mismatches, check, checkThat, failure, run };
