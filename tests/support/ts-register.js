// Lets a child process run the TypeScript sources as they are (`node -r ./tests/support/ts-register.js
// bot/index.ts`), transpiled file by file as jest's ts-jest does, so the crash tests start the
// bot as `npm start` would without building into dist/ beside other tests.
const fs = require('node:fs');
const ts = require('typescript');

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  resolveJsonModule: true,
  inlineSourceMap: true,
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions: options, fileName: filename });
  module._compile(outputText, filename);
};
