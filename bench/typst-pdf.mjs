// Compiles a Typst file to PDF with the npm Typst compiler (a peer in the
// benchmarks). usage: node typst-pdf.mjs IN.typ OUT.pdf
import { createRequire } from 'module';
import { writeFileSync } from 'fs';
import { dirname, resolve } from 'path';


const require = createRequire(import.meta.url);
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const [input, output] = process.argv.slice(2);
const compiler = NodeCompiler.create({ workspace: dirname(resolve(input)) });
writeFileSync(output, compiler.pdf({ mainFilePath: resolve(input) }));
