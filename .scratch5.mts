import fs from 'node:fs';
import { PDFDocument, PDFName } from 'pdf-lib';
const doc = await PDFDocument.load(fs.readFileSync('/tmp/doc.pdf'));
const p = doc.getPages()[0];
const c = p.node.normalizedEntries().Contents;
console.log(c?.constructor.name, c?.asArray().map((r) => [r.constructor.name, doc.context.lookup(r)?.constructor.name]));
console.log(p.node.get(PDFName.of('Contents'))?.constructor.name);
