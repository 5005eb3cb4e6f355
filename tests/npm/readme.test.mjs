// Every code example of the package README and of the repository README's npm section is run as a user would
// copy it: JS blocks by Node in this project (where the packed tarball is installed), TS blocks through
// `tsc --strict`. An example that stops compiling or running fails here, so the READMEs cannot drift.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO } from './lib.mjs';

function blocks(text, from = 0, to = text.length) {
  const out = [];
  const re = /^```(js|ts)\n([\s\S]*?)^```$/gm;
  for (const m of text.slice(from, to).matchAll(re)) out.push({ lang: m[1], code: m[2] });
  return out;
}

const npmReadme = readFileSync(join(REPO, 'npm/README.md'), 'utf8');
const repoReadme = readFileSync(join(REPO, 'README.md'), 'utf8');
const examples = [
  ...blocks(npmReadme).map((b, i) => ({ ...b, name: `npm/README.md block ${i + 1}` })),
  ...blocks(repoReadme, repoReadme.indexOf('<!-- npm:start -->'), repoReadme.indexOf('<!-- npm:end -->')).map((b, i) => ({
    ...b,
    name: `README.md npm section block ${i + 1}`,
  })),
];

test('the READMEs have JS and TS examples to run', () => {
  assert.ok(examples.some((e) => e.lang === 'js'));
  assert.ok(examples.some((e) => e.lang === 'ts'));
});

for (const [n, e] of examples.entries()) {
  test(`${e.name} (${e.lang}) runs`, () => {
    const base = `readme-example-${n}`;
    if (e.lang === 'js') {
      writeFileSync(`${base}.mjs`, e.code);
      const run = spawnSync(process.execPath, [`${base}.mjs`], { encoding: 'utf8' });
      assert.equal(run.status, 0, `${e.name} failed:\n${run.stderr}\n--- the example ---\n${e.code}`);
      return;
    }
    writeFileSync(`${base}.ts`, e.code);
    writeFileSync(
      `${base}.tsconfig.json`,
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [], skipLibCheck: false },
        files: [`${base}.ts`],
      }),
    );
    const run = spawnSync(join(REPO, 'node_modules/.bin/tsc'), ['-p', `${base}.tsconfig.json`], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${e.name} does not compile:\n${run.stdout}${run.stderr}\n--- the example ---\n${e.code}`);
  });
}
