// Lets a child process run the TypeScript sources as they are (`node -r ./tests/support/ts-register.js
// bot/index.ts`), transpiled file by file as jest's ts-jest does, so the crash tests start the
// bot as `npm start` would without building into dist/ beside other tests. Transpiled files are
// cached by content in the temp folder, so a bot started again starts quickly.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  resolveJsonModule: true,
  inlineSourceMap: true,
};
const cacheDir = path.join(os.tmpdir(), `uppfoljning-ts-${ts.version}`);
fs.mkdirSync(cacheDir, { recursive: true });

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const cached = path.join(cacheDir, `${crypto.createHash('sha256').update(filename).update('\0').update(source).digest('hex')}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
    const temp = `${cached}.${process.pid}`;
    fs.writeFileSync(temp, output);
    fs.renameSync(temp, cached);
  }
  module._compile(output, filename);
};
